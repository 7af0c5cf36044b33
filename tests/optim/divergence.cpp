// SPDX-License-Identifier: MIT
// Lesson 004: a sharply growing loss means a learning rate too large. The loop stops with that
// diagnosis, and does not cry wolf on a loss that merely oscillates.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

#include "optim/optim.hpp"

using namespace tapegrad::optim;
namespace tt = boost::test_tools;

namespace {
Objective x_squared() {
  return [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = 2.0 * x;
    return x.squaredNorm();
  };
}
}  // namespace

BOOST_AUTO_TEST_SUITE(divergence)

BOOST_AUTO_TEST_CASE(x_squared_with_eta_above_1_diverges) {
  // x ← x − 1.1·2x = −1.2x: the loss is multiplied by 1.44 each step, so it rises at every
  // step and after the default window of 10 it is 1.44¹⁰ ≈ 38 > 10 times as large.
  GradientDescent gd({.learning_rate = 1.1});
  const MinimizeResult r = minimize(x_squared(), Eigen::VectorXd::Constant(1, -4.0), gd);
  BOOST_TEST(r.diverged());
  BOOST_TEST(r.stop.rule == "diverged");
  BOOST_TEST(r.steps() == 10u);
  BOOST_TEST(r.history[1].params[0] == 4.8, tt::tolerance(1e-12));
  BOOST_TEST(r.value == 16.0 * std::pow(1.44, 10), tt::tolerance(1e-12));
  BOOST_TEST(r.stop.message ==
             fmt::format("the loss grew from 16 to {:.6g} in 10 steps: learning rate too large?",
                         16.0 * std::pow(1.44, 10)));
}

BOOST_AUTO_TEST_CASE(growth_factor_and_window_decide_when) {
  // With growth 1000 the loss must grow 1000-fold within the window: 1.44¹⁹ ≈ 1020 does,
  // 1.44¹⁸ ≈ 708 does not.
  GradientDescent gd({.learning_rate = 1.1});
  const MinimizeResult r = minimize(x_squared(), Eigen::VectorXd::Constant(1, -4.0), gd,
                                    {.divergence = {.window = 20, .growth = 1000.0}});
  BOOST_TEST(r.diverged());
  BOOST_TEST(r.steps() == 20u);  // the window needs 20 rising steps
  const MinimizeResult r2 = minimize(x_squared(), Eigen::VectorXd::Constant(1, -4.0), gd,
                                     {.divergence = {.window = 19, .growth = 1000.0}});
  BOOST_TEST(r2.steps() == 19u);
  // Over any 18 steps the loss grows by 1.44¹⁸ ≈ 708 < 1000: never flagged.
  const MinimizeResult r3 =
      minimize(x_squared(), Eigen::VectorXd::Constant(1, -4.0), gd,
               {.max_steps = 100, .divergence = {.window = 18, .growth = 1000.0}});
  BOOST_TEST(!r3.diverged());
  BOOST_TEST(r3.steps() == 100u);
}

BOOST_AUTO_TEST_CASE(eta_exactly_1_oscillates_without_diverging) {
  // x ← x − 2x = −x: the loss stays 16 forever. Not divergence; the cap stops it.
  GradientDescent gd({.learning_rate = 1.0});
  const MinimizeResult r =
      minimize(x_squared(), Eigen::VectorXd::Constant(1, -4.0), gd, {.max_steps = 50});
  BOOST_TEST(!r.diverged());
  BOOST_TEST(r.stop.rule == "max_steps");
  BOOST_TEST(r.history[49].params[0] == 4.0);
}

BOOST_AUTO_TEST_CASE(nan_loss_stops_at_once) {
  // log(x) stepped past 0: the loss becomes NaN at the first step.
  const Objective log_loss = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Constant(1, -1.0 / x[0]);
    return -std::log(x[0]);
  };
  GradientDescent gd({.learning_rate = 2.0});
  const MinimizeResult r = minimize(log_loss, Eigen::VectorXd::Constant(1, 1.0), gd);
  // x₁ = 1 − 2·(−1) = 3 (fine), x₂ = 3 − 2·(−1/3) = 3.67, ... the loss falls: no divergence.
  BOOST_TEST(!r.diverged());
  GradientDescent backwards({.learning_rate = 2.0});
  const Objective wrong_sign = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Constant(1, 1.0 / x[0]);  // the sign error lesson 000 warns about
    return -std::log(x[0]);
  };
  const MinimizeResult bad = minimize(wrong_sign, Eigen::VectorXd::Constant(1, 1.0), backwards);
  // x₁ = 1 − 2·1 = −1: log(−1) is NaN.
  BOOST_TEST(bad.diverged());
  BOOST_TEST(bad.steps() == 1u);
  BOOST_TEST(bad.stop.message.find("became nan at step 1") != std::string::npos, bad.stop.message);
}

BOOST_AUTO_TEST_CASE(infinite_start_is_diagnosed) {
  const Objective inf = [](const Eigen::VectorXd&, Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Zero(1);
    return std::numeric_limits<double>::infinity();
  };
  GradientDescent gd;
  const MinimizeResult r = minimize(inf, Eigen::VectorXd::Zero(1), gd);
  BOOST_TEST(r.diverged());
  BOOST_TEST(r.steps() == 0u);
  BOOST_TEST(r.stop.message.find("starting point") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(detection_can_be_turned_off) {
  GradientDescent gd({.learning_rate = 1.1});
  const MinimizeResult r = minimize(x_squared(), Eigen::VectorXd::Constant(1, -4.0), gd,
                                    {.max_steps = 30, .divergence = {.enabled = false}});
  BOOST_TEST(r.stop.rule == "max_steps");
  BOOST_TEST(r.steps() == 30u);
}

BOOST_AUTO_TEST_SUITE_END()
