// SPDX-License-Identifier: MIT
// The gradient check's tolerances: components that should be 0 do not false-alarm, badly scaled
// inputs (x ~ 1e6 next to x ~ 1e-6) are checked correctly, and a real error is still caught.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "autodiff/autodiff.hpp"
#include "autodiff/check/gradient_check.hpp"
#include "tests/autodiff/check/gradient_check_printing.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

namespace {

// f(x, y) = 0.1·x + 0.2·x − 0.3·x + 1000·y²: ∂f/∂x is 0 in exact arithmetic, but the tape
// accumulates 0.1 + 0.2 − 0.3 = 5.55e-17, while ∂f/∂y = 2000·y is large.
Var cancelling(const VectorXv<>& v) {
  return 0.1 * v[0] + 0.2 * v[0] - 0.3 * v[0] + 1000.0 * v[1] * v[1];
}
Eigen::VectorXd cancelling_hand(const Eigen::VectorXd& v) {
  return Eigen::Vector2d(0.0, 2000.0 * v[1]);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gradient_check_tolerance)

BOOST_AUTO_TEST_CASE(rounding_in_a_zero_component_is_not_an_error) {
  GradientCheckOptions options;
  options.hand.atol = 0.0;  // only the gradient-norm part of the tolerance is left for x
  const auto report = check_hand_gradient(cancelling, cancelling_hand, Eigen::Vector2d(3.0, 2.0),
                                          options);
  const auto& x = report.row(0, 0);
  BOOST_TEST(x.ad != 0.0);           // the rounding is really there …
  BOOST_TEST(x.rel_error == 1.0);    // … and a purely relative error would call it wrong,
  BOOST_TEST(x.verdict == Verdict::ok);  // but relative to ‖∇f‖ it is nothing.
  BOOST_TEST(report.summary.passed);
}

BOOST_AUTO_TEST_CASE(a_purely_relative_tolerance_would_false_alarm) {
  // The same check with the gradient-norm part switched off flags x: the test above is not
  // passing by accident.
  GradientCheckOptions options;
  options.hand = {.rtol = 1e-6, .atol = 0.0, .norm_rtol = 0.0};
  const auto report = check_hand_gradient(cancelling, cancelling_hand, Eigen::Vector2d(3.0, 2.0),
                                          options);
  BOOST_TEST(report.row(0, 0).verdict == Verdict::hand_mismatch);
}

BOOST_AUTO_TEST_CASE(finite_differences_of_a_zero_component_stay_within_their_noise) {
  // FD of ∂f/∂x carries rounding noise ≈ ε·|f|/h ≫ 5.55e-17; the noise estimate absorbs it.
  const auto report = check_tape_gradient(cancelling, Eigen::Vector2d(3.0, 2.0));
  BOOST_TEST(report.row(0, 0).verdict == Verdict::ok);
  BOOST_TEST(report.summary.passed);
}

BOOST_AUTO_TEST_CASE(a_wrong_small_component_next_to_a_large_one_is_caught) {
  // ∂f/∂x = 1e-3 (not 0) next to ∂f/∂y = 4000: 1e-3 is far above the tolerance.
  auto f = [](const VectorXv<>& v) { return 1e-3 * v[0] + 1000.0 * v[1] * v[1]; };
  const auto report = check_hand_gradient(f, cancelling_hand, Eigen::Vector2d(3.0, 2.0));
  BOOST_TEST(report.row(0, 0).verdict == Verdict::hand_mismatch);
  BOOST_TEST_REQUIRE(report.diagnosis(0) != nullptr);
  BOOST_TEST(report.diagnosis(0)->kind == DiagnosisKind::missing_term);
}

BOOST_AUTO_TEST_CASE(badly_scaled_inputs_pass_with_default_steps) {
  // f(a, b) = a²·b + sqrt(a)·b at a = 1e6, b = 1e-6: ∇f = (2ab + b/(2√a), a² + √a) = (≈2, ≈1e12).
  auto f = [](const VectorXv<>& v) { return v[0] * v[0] * v[1] + sqrt(v[0]) * v[1]; };
  auto hand = [](const Eigen::VectorXd& v) {
    return Eigen::Vector2d(2 * v[0] * v[1] + v[1] / (2 * std::sqrt(v[0])),
                           v[0] * v[0] + std::sqrt(v[0]))
        .eval();
  };
  const auto report = check_hand_gradient(f, hand, Eigen::Vector2d(1e6, 1e-6));
  BOOST_TEST(report.row(0, 0).ad == 2.0, tt::tolerance(1e-9));
  BOOST_TEST(report.row(0, 1).ad == 1e12, tt::tolerance(1e-9));
  BOOST_TEST(report.summary.passed);
  BOOST_TEST(report.row(0, 0).fd_rel_error < 1e-6);
  BOOST_TEST(report.row(0, 1).fd_rel_error < 1e-6);
}

BOOST_AUTO_TEST_CASE(a_tiny_input_inside_a_log_needs_its_typical_scale) {
  // f = √a + log(b) at a = 1e6, b = 1e-6: the default step 6e-6 steps b below 0 and FD is NaN,
  // which the report shows as the tape disagreeing with FD; with typical_x = 1e-6 for b it passes.
  auto f = [](const VectorXv<>& v) { return sqrt(v[0]) + log(v[1]); };
  const Eigen::Vector2d x(1e6, 1e-6);
  const auto with_defaults = check_tape_gradient(f, x);
  BOOST_TEST(with_defaults.row(0, 1).verdict == Verdict::fd_mismatch);
  BOOST_TEST(with_defaults.summary.fd_disagreeing_components == std::vector<std::string>{"x1"});

  GradientCheckOptions options;
  options.fd_options.typical_x = {1.0, 1e-6};
  const auto scaled = check_tape_gradient(f, x, options);
  BOOST_TEST(scaled.summary.passed);
  BOOST_TEST(scaled.row(0, 1).fd == 1e6, tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(badly_scaled_wrong_sign_is_still_diagnosed) {
  auto f = [](const VectorXv<>& v) { return v[0] * v[0] * v[1]; };
  auto hand = [](const Eigen::VectorXd& v) {
    return Eigen::Vector2d(2 * v[0] * v[1], -v[0] * v[0]).eval();
  };
  const auto report = check_hand_gradient(
      f, hand,
      RandomPoints{.lower = Eigen::Vector2d(1e5, 1e-7), .upper = Eigen::Vector2d(1e6, 1e-6)});
  BOOST_TEST(report.summary.wrong_components == std::vector<std::string>{"x1"});
  BOOST_TEST_REQUIRE(report.diagnosis(1) != nullptr);
  BOOST_TEST(report.diagnosis(1)->kind == DiagnosisKind::opposite_sign);
  BOOST_TEST(report.summary.fd_mismatches == 0u);
}

BOOST_AUTO_TEST_CASE(relative_error_is_zero_when_both_are_zero) {
  auto f = [](const VectorXv<>& v) { return v[0] * v[0]; };
  const auto report = check_hand_gradient(
      f, [](const Eigen::VectorXd& v) { return Eigen::VectorXd::Constant(1, 2 * v[0]); },
      Eigen::VectorXd::Zero(1));
  BOOST_TEST(report.row(0, 0).rel_error == 0.0);
  BOOST_TEST(report.row(0, 0).verdict == Verdict::ok);
}

BOOST_AUTO_TEST_CASE(every_scheme_confirms_a_smooth_tape_gradient) {
  auto f = [](const VectorXv<>& v) { return exp(v[0]) * sin(3 * v[1]) + tanh(v[0] * v[1]); };
  for (FdScheme scheme : {FdScheme::forward, FdScheme::central, FdScheme::richardson}) {
    GradientCheckOptions options;
    options.fd_options.scheme = scheme;
    if (scheme == FdScheme::forward) options.fd.rtol = 1e-6;  // O(h) with h ≈ 1.5e-8
    const auto report = check_tape_gradient(
        f, RandomPoints{.lower = Eigen::Vector2d(-1, -1), .upper = Eigen::Vector2d(1, 1)},
        options);
    BOOST_TEST(report.summary.passed);
  }
}

BOOST_AUTO_TEST_SUITE_END()
