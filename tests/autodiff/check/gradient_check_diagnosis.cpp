// SPDX-License-Identifier: MIT
// Each diagnosis of a wrong hand-derived component: opposite sign, constant factors (2, 1/2,
// n, 1/n), a missing term, an extra term, a forgotten inner derivative (constant and not), and
// no clear pattern; plus how factors are written.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "autodiff/autodiff.hpp"
#include "autodiff/check/gradient_check.hpp"
#include "tests/autodiff/check/gradient_check_printing.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

namespace {

RandomPoints box(int n, std::uint64_t seed = 11) {
  return {.lower = Eigen::VectorXd::Constant(n, -2.0),
          .upper = Eigen::VectorXd::Constant(n, 2.0),
          .count = 6,
          .seed = seed};
}

Eigen::VectorXd vec(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (double x : values) v[i++] = x;
  return v;
}

// A copy: callers pass the report as a temporary.
Diagnosis only_diagnosis(const GradientCheckReport& r, std::size_t component) {
  BOOST_TEST_REQUIRE(r.diagnoses.size() == 1u);
  BOOST_TEST_REQUIRE(r.diagnoses[0].component == component);
  return r.diagnoses[0];
}

// Σ_i (x − d_i)² over three samples d = 1, 2, 4 (or its mean).
constexpr double samples[] = {1.0, 2.0, 4.0};
Var squared_errors(const VectorXv<>& x, bool mean) {
  Var sum = 0.0;
  for (double d : samples) sum += pow(x[0] - d, 2);
  return mean ? sum / 3.0 : sum;
}
double squared_errors_derivative(const Eigen::VectorXd& x) {
  double s = 0.0;
  for (double d : samples) s += 2 * (x[0] - d);
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gradient_check_diagnosis)

BOOST_AUTO_TEST_CASE(lesson_000_sign_error_is_opposite_sign_with_its_inner_expression) {
  // L = (y − (w1·x + w0))² at x = 1, y = 2, w0 = w1 = 0; the lesson's ∂L/∂w0 = +2(y − ŷ) = +4.
  auto loss = [](const VectorXv<>& w) { return pow(2.0 - (w[1] * 1.0 + w[0]), 2); };
  auto lesson = [](const Eigen::VectorXd& w) {
    const double r = 2.0 - (w[1] + w[0]);
    return vec({+2 * r, -2 * r});
  };
  const auto report = check_hand_gradient(loss, lesson, Eigen::Vector2d(0, 0),
                                          {.names = {"w0", "w1"}, .function_name = "L"});
  BOOST_TEST(report.row(0, 0).ad == -4.0);
  BOOST_TEST(report.row(0, 0).hand == 4.0);
  BOOST_TEST(report.row(0, 0).verdict == Verdict::hand_mismatch);
  BOOST_TEST(report.row(0, 1).verdict == Verdict::ok);
  const Diagnosis& d = only_diagnosis(report, 0);
  BOOST_TEST(d.kind == DiagnosisKind::opposite_sign);
  BOOST_TEST(d.factor == -1.0);
  BOOST_TEST(d.factor_text == "−1");
  BOOST_TEST(d.inner == "2 − (w1·1 + w0)");
}

BOOST_AUTO_TEST_CASE(opposite_sign_without_an_inner_expression) {
  // f = x0² + x1²; hand ∂/∂x1 = −2·x1. No recorded node has derivative −1.
  auto f = [](const VectorXv<>& x) { return x[0] * x[0] + x[1] * x[1]; };
  auto hand = [](const Eigen::VectorXd& x) { return vec({2 * x[0], -2 * x[1]}); };
  const Diagnosis& d = only_diagnosis(check_hand_gradient(f, hand, box(2)), 1);
  BOOST_TEST(d.kind == DiagnosisKind::opposite_sign);
  BOOST_TEST(d.inner.empty());
  BOOST_TEST(d.points == 6u);
}

BOOST_AUTO_TEST_CASE(constant_factor_two) {
  auto f = [](const VectorXv<>& x) { return x[0] * x[0] + x[1] * x[1]; };
  auto hand = [](const Eigen::VectorXd& x) { return vec({4 * x[0], 2 * x[1]}); };
  const Diagnosis& d = only_diagnosis(check_hand_gradient(f, hand, box(2)), 0);
  BOOST_TEST(d.kind == DiagnosisKind::constant_factor);
  BOOST_TEST(d.factor == 2.0, tt::tolerance(1e-12));
  BOOST_TEST(d.factor_text == "2");
}

BOOST_AUTO_TEST_CASE(constant_factor_one_half) {
  // d/dx x² written as x (the power's 2 dropped).
  auto f = [](const VectorXv<>& x) { return x[0] * x[0] + x[1] * x[1]; };
  auto hand = [](const Eigen::VectorXd& x) { return vec({x[0], 2 * x[1]}); };
  const Diagnosis& d = only_diagnosis(check_hand_gradient(f, hand, box(2)), 0);
  BOOST_TEST(d.kind == DiagnosisKind::constant_factor);
  BOOST_TEST(d.factor_text == "1/2");
  BOOST_TEST(d.message.find("chain rule") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sum_where_the_loss_takes_the_mean_is_factor_n) {
  GradientCheckOptions options;
  options.sample_count = 3;
  const auto report = check_hand_gradient(
      [](const VectorXv<>& x) { return squared_errors(x, true); },
      [](const Eigen::VectorXd& x) { return vec({squared_errors_derivative(x)}); }, box(1),
      options);
  const Diagnosis& d = only_diagnosis(report, 0);
  BOOST_TEST(d.kind == DiagnosisKind::constant_factor);
  BOOST_TEST(d.factor == 3.0, tt::tolerance(1e-12));
  BOOST_TEST(d.factor_text == "n = 3");
  BOOST_TEST(d.message.find("mean") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mean_where_the_loss_sums_is_factor_one_over_n) {
  GradientCheckOptions options;
  options.sample_count = 3;
  const auto report = check_hand_gradient(
      [](const VectorXv<>& x) { return squared_errors(x, false); },
      [](const Eigen::VectorXd& x) { return vec({squared_errors_derivative(x) / 3}); }, box(1),
      options);
  const Diagnosis& d = only_diagnosis(report, 0);
  BOOST_TEST(d.kind == DiagnosisKind::constant_factor);
  BOOST_TEST(d.factor_text == "1/n = 1/3");
}

BOOST_AUTO_TEST_CASE(without_sample_count_the_factor_is_a_plain_number) {
  const auto report = check_hand_gradient(
      [](const VectorXv<>& x) { return squared_errors(x, true); },
      [](const Eigen::VectorXd& x) { return vec({squared_errors_derivative(x)}); }, box(1));
  BOOST_TEST(only_diagnosis(report, 0).factor_text == "3");
}

BOOST_AUTO_TEST_CASE(zero_where_ad_is_not_is_a_missing_term) {
  // f = x0·x1 + x0²; the hand partial for x1 forgets that x0·x1 depends on x1.
  auto f = [](const VectorXv<>& x) { return x[0] * x[1] + x[0] * x[0]; };
  const auto report = check_hand_partials(
      f,
      {[](const Eigen::VectorXd& x) { return x[1] + 2 * x[0]; },
       [](const Eigen::VectorXd&) { return 0.0; }},
      box(2));
  const Diagnosis& d = only_diagnosis(report, 1);
  BOOST_TEST(d.kind == DiagnosisKind::missing_term);
}

BOOST_AUTO_TEST_CASE(nonzero_where_ad_is_zero_is_an_extra_term) {
  auto f = [](const VectorXv<>& x) { return x[0] * x[0] + 0.0 * x[1]; };
  auto hand = [](const Eigen::VectorXd& x) { return vec({2 * x[0], x[1] + 3}); };
  const Diagnosis& d = only_diagnosis(check_hand_gradient(f, hand, box(2)), 1);
  BOOST_TEST(d.kind == DiagnosisKind::extra_term);
}

BOOST_AUTO_TEST_CASE(sin_2x_written_as_cos_2x_is_a_forgotten_inner_derivative) {
  auto f = [](const auto& x) {
    using std::sin;
    return sin(2 * x[0]);
  };
  auto hand = [](const Eigen::VectorXd& x) { return vec({std::cos(2 * x[0])}); };
  const Diagnosis& d = only_diagnosis(check_hand_gradient(f, hand, box(1)), 0);
  BOOST_TEST(d.kind == DiagnosisKind::forgotten_inner_derivative);
  BOOST_TEST(d.factor == 0.5, tt::tolerance(1e-12));
  BOOST_TEST(d.factor_text == "1/2");
  BOOST_TEST(d.inner == "2·x0");
}

BOOST_AUTO_TEST_CASE(the_whole_inner_argument_is_named) {
  // Lesson 000: (3x + 5)² → 2(3x + 5)·3; written as 2(3x + 5). Both 3·x and 3·x + 5 have
  // derivative 3; the checker names the whole argument of the square.
  auto f = [](const VectorXv<>& x) { return pow(3 * x[0] + 5, 2); };
  auto hand = [](const Eigen::VectorXd& x) { return vec({2 * (3 * x[0] + 5)}); };
  const Diagnosis& d = only_diagnosis(check_hand_gradient(f, hand, box(1)), 0);
  BOOST_TEST(d.kind == DiagnosisKind::forgotten_inner_derivative);
  BOOST_TEST(d.factor_text == "1/3");
  BOOST_TEST(d.inner == "3·x0 + 5");
}

BOOST_AUTO_TEST_CASE(a_nonlinear_inner_expression_is_found_from_tangents) {
  // d/dx sin(x²) written as cos(x²): hand/AD = 1/(2x) changes, hand·∂(x·x)/∂x = AD does not.
  auto f = [](const VectorXv<>& x) { return sin(x[0] * x[0]); };
  auto hand = [](const Eigen::VectorXd& x) { return vec({std::cos(x[0] * x[0])}); };
  const Diagnosis& d = only_diagnosis(check_hand_gradient(f, hand, box(1)), 0);
  BOOST_TEST(d.kind == DiagnosisKind::forgotten_inner_derivative);
  BOOST_TEST(std::isnan(d.factor));
  BOOST_TEST(d.inner == "x0·x0");
}

BOOST_AUTO_TEST_CASE(three_layers_name_the_middle_one_that_was_dropped) {
  // ln(sin((x² + 1)³)): hand keeps the outer and middle derivatives but drops 3(x² + 1)²·2x,
  // the derivative of the innermost (x² + 1)³ — i.e. hand = cot(u)·… without ∂u/∂x.
  auto f = [](const VectorXv<>& x) { return log(sin(pow(x[0] * x[0] + 1, 3))); };
  auto hand = [](const Eigen::VectorXd& x) {
    const double u = std::pow(x[0] * x[0] + 1, 3);
    return vec({std::cos(u) / std::sin(u)});
  };
  const RandomPoints near_zero{.lower = Eigen::VectorXd::Constant(1, 0.1),
                               .upper = Eigen::VectorXd::Constant(1, 0.4),
                               .count = 4,
                               .seed = 5};
  const Diagnosis& d = only_diagnosis(check_hand_gradient(f, hand, near_zero), 0);
  BOOST_TEST(d.kind == DiagnosisKind::forgotten_inner_derivative);
  BOOST_TEST(d.inner == "(x0·x0 + 1)^3");
}

BOOST_AUTO_TEST_CASE(a_wrong_power_has_no_clear_pattern) {
  // d/dx x³ written as 2x: hand/AD = 2/(3x) varies and no inner expression explains it.
  auto f = [](const VectorXv<>& x) { return x[0] * x[0] * x[0]; };
  auto hand = [](const Eigen::VectorXd& x) { return vec({2 * x[0]}); };
  const Diagnosis& d = only_diagnosis(check_hand_gradient(f, hand, box(1)), 0);
  BOOST_TEST(d.kind == DiagnosisKind::no_clear_pattern);
  BOOST_TEST(d.inner.empty());
}

BOOST_AUTO_TEST_CASE(one_point_with_an_odd_ratio_asks_for_more_points) {
  auto f = [](const VectorXv<>& x) { return x[0] * x[0] * x[0]; };
  auto hand = [](const Eigen::VectorXd& x) { return vec({2 * x[0]}); };
  const Diagnosis& d =
      only_diagnosis(check_hand_gradient(f, hand, Eigen::VectorXd::Constant(1, 0.7)), 0);
  BOOST_TEST(d.kind == DiagnosisKind::no_clear_pattern);
  BOOST_TEST(d.message.find("more points") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_correct_gradient_has_no_diagnosis) {
  auto f = [](const VectorXv<>& x) { return sin(2 * x[0]) * exp(x[1]); };
  auto hand = [](const Eigen::VectorXd& x) {
    return vec({2 * std::cos(2 * x[0]) * std::exp(x[1]), std::sin(2 * x[0]) * std::exp(x[1])});
  };
  const auto report = check_hand_gradient(f, hand, box(2));
  BOOST_TEST(report.summary.passed);
  BOOST_TEST(report.diagnoses.empty());
}

BOOST_AUTO_TEST_CASE(a_gradient_source_without_a_tape_still_gets_factors) {
  // The command line's path: value and gradient from a provider, hand partials per component.
  CheckedFunction f;
  f.value_and_gradient = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    auto [value, gradient] = value_and_gradient([](const VectorXv<>& v) { return sin(2 * v[0]); }, x);
    g = gradient;
    return value;
  };
  f.hand_partials = {[](const Eigen::VectorXd& x) { return std::cos(2 * x[0]); }};
  const Diagnosis& d = only_diagnosis(check_gradient(f, box(1)), 0);
  BOOST_TEST(d.kind == DiagnosisKind::constant_factor);
  BOOST_TEST(d.factor_text == "1/2");
  BOOST_TEST(d.inner.empty());
}

BOOST_AUTO_TEST_CASE(factors_are_written_as_a_person_would) {
  BOOST_TEST(factor_text(-1.0) == "−1");
  BOOST_TEST(factor_text(0.5) == "1/2");
  BOOST_TEST(factor_text(-1.0 / 3) == "−1/3");
  BOOST_TEST(factor_text(3.0) == "3");
  BOOST_TEST(factor_text(4.0, 4.0) == "n = 4");
  BOOST_TEST(factor_text(0.25, 4.0) == "1/n = 1/4");
  BOOST_TEST(factor_text(0.4, 5.0) == "2/n = 2/5");  // the 2 of a square with the mean
  BOOST_TEST(factor_text(2.5, 5.0) == "n/2 = 5/2");
  BOOST_TEST(factor_text(2.0, 4.0) == "2");  // plainly 2, not n/2 = 4/2
  BOOST_TEST(factor_text(0.731) == "0.731");
}

BOOST_AUTO_TEST_CASE(forward_tangents_follow_the_chain_rule) {
  // y = sin(2·x)·x: ∂(2x)/∂x = 2, ∂y/∂x = 2cos(2x)·x + sin(2x).
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(0.3, "x");
  const Var u = 2 * x;
  const Var y = sin(u) * x;
  const auto t = forward_tangents(tape, x.index());
  BOOST_TEST(t[u.index()] == 2.0);
  BOOST_TEST(t[y.index()] == tape.backward(y)[x], tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(expression_texts_bracket_by_binding_strength) {
  Tape tape(TapeOptions{.trace = true});
  auto scope = tape.activate();
  const Var a = tape.input(1.0, "a"), b = tape.input(2.0, "b");
  const Var e1 = a - (b + a);
  const Var e2 = (a + b) * b;
  const Var e3 = -(a * b);
  const Var e4 = exp(a / (b * a));
  const auto text = expression_texts(tape);
  BOOST_TEST(text[e1.index()] == "a − (b + a)");
  BOOST_TEST(text[e2.index()] == "(a + b)·b");
  BOOST_TEST(text[e3.index()] == "−(a·b)");
  BOOST_TEST(text[e4.index()] == "exp(a / (b·a))");
}

BOOST_AUTO_TEST_SUITE_END()
