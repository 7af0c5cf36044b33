// SPDX-License-Identifier: MIT
// The numbers explain prints for the lessons are the lessons' numbers: outer and inner
// derivatives, adjoints, sums where paths meet, gradients. And they are the tape's numbers:
// every replayed adjoint equals tape.backward, and the gradients match central differences.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>

#include "tests/autodiff/explain/explain_lessons.hpp"

using namespace tapegrad;
using namespace tapegrad::test;
namespace tt = boost::test_tools;

namespace {
const BackwardStep& backward_step(const Explanation& ex, const std::string& name) {
  for (const auto& s : ex.backward)
    if (s.name == name) return s;
  throw std::runtime_error("no backward step " + name);
}
void check_adjoints_match_tape(const ExplainedLesson& l) {
  for (const auto& s : l.ex.backward) BOOST_TEST(s.adjoint == l.adjoints.at(s.node), tt::tolerance(1e-15));
}
double central_difference(const std::function<double(double)>& f, double x) {
  const double h = std::cbrt(2.2e-16) * std::max(1.0, std::abs(x));
  return (f(x + h) - f(x - h)) / (2 * h);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(explain_lesson_numbers)

BOOST_AUTO_TEST_CASE(square_of_linear_is_30_at_0_and_210_at_10) {
  // 2(3x + 5)·3: at x = 0, 2·5·3 = 30; at x = 10, 2·35·3 = 210.
  for (auto [x0, outer, expected] : {std::tuple{0.0, 10.0, 30.0}, std::tuple{10.0, 70.0, 210.0}}) {
    const auto l = square_of_linear(x0);
    BOOST_TEST(l.ex.gradient_of("x").gradient == expected);
    const auto& path = l.ex.gradient_of("x").paths.at(0);
    BOOST_TEST(path.factors.size() == 3u);
    BOOST_TEST(path.factors[0].partial == outer);  // outer derivative 2(3x + 5)
    BOOST_TEST(path.factors[2].partial == 3.0);    // inner derivative 3
    BOOST_TEST(backward_step(l.ex, "L").partials.at(0).rule_symbols() == "2·t2");
    BOOST_TEST(backward_step(l.ex, "L").partials.at(0).rule_inputs() == "2(3x + 5)");
    check_adjoints_match_tape(l);
  }
}

BOOST_AUTO_TEST_CASE(sine_of_double_is_2_at_0) {
  const auto l = sine_of_double();
  BOOST_TEST(l.ex.gradient_of("x").gradient == 2.0);
  const auto& p = backward_step(l.ex, "f").partials.at(0);
  BOOST_TEST(p.rule() == "cos(a)");
  BOOST_TEST(p.rule_symbols() == "cos(t1)");
  BOOST_TEST(p.rule_numbers() == "cos(0)");
  check_adjoints_match_tape(l);
}

BOOST_AUTO_TEST_CASE(square_of_quadratic_is_224_at_1_as_a_sum_of_two_paths) {
  // 2(2 + 4 + 8)·(4 + 4) = 224 = 2·14·(2·2) + 2·14·4 = 112 + 112.
  const auto l = square_of_quadratic();
  const auto& g = l.ex.gradient_of("x");
  BOOST_TEST(g.gradient == 224.0);
  BOOST_TEST(g.paths.size() == 2u);
  BOOST_TEST(g.paths[0].product == 112.0);
  BOOST_TEST(g.paths[1].product == 112.0);
  const auto& x_step = backward_step(l.ex, "x");
  BOOST_TEST(x_step.terms.size() == 2u);
  BOOST_TEST(x_step.terms[0].product + x_step.terms[1].product == 224.0);
  BOOST_TEST(backward_step(l.ex, "u").adjoint == 28.0);  // outer derivative 2u = 2·14
  check_adjoints_match_tape(l);
}

BOOST_AUTO_TEST_CASE(three_layers_matches_hand_derivation_and_finite_differences) {
  const auto l = three_layers();
  const double u = 2.0;
  const double by_hand = std::cos(8.0) / std::sin(8.0) * 3 * u * u * 2;
  BOOST_TEST(l.ex.gradient_of("x").gradient == by_hand, tt::tolerance(1e-14));
  const double fd = central_difference(
      [](double x) { return std::log(std::sin(std::pow(x * x + 1, 3))); }, 1.0);
  BOOST_TEST(l.ex.gradient_of("x").gradient == fd, tt::tolerance(1e-7));
  BOOST_TEST(l.ex.gradient_of("x").paths.at(0).factors.size() == 5u);
  check_adjoints_match_tape(l);
}

BOOST_AUTO_TEST_CASE(school_parabola_is_6_at_5_as_10_plus_minus_4) {
  const auto l = school_parabola();
  BOOST_TEST(l.ex.loss_value == 8.0);
  BOOST_TEST(l.ex.gradient_of("x").gradient == 6.0);
  const auto& x_step = backward_step(l.ex, "x");
  BOOST_TEST(x_step.terms.size() == 2u);
  BOOST_TEST(x_step.terms[0].product == 10.0);  // through x², 2·5
  BOOST_TEST(x_step.terms[1].product == -4.0);  // through −4x
  check_adjoints_match_tape(l);
}

BOOST_AUTO_TEST_CASE(one_sample_regression_shows_where_the_minus_sign_comes_from) {
  const auto l = one_sample_regression();
  BOOST_TEST(l.ex.loss_value == 4.0);
  const auto& w0 = l.ex.gradient_of("w0");
  const auto& w1 = l.ex.gradient_of("w1");
  BOOST_TEST(w0.gradient == -4.0);
  BOOST_TEST(w1.gradient == -4.0);
  // Outer derivative 2(y − ŷ) = 4, then the subtraction's ∂r/∂ŷ = −1 from the rule table.
  const auto& path = w0.paths.at(0);
  BOOST_TEST(path.factors.size() == 3u);
  BOOST_TEST(path.factors[0].of_name == "L");
  BOOST_TEST(path.factors[0].partial == 4.0);
  BOOST_TEST(path.factors[1].of_name == "r");
  BOOST_TEST(path.factors[1].wrt_name == "ŷ");
  BOOST_TEST(path.factors[1].partial == -1.0);
  BOOST_TEST(path.factors[2].partial == 1.0);
  // Inner derivatives: −1 for w0, −x = −1 for w1.
  BOOST_TEST(path.factors[1].partial * path.factors[2].partial == -1.0);
  double inner_w1 = 1;
  for (std::size_t k = 1; k < w1.paths.at(0).factors.size(); ++k) inner_w1 *= w1.paths[0].factors[k].partial;
  BOOST_TEST(inner_w1 == -1.0);
  const auto& minus = backward_step(l.ex, "r").partials.at(0);
  BOOST_TEST(minus.rule() == "−1");
  BOOST_TEST(minus.product == -4.0);
  // The gradient step with η = 0.01 moves w0 to +0.04 (the lesson's sign error gave −0.04).
  BOOST_TEST(0.0 - 0.01 * w0.gradient == 0.04, tt::tolerance(1e-15));
  check_adjoints_match_tape(l);
}

BOOST_AUTO_TEST_CASE(printed_text_carries_the_lessons_numbers) {
  const std::string text = to_text(one_sample_regression().ex);
  BOOST_TEST(text.find("∂L/∂r = 2·r = 2(2 − (w1 + w0)) = 2·2 = 4") != std::string::npos, text);
  BOOST_TEST(text.find("outer: ∂L/∂r = 2·r") != std::string::npos, text);
  BOOST_TEST(text.find("∂r/∂ŷ = −1") != std::string::npos);
  BOOST_TEST(text.find("∂L/∂w0 = −4") != std::string::npos);
  BOOST_TEST(text.find("= ∂L/∂r · ∂r/∂ŷ · ∂ŷ/∂w0 = 4 · (−1) · 1 = −4") != std::string::npos);
  const std::string parabola = to_text(school_parabola().ex);
  BOOST_TEST(parabola.find("10 + (−4) = 6") != std::string::npos, parabola);
  const std::string at10 = to_text(square_of_linear(10).ex);
  BOOST_TEST(at10.find("∂L/∂x = 210") != std::string::npos, at10);
}

BOOST_AUTO_TEST_SUITE_END()
