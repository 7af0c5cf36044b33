// SPDX-License-Identifier: MIT
// The lessons' gradient-descent tables, reproduced by minimize() with plain gradient descent:
// record k holds x after k updates, so the tables are the records' params.
#include <boost/test/unit_test.hpp>

#include "optim/optim.hpp"

using namespace tapegrad::optim;
namespace tt = boost::test_tools;

namespace {
// One-dimensional objective from a value and a derivative.
template <class F, class D>
Objective scalar(F f, D df) {
  return [f, df](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g.resize(1);
    g[0] = df(x[0]);
    return f(x[0]);
  };
}
MinimizeResult descend(const Objective& f, double x0, double eta, std::size_t steps) {
  GradientDescent gd({.learning_rate = eta});
  return minimize(f, Eigen::VectorXd::Constant(1, x0), gd, {.max_steps = steps});
}
}  // namespace

BOOST_AUTO_TEST_SUITE(lesson_tables)

BOOST_AUTO_TEST_CASE(school_parabola_from_5) {
  // Lesson 000: f(x) = x² − 4x + 3, f'(x) = 2x − 4, from x = 5 with η = 0.1: 4.4, 3.92, 3.536.
  const auto f = scalar([](double x) { return x * x - 4 * x + 3; },
                        [](double x) { return 2 * x - 4; });
  const MinimizeResult r = descend(f, 5.0, 0.1, 3);
  BOOST_TEST_REQUIRE(r.history.size() == 4u);
  const double expected[] = {5.0, 4.4, 3.92, 3.536};
  for (std::size_t k = 0; k < 4; ++k) {
    BOOST_TEST_CONTEXT("record " << k) {
      BOOST_TEST(r.history[k].step == k);
      BOOST_TEST(r.history[k].params[0] == expected[k], tt::tolerance(1e-12));
      BOOST_TEST(r.history[k].gradient[0] == 2 * expected[k] - 4, tt::tolerance(1e-12));
      BOOST_TEST(r.history[k].value == expected[k] * expected[k] - 4 * expected[k] + 3,
                 tt::tolerance(1e-12));
    }
  }
  BOOST_TEST(r.history[1].learning_rate == 0.1);
  BOOST_TEST(r.history[1].step_norm == 0.6, tt::tolerance(1e-12));
  BOOST_TEST(r.stop.rule == "max_steps");
}

BOOST_AUTO_TEST_CASE(school_parabola_reaches_its_minimum) {
  // ... → 2, where f = −1 (lesson 000).
  const auto f = scalar([](double x) { return x * x - 4 * x + 3; },
                        [](double x) { return 2 * x - 4; });
  GradientDescent gd({.learning_rate = 0.1});
  const MinimizeResult r = minimize(f, Eigen::VectorXd::Constant(1, 5.0), gd,
                                    {.stop = GradientNormBelow{1e-10}});
  BOOST_TEST(r.stop.rule == "gradient_norm_below");
  BOOST_TEST(r.x[0] == 2.0, tt::tolerance(1e-10));
  BOOST_TEST(r.value == -1.0, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(w_minus_3_squared_from_0) {
  // Lesson 001: L(w) = (w − 3)² from w = 0 with η = 0.1: 0.6, 1.08, 1.464, 1.7712, … → 3.
  const auto f = scalar([](double w) { return (w - 3) * (w - 3); },
                        [](double w) { return 2 * (w - 3); });
  const MinimizeResult r = descend(f, 0.0, 0.1, 4);
  const double expected[] = {0.0, 0.6, 1.08, 1.464, 1.7712};
  BOOST_TEST_REQUIRE(r.history.size() == 5u);
  for (std::size_t k = 0; k < 5; ++k)
    BOOST_TEST(r.history[k].params[0] == expected[k], tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(x_squared_from_minus_4) {
  // Lesson 002: f(x) = x², lr = 0.05, w = −4: −3.6, −3.24, …; the gain shrinks near the optimum.
  const auto f = scalar([](double x) { return x * x; }, [](double x) { return 2 * x; });
  const MinimizeResult r = descend(f, -4.0, 0.05, 2);
  BOOST_TEST(r.history[1].params[0] == -3.6, tt::tolerance(1e-12));
  BOOST_TEST(r.history[2].params[0] == -3.24, tt::tolerance(1e-12));
  BOOST_TEST(r.history[2].step_norm < r.history[1].step_norm);
}

BOOST_AUTO_TEST_CASE(update_rule_alone_gives_the_same_table) {
  // The rule without the loop: x ← x − η·g, what a hand-written loop would call.
  GradientDescent gd({.learning_rate = 0.1});
  Eigen::VectorXd x = Eigen::VectorXd::Constant(1, 5.0);
  gd.update(x, Eigen::VectorXd::Constant(1, 2 * x[0] - 4), 0.1);
  BOOST_TEST(x[0] == 4.4, tt::tolerance(1e-12));
  gd.update(x, Eigen::VectorXd::Constant(1, 2 * x[0] - 4), 0.1);
  BOOST_TEST(x[0] == 3.92, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_SUITE_END()
