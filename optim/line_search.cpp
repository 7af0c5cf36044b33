// SPDX-License-Identifier: MIT
// Armijo backtracking and the strong-Wolfe bracket-and-zoom search (Nocedal & Wright, ch. 3).
#include "optim/line_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "optim/errors.hpp"

namespace tapegrad::optim {

namespace {

void require_descent(const char* where, double slope) {
  if (slope < 0.0) return;
  throw OptimError(fmt::format("{}: the direction is not a descent direction (∇L·d = {} ≥ 0); "
                               "pass d with ∇L(x)ᵀd < 0, e.g. d = −∇L(x)",
                               where, slope));
}

// One trial point of φ(α) = L(x + α·d): its value, slope φ'(α) = ∇L(x + α·d)ᵀd, and gradient.
struct Trial {
  double step = 0.0, value = 0.0, slope = 0.0;
  Eigen::VectorXd gradient;
};

// The minimiser of the cubic through (a, φ_a, φ'_a) and (b, φ_b, φ'_b) (N&W eq. 3.59), kept at
// least 10% of the interval away from its ends; the midpoint when the cubic has no minimum.
double cubic_step(const Trial& a, const Trial& b) {
  const double lo = std::min(a.step, b.step), hi = std::max(a.step, b.step);
  if (!std::isfinite(a.value) || !std::isfinite(b.value)) return 0.5 * (lo + hi);
  const double margin = 0.1 * (hi - lo);
  const double d1 = a.slope + b.slope - 3.0 * (a.value - b.value) / (a.step - b.step);
  const double disc = d1 * d1 - a.slope * b.slope;
  if (disc >= 0.0) {
    const double d2 = std::copysign(std::sqrt(disc), b.step - a.step);
    const double alpha =
        b.step - (b.step - a.step) * (b.slope + d2 - d1) / (b.slope - a.slope + 2.0 * d2);
    if (std::isfinite(alpha)) return std::clamp(alpha, lo + margin, hi - margin);
  }
  return 0.5 * (lo + hi);
}

}  // namespace

LineSearchResult armijo_backtracking(const Objective& objective, const Eigen::VectorXd& x,
                                     const Evaluation& at_x, const Eigen::VectorXd& d,
                                     double initial_step, Eigen::VectorXd& x_new,
                                     Evaluation& at_new, const ArmijoOptions& options) {
  detail::require_above("armijo_backtracking", "initial_step", initial_step, 0.0);
  detail::require_above("armijo_backtracking", "shrink", options.shrink, 0.0);
  detail::require_below("armijo_backtracking", "shrink", options.shrink, 1.0);
  const double slope = at_x.gradient.dot(d);
  require_descent("armijo_backtracking", slope);
  LineSearchResult result;
  double alpha = initial_step;
  while (result.evaluations < options.max_evaluations) {
    x_new = x + alpha * d;
    at_new.value = objective(x_new, at_new.gradient);
    ++result.evaluations;
    // L(x + α·d) ≤ L(x) + c₁·α·∇L(x)ᵀd; a NaN value fails this test and shrinks α.
    if (at_new.value <= at_x.value + options.c1 * alpha * slope) {
      result.success = true;
      result.step = alpha;
      return result;
    }
    alpha *= options.shrink;
  }
  return result;
}

LineSearchResult strong_wolfe(const Objective& objective, const Eigen::VectorXd& x,
                              const Evaluation& at_x, const Eigen::VectorXd& d, double initial_step,
                              Eigen::VectorXd& x_new, Evaluation& at_new,
                              const StrongWolfeOptions& options) {
  detail::require_above("strong_wolfe", "initial_step", initial_step, 0.0);
  if (!(0.0 < options.c1 && options.c1 < options.c2 && options.c2 < 1.0))
    throw OptimError(fmt::format("strong_wolfe: need 0 < c1 < c2 < 1, got c1 = {}, c2 = {}",
                                 options.c1, options.c2));
  const double slope0 = at_x.gradient.dot(d);
  require_descent("strong_wolfe", slope0);
  LineSearchResult result;

  const auto evaluate = [&](double alpha) {
    Trial t;
    t.step = alpha;
    x_new = x + alpha * d;
    t.value = objective(x_new, t.gradient);
    t.slope = t.gradient.dot(d);
    ++result.evaluations;
    return t;
  };
  const auto sufficient_decrease = [&](const Trial& t) {
    return t.value <= at_x.value + options.c1 * t.step * slope0;
  };
  const auto curvature = [&](const Trial& t) {
    return std::abs(t.slope) <= -options.c2 * slope0;
  };
  const auto accept = [&](Trial& t) {
    x_new = x + t.step * d;
    at_new.value = t.value;
    at_new.gradient = std::move(t.gradient);
    result.success = true;
    result.step = t.step;
    return result;
  };

  // Algorithm 3.6: the interval between lo and hi contains a step satisfying the conditions;
  // lo is the best trial so far that has sufficient decrease.
  const auto zoom = [&](Trial lo, Trial hi) {
    while (result.evaluations < options.max_evaluations) {
      Trial t = evaluate(cubic_step(lo, hi));
      if (!sufficient_decrease(t) || t.value >= lo.value) {
        hi = std::move(t);
        continue;
      }
      if (curvature(t)) return accept(t);
      if (t.slope * (hi.step - lo.step) >= 0.0) hi = lo;
      lo = std::move(t);
    }
    // Out of evaluations: the best point with sufficient decrease is still a decrease.
    if (lo.step > 0.0) {
      accept(lo);
      result.success = false;  // the curvature condition did not hold
      result.step = lo.step;
    }
    return result;
  };

  // Algorithm 3.5: grow α until the interval [previous, α] must contain an acceptable step.
  Trial previous{.step = 0.0, .value = at_x.value, .slope = slope0, .gradient = at_x.gradient};
  double alpha = std::min(initial_step, options.max_step);
  while (result.evaluations < options.max_evaluations) {
    Trial t = evaluate(alpha);
    if (!std::isfinite(t.value)) {  // stepped off the domain: search below α
      Trial hi = std::move(t);
      hi.value = std::numeric_limits<double>::infinity();  // cubic_step then bisects
      hi.slope = 0.0;
      return zoom(std::move(previous), std::move(hi));
    }
    if (!sufficient_decrease(t) || (previous.step > 0.0 && t.value >= previous.value))
      return zoom(std::move(previous), std::move(t));
    if (curvature(t)) return accept(t);
    if (t.slope >= 0.0) return zoom(std::move(t), std::move(previous));
    if (alpha >= options.max_step) break;
    previous = std::move(t);
    alpha = std::min(2.0 * alpha, options.max_step);
  }
  if (previous.step > 0.0) {  // a decrease without the curvature condition
    accept(previous);
    result.success = false;
  }
  return result;
}

}  // namespace tapegrad::optim
