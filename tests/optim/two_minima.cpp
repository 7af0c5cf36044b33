// SPDX-License-Identifier: MIT
// Lesson 004's picture: starting from the left edge, plain gradient descent stops in the nearest
// (local) minimum; gradient descent with inertia (momentum) rolls through it to the lower one.
#include <boost/test/unit_test.hpp>

#include "optim/optim.hpp"

using namespace tapegrad::optim;
namespace tt = boost::test_tools;

namespace {
// L(x) = x⁴ − 4x² − x, L'(x) = 4x³ − 8x − 1: a local minimum near x = −1.347 (L ≈ −2.619),
// a hump at x ≈ −0.125, and the global minimum near x = 1.473 (L ≈ −5.444).
double loss(double x) { return x * x * x * x - 4 * x * x - x; }
double slope(double x) { return 4 * x * x * x - 8 * x - 1; }
Objective two_valleys() {
  return [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Constant(1, slope(x[0]));
    return loss(x[0]);
  };
}
const MinimizeOptions options{.max_steps = 5000, .stop = GradientNormBelow{1e-9}};
}  // namespace

BOOST_AUTO_TEST_SUITE(two_minima)

BOOST_AUTO_TEST_CASE(plain_descent_stops_in_the_local_minimum) {
  GradientDescent gd({.learning_rate = 0.01});
  const MinimizeResult r = minimize(two_valleys(), Eigen::VectorXd::Constant(1, -2.5), gd, options);
  BOOST_TEST(r.stop.rule == "gradient_norm_below");
  BOOST_TEST(r.x[0] < 0.0);
  BOOST_TEST(std::abs(slope(r.x[0])) <= 1e-9);
  BOOST_TEST(r.value == -2.6185559807652, tt::tolerance(1e-10));
  // It never crossed the hump: every point stayed left of it.
  for (const auto& rec : r.history) BOOST_TEST(rec.params[0] < -0.125);
}

BOOST_AUTO_TEST_CASE(momentum_passes_it_to_the_global_minimum) {
  Momentum heavy_ball({.learning_rate = 0.01, .momentum = 0.9});
  const MinimizeResult r =
      minimize(two_valleys(), Eigen::VectorXd::Constant(1, -2.5), heavy_ball, options);
  BOOST_TEST(r.stop.rule == "gradient_norm_below");
  BOOST_TEST(r.x[0] > 0.0);
  BOOST_TEST(r.value == -5.4441920666109, tt::tolerance(1e-10));
  // It passed through the local minimum's valley on the way.
  bool crossed_local = false;
  for (std::size_t k = 1; k < r.history.size(); ++k)
    crossed_local |= r.history[k - 1].params[0] < -1.347 && r.history[k].params[0] > -1.347;
  BOOST_TEST(crossed_local);
}

BOOST_AUTO_TEST_CASE(without_inertia_momentum_is_plain_descent) {
  Momentum no_inertia({.learning_rate = 0.01, .momentum = 0.0});
  GradientDescent gd({.learning_rate = 0.01});
  const auto x0 = Eigen::VectorXd::Constant(1, -2.5);
  const MinimizeResult a = minimize(two_valleys(), x0, no_inertia, {.max_steps = 50});
  const MinimizeResult b = minimize(two_valleys(), x0, gd, {.max_steps = 50});
  for (std::size_t k = 0; k <= 50; ++k) BOOST_TEST(a.history[k].params[0] == b.history[k].params[0]);
}

BOOST_AUTO_TEST_SUITE_END()
