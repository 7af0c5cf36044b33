// SPDX-License-Identifier: MIT
// The Hessian of a command's objective by central differences of exact gradients (see
// second_derivatives.hpp).
#include "cli/second_derivatives.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "autodiff/tape.hpp"

namespace tapegrad::cli {
namespace {

// f and ∇f at x, recorded on a checked tape and swept once.
double value_and_gradient_at(const Problem& problem, const std::vector<double>& x, Eigen::VectorXd& grad) {
  Tape tape({.checked = true});
  auto scope = tape.activate();
  std::vector<Var> parameters;
  const Var f = problem.record(tape, x, parameters);
  grad = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(x.size()));
  if (!f.is_recorded()) return f.value();
  const Adjoints<double> adjoints = tape.backward(f);
  for (std::size_t i = 0; i < parameters.size(); ++i) grad[static_cast<Eigen::Index>(i)] = adjoints[parameters[i]];
  return f.value();
}

}  // namespace

StationaryPointReport second_derivative_test(const Problem& problem, std::span<const double> at,
                                             ClassifyOptions options) {
  const std::vector<double> x(at.begin(), at.end());
  const auto n = static_cast<Eigen::Index>(x.size());
  Eigen::VectorXd gradient;
  const double value = value_and_gradient_at(problem, x, gradient);
  Eigen::MatrixXd hessian = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd plus, minus;
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    const double h = 1e-5 * std::max(1.0, std::abs(x[k]));
    std::vector<double> xp = x, xm = x;
    xp[k] += h;
    xm[k] -= h;
    value_and_gradient_at(problem, xp, plus);
    value_and_gradient_at(problem, xm, minus);
    hessian.row(i) = (plus - minus).transpose() / (xp[k] - xm[k]);
  }
  hessian = (0.5 * (hessian + hessian.transpose())).eval();
  return classify_hessian(value, std::move(gradient), std::move(hessian), options);
}

std::string_view classification_word(StationaryPoint kind) {
  switch (kind) {
    case StationaryPoint::minimum: return "minimum";
    case StationaryPoint::maximum: return "maximum";
    case StationaryPoint::saddle: return "saddle";
    case StationaryPoint::inconclusive: return "flat";
  }
  return "flat";
}

}  // namespace tapegrad::cli
