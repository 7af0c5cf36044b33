// SPDX-License-Identifier: MIT
// L-BFGS: two-loop recursion for the direction, a line search for the step.
#include "optim/lbfgs.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "optim/errors.hpp"

namespace tapegrad::optim {

Lbfgs::Lbfgs(LbfgsOptions options) : options_(options) {
  detail::require_above("Lbfgs", "memory", options_.memory, 1.0, true);
  detail::require_above("Lbfgs", "learning_rate", options_.learning_rate, 0.0);
}

void Lbfgs::reset() {
  s_.clear();
  y_.clear();
}

Eigen::VectorXd Lbfgs::direction(const Eigen::VectorXd& g) const {
  const std::size_t k = s_.size();
  std::vector<double> a(k), rho(k);
  Eigen::VectorXd q = g;
  for (std::size_t j = k; j-- > 0;) {  // newest to oldest
    rho[j] = 1.0 / y_[j].dot(s_[j]);
    a[j] = rho[j] * s_[j].dot(q);
    q -= a[j] * y_[j];
  }
  const double gamma = k == 0 ? 1.0 : s_.back().dot(y_.back()) / y_.back().squaredNorm();
  Eigen::VectorXd r = gamma * q;
  for (std::size_t j = 0; j < k; ++j) {  // oldest to newest
    const double b = rho[j] * y_[j].dot(r);
    r += s_[j] * (a[j] - b);
  }
  return -r;
}

LineSearchResult Lbfgs::search(const Objective& objective, const Eigen::VectorXd& x,
                               const Evaluation& at_x, const Eigen::VectorXd& d, double alpha0,
                               Eigen::VectorXd& x_new, Evaluation& at_new) const {
  if (options_.line_search == LineSearchKind::armijo)
    return armijo_backtracking(objective, x, at_x, d, alpha0, x_new, at_new, options_.armijo);
  return strong_wolfe(objective, x, at_x, d, alpha0, x_new, at_new, options_.strong_wolfe);
}

StepOutcome Lbfgs::step(Eigen::VectorXd& x, Evaluation& at_x, double learning_rate,
                        const Objective& objective) {
  if (!s_.empty() && s_.back().size() != x.size())
    throw OptimError(fmt::format("Lbfgs: x has {} components but the stored pairs have {}; call "
                                 "reset() before optimizing a different parameter vector",
                                 x.size(), s_.back().size()));
  Eigen::VectorXd d = direction(at_x.gradient);
  if (!(at_x.gradient.dot(d) < 0.0)) {  // lost positive definiteness (or g = 0): restart
    reset();
    d = -at_x.gradient;
  }
  StepOutcome outcome;
  if (!(at_x.gradient.dot(d) < 0.0)) {  // g = 0: already stationary, nothing to search along
    outcome.stalled = true;
    outcome.step_size = 0.0;
    return outcome;
  }
  // Without curvature pairs −g has the gradient's scale, not the step's: cap the first trial.
  const double alpha0 =
      s_.empty() ? learning_rate * std::min(1.0, 1.0 / at_x.gradient.norm()) : learning_rate;
  LineSearchResult found = search(objective, x, at_x, d, alpha0, x_new_, at_new_);
  if (found.step <= 0.0 && !s_.empty()) {  // the pairs may mislead: retry along −g
    reset();
    d = -at_x.gradient;
    found = search(objective, x, at_x, d,
                   learning_rate * std::min(1.0, 1.0 / at_x.gradient.norm()), x_new_, at_new_);
  }
  if (found.step <= 0.0) {
    outcome.stalled = true;
    outcome.step_size = 0.0;
    return outcome;
  }
  Eigen::VectorXd s = x_new_ - x;
  Eigen::VectorXd y = at_new_.gradient - at_x.gradient;
  if (s.dot(y) > 1e-10 * y.squaredNorm()) {
    if (s_.size() == static_cast<std::size_t>(options_.memory)) {
      s_.pop_front();
      y_.pop_front();
    }
    s_.push_back(std::move(s));
    y_.push_back(std::move(y));
  }
  x.swap(x_new_);
  std::swap(at_x, at_new_);
  outcome.evaluated = true;
  outcome.step_size = found.step;
  return outcome;
}

}  // namespace tapegrad::optim
