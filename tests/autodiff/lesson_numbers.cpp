// SPDX-License-Identifier: MIT
// The lessons' worked numbers (../shared/lessons), reproduced by the tape.
#include <boost/test/unit_test.hpp>

#include "autodiff/autodiff.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(lesson_numbers)

BOOST_AUTO_TEST_CASE(school_parabola_at_5) {
  // Lesson 000: f(x) = x² − 4x + 3, f'(x) = 2x − 4; at x = 5, f = 8 and f' = 6.
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(5.0);
  const Var f = x * x - 4 * x + 3;
  BOOST_TEST(f.value() == 8.0);
  BOOST_TEST(tape.backward(f)[x] == 6.0);
}

BOOST_AUTO_TEST_CASE(one_sample_regression_has_negative_w0_partial) {
  // Lesson 000: L = (y − (w1·x + w0))² at x = 1, y = 2, w0 = w1 = 0. The lesson wrote
  // ∂L/∂w0 = +4; the inner derivative of y − (w1·x + w0) with respect to w0 is −1, so it is −4.
  Tape tape;
  auto scope = tape.activate();
  const Var w0 = tape.input(0.0), w1 = tape.input(0.0);
  const Var loss = pow(2.0 - (w1 * 1.0 + w0), 2);
  const auto g = gradient(loss, {w0, w1});
  BOOST_TEST(loss.value() == 4.0);
  BOOST_TEST(g[0] == -4.0);
  BOOST_TEST(g[1] == -4.0);
}

BOOST_AUTO_TEST_CASE(two_rows_mean) {
  // Lesson 000: rows (1, 2) and (2, 3), mean squared error at w0 = w1 = 0: ∂L/∂w0 = −5, ∂L/∂w1 = −8.
  Tape tape;
  auto scope = tape.activate();
  const Var w0 = tape.input(0.0), w1 = tape.input(0.0);
  const double xs[] = {1.0, 2.0}, ys[] = {2.0, 3.0};
  Var sum = 0.0;
  for (int i = 0; i < 2; ++i) sum += pow(ys[i] - (w1 * xs[i] + w0), 2);
  const Var loss = sum / 2.0;
  const auto g = gradient(loss, {w0, w1});
  BOOST_TEST(g[0] == -5.0, tt::tolerance(1e-15));
  BOOST_TEST(g[1] == -8.0, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_SUITE_END()
