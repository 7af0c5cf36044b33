// SPDX-License-Identifier: MIT
// The learning-rate schedules' values at chosen steps, and that the loop applies them.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>

#include "optim/optim.hpp"

using namespace tapegrad::optim;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(schedules)

BOOST_AUTO_TEST_CASE(constant) {
  const Schedule s = schedule::constant();
  BOOST_TEST(s(0, 0.1) == 0.1);
  BOOST_TEST(s(1000, 0.1) == 0.1);
  BOOST_TEST(s.description() == "constant");
}

BOOST_AUTO_TEST_CASE(step_decay) {
  const Schedule s = schedule::step_decay(10, 0.5);
  BOOST_TEST(s(0, 0.1) == 0.1);
  BOOST_TEST(s(9, 0.1) == 0.1);
  BOOST_TEST(s(10, 0.1) == 0.05);
  BOOST_TEST(s(25, 0.1) == 0.025);
}

BOOST_AUTO_TEST_CASE(exponential) {
  const Schedule s = schedule::exponential(0.9);
  BOOST_TEST(s(0, 1.0) == 1.0);
  BOOST_TEST(s(2, 1.0) == 0.81, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(cosine) {
  const Schedule s = schedule::cosine(100, 0.1);
  BOOST_TEST(s(0, 1.0) == 1.0);
  BOOST_TEST(s(50, 1.0) == 0.55, tt::tolerance(1e-12));  // halfway: (η + η_min)/2
  BOOST_TEST(s(100, 1.0) == 0.1, tt::tolerance(1e-12));
  BOOST_TEST(s(500, 1.0) == 0.1, tt::tolerance(1e-12));  // stays at η_min
  BOOST_TEST(s(25, 1.0) == 0.1 + 0.9 * 0.5 * (1 + std::cos(std::numbers::pi / 4)),
             tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(warmup_then_constant) {
  const Schedule s = schedule::warmup(4);
  BOOST_TEST(s(0, 1.0) == 0.25);
  BOOST_TEST(s(1, 1.0) == 0.5);
  BOOST_TEST(s(3, 1.0) == 1.0);
  BOOST_TEST(s(4, 1.0) == 1.0);
}

BOOST_AUTO_TEST_CASE(warmup_then_cosine_starts_the_cosine_after_warmup) {
  const Schedule s = schedule::warmup(5, schedule::cosine(10));
  BOOST_TEST(s(4, 2.0) == 2.0);                           // end of warm-up: the full rate
  BOOST_TEST(s(5, 2.0) == 2.0);                           // cosine at its step 0
  BOOST_TEST(s(10, 2.0) == 1.0, tt::tolerance(1e-12));    // cosine halfway
  BOOST_TEST(s(15, 2.0) == 0.0, tt::tolerance(1e-12));
  BOOST_TEST(s.description() == "warmup(5, cosine(10, min 0·η))");
}

BOOST_AUTO_TEST_CASE(the_loop_uses_the_scheduled_rate) {
  // x² − 4x + 3 from 5 with η_t = 0.1·0.5^t: x₁ = 5 − 0.1·6 = 4.4, x₂ = 4.4 − 0.05·4.8 = 4.16.
  const Objective f = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Constant(1, 2 * x[0] - 4);
    return x[0] * x[0] - 4 * x[0] + 3;
  };
  GradientDescent gd({.learning_rate = 0.1});
  const MinimizeResult r = minimize(f, Eigen::VectorXd::Constant(1, 5.0), gd,
                                    {.max_steps = 2, .schedule = schedule::exponential(0.5)});
  BOOST_TEST(r.history[1].learning_rate == 0.1);
  BOOST_TEST(r.history[2].learning_rate == 0.05);
  BOOST_TEST(r.history[2].params[0] == 4.16, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(bad_arguments_are_errors) {
  BOOST_CHECK_THROW(schedule::step_decay(0, 0.5), OptimError);
  BOOST_CHECK_THROW(schedule::cosine(0), OptimError);
  BOOST_CHECK_THROW(schedule::exponential(-1.0), OptimError);
}

BOOST_AUTO_TEST_SUITE_END()
