// SPDX-License-Identifier: MIT
// Gradient checking: the tape's gradient against finite differences (a self-check, also for
// custom ops), and a user's hand-derived gradient against the tape's, at one point or at seeded
// random points in a box, with a report that says which component is wrong and how.
//
//   auto f = [](const auto& x) { using std::sin; return sin(2 * x[0]); };   // written once
//   auto hand = [](const Eigen::VectorXd& x) { return Eigen::VectorXd::Constant(1, std::cos(2 * x[0])); };
//   auto report = check_hand_gradient(f, hand, RandomPoints{.lower = lo, .upper = hi});
//   fmt::print("{}", to_text(report));   // x0: off by a constant factor 1/2 … inner u = 2·x0
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "autodiff/eigen_support.hpp"
#include "autodiff/check/finite_difference.hpp"
#include "autodiff/check/report.hpp"
#include "autodiff/check/diagnosis.hpp"
#include "autodiff/var.hpp"

namespace tapegrad {

// Two numbers a and b agree when |a − b| ≤ atol + rtol·max(|a|, |b|) + norm_rtol·‖∇f_AD‖∞.
// The relative part judges ordinary components; the norm part keeps a component that should be
// 0 but comes out as 1e-17 (cancellation) from a false alarm, in units of the whole gradient
// rather than of the component itself; atol covers a gradient that is 0 altogether.
struct Tolerance {
  double rtol = 1e-6;
  double atol = 1e-12;
  double norm_rtol = 1e-9;
};

struct GradientCheckOptions {
  // Hand-derived against the tape: both are exact formulas, so only rounding separates them.
  Tolerance hand{.rtol = 1e-6, .atol = 1e-12, .norm_rtol = 1e-9};
  // The tape against finite differences: FD carries truncation error (≈ 1e-10 relative for
  // central differences on smooth f) and rounding noise (≈ ε·|f|/h, estimated per component and
  // allowed fd_noise_factor times on top).
  Tolerance fd{.rtol = 1e-5, .atol = 1e-10, .norm_rtol = 1e-7};
  double fd_noise_factor = 10.0;
  FdOptions fd_options{};
  bool finite_differences = true;
  // Names of the components for the report; empty gives x0, x1, ….
  std::vector<std::string> names{};
  std::string function_name = "f";
  // The diagnosis: see DiagnosisOptions (sample_count lets it name a factor n or 1/n).
  bool diagnose = true;
  double ratio_rtol = 1e-6;
  std::optional<double> sample_count{};
};

using RecordFunction = std::function<Var(const VectorXv<>&)>;
using ValueAndGradientFunction = std::function<double(const Eigen::VectorXd&, Eigen::VectorXd&)>;
using HandGradient = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;
using HandPartial = std::function<double(const Eigen::VectorXd&)>;

// What is checked. Give `record` (f over Vars; the checker records it on its own tape, which
// also lets the diagnosis name inner expressions), or `value_and_gradient` (any gradient source,
// e.g. a parsed expression evaluated elsewhere). `value` evaluates f on doubles for finite
// differences; without it `record` runs on constant Vars (which record nothing and compute the
// same doubles) or `value_and_gradient` is called. The hand gradient is `hand` (a vector) or
// `hand_partials` (one callable per component; an empty one leaves that component unchecked).
struct CheckedFunction {
  RecordFunction record{};
  ValueAndGradientFunction value_and_gradient{};
  ScalarFunction value{};
  HandGradient hand{};
  std::vector<HandPartial> hand_partials{};
};

// Points drawn uniformly from the box [lower, upper] with a seeded mt19937_64, the same on every
// platform (the uniform mapping is spelled out rather than left to std::uniform_real_distribution).
struct RandomPoints {
  Eigen::VectorXd lower;
  Eigen::VectorXd upper;
  std::size_t count = 5;
  std::uint64_t seed = 1;
};
std::vector<Eigen::VectorXd> random_points(const RandomPoints& box);

// Where to check: one point, a list, or random points in a box.
struct CheckPoints {
  std::vector<Eigen::VectorXd> points;
  template <class Derived>  // any Eigen vector: VectorXd, Vector2d, …
  CheckPoints(const Eigen::MatrixBase<Derived>& x) : points{Eigen::VectorXd(x)} {}  // NOLINT
  CheckPoints(std::vector<Eigen::VectorXd> xs) : points(std::move(xs)) {}  // NOLINT
  CheckPoints(const RandomPoints& box) : points(random_points(box)) {}  // NOLINT
};

// The check itself. Throws tapegrad::Error on inconsistent input (no points, points of
// different sizes, a hand gradient of the wrong size, neither record nor value_and_gradient).
GradientCheckReport check_gradient(const CheckedFunction& f, const CheckPoints& at,
                                   const GradientCheckOptions& options = {});

// f written once as a generic callable (or over Var): `[](const auto& x) { return … x[0] … }`.
template <class F>
RecordFunction record_function(F f) {
  return [f = std::move(f)](const VectorXv<>& x) -> Var { return f(x); };
}

// The user's hand-derived gradient against the tape's (and the tape's against FD).
template <class F>
GradientCheckReport check_hand_gradient(F f, HandGradient hand, const CheckPoints& at,
                                        const GradientCheckOptions& options = {}) {
  return check_gradient({.record = record_function(std::move(f)), .hand = std::move(hand)}, at,
                        options);
}
// The same with one callable per component.
template <class F>
GradientCheckReport check_hand_partials(F f, std::vector<HandPartial> partials,
                                        const CheckPoints& at,
                                        const GradientCheckOptions& options = {}) {
  return check_gradient(
      {.record = record_function(std::move(f)), .hand_partials = std::move(partials)}, at,
      options);
}
// The tape's gradient against finite differences only (a self-check of the tape and custom ops).
template <class F>
GradientCheckReport check_tape_gradient(F f, const CheckPoints& at,
                                        const GradientCheckOptions& options = {}) {
  return check_gradient({.record = record_function(std::move(f))}, at, options);
}

}  // namespace tapegrad
