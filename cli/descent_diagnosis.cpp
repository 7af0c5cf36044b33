// SPDX-License-Identifier: MIT
// Warnings after a descent (see descent_diagnosis.hpp): the second-derivative test where the
// gradient vanished, and a look at the last steps' directions for an oscillation.
#include "cli/descent_diagnosis.hpp"

#include <fmt/format.h>

#include <cmath>

#include "cli/number_format.hpp"
#include "cli/second_derivatives.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {
namespace {

// The last `count` updates each reverse the one before (x_t − x_{t−1} points against
// x_{t−1} − x_{t−2}) without getting shorter: the iterates jump across the valley and back.
bool oscillates(const std::vector<optim::StepRecord>& history) {
  constexpr std::size_t count = 4;
  if (history.size() < count + 2) return false;
  const std::size_t n = history.size();
  for (std::size_t k = n - count; k < n; ++k) {
    if (history[k].params.size() == 0) return false;
    const Eigen::VectorXd d = history[k].params - history[k - 1].params;
    const Eigen::VectorXd before = history[k - 1].params - history[k - 2].params;
    if (d.norm() == 0.0 || d.dot(before) >= 0.0) return false;  // not a reversal
    if (d.norm() < 0.99 * before.norm()) return false;           // shrinking: it converges
  }
  return true;
}

}  // namespace

std::vector<DescentWarning> descent_warnings(const Problem& problem, const optim::MinimizeResult& result,
                                             double learning_rate) {
  std::vector<DescentWarning> out;
  if (oscillates(result.history)) {
    out.push_back({"oscillation",
                   fmt::format(fmt::runtime(tr("the parameters jump back and forth without settling (each step "
                               "reverses the one before and is no shorter): the learning rate {} "
                               "is too large; try a smaller one, such as {}")),
                               format_number(learning_rate), format_number(learning_rate / 2))});
  }
  const bool finite = std::isfinite(result.value) && result.gradient.allFinite();
  if (finite && result.x.size() > 0 &&
      result.gradient.lpNorm<Eigen::Infinity>() <= command_classify_options.gradient_tolerance) {
    const std::vector<double> x(result.x.data(), result.x.data() + result.x.size());
    try {
      const StationaryPointReport r = second_derivative_test(problem, x);
      if (r.kind == StationaryPoint::maximum || r.kind == StationaryPoint::saddle) {
        std::vector<std::string> eigenvalues;
        for (Eigen::Index i = 0; i < r.eigenvalues.size(); ++i)
          eigenvalues.push_back(fmt::format("{:.6g}", r.eigenvalues[i]));
        const bool maximum = r.kind == StationaryPoint::maximum;
        out.push_back({std::string(classification_word(r.kind)),
                       fmt::format(fmt::runtime(tr("the gradient is zero here, but this is {}, not a minimum (the "
                                   "Hessian's eigenvalues: {}); gradient descent cannot leave it: "
                                   "start from another point")),
                                   maximum ? tr("a maximum") : tr("a saddle point"),
                                   fmt::join(eigenvalues, ", "))});
      }
    } catch (const DomainError&) {
      // The point is at the edge of the domain (such as sqrt at 0): no test there.
    } catch (const DataRowError&) {
      // The same, on a row of the data.
    }
  }
  return out;
}

}  // namespace tapegrad::cli
