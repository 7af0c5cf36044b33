// SPDX-License-Identifier: MIT
// Each optimizer's first two steps on f(x) = x² − 4x + 3 (g = 2x − 4) from x = 5, against the
// update equations in its header worked by hand, so the header's comment cannot drift.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "optim/optim.hpp"

using namespace tapegrad::optim;
namespace tt = boost::test_tools;

namespace {
double f(double x) { return x * x - 4 * x + 3; }
double df(double x) { return 2 * x - 4; }
Objective parabola() {
  return [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Constant(1, df(x[0]));
    return f(x[0]);
  };
}
// x₁ and x₂ from x₀ = 5.
std::pair<double, double> two_steps(Optimizer& opt) {
  const MinimizeResult r =
      minimize(parabola(), Eigen::VectorXd::Constant(1, 5.0), opt, {.max_steps = 2});
  BOOST_TEST_REQUIRE(r.history.size() == 3u);
  return {r.history[1].params[0], r.history[2].params[0]};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(first_steps)

BOOST_AUTO_TEST_CASE(gradient_descent) {
  // x₁ = 5 − 0.1·6 = 4.4;  x₂ = 4.4 − 0.1·4.8 = 3.92
  GradientDescent opt({.learning_rate = 0.1});
  const auto [x1, x2] = two_steps(opt);
  BOOST_TEST(x1 == 4.4, tt::tolerance(1e-12));
  BOOST_TEST(x2 == 3.92, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(momentum) {
  // v₁ = 0.9·0 − 0.1·6 = −0.6,            x₁ = 5 − 0.6 = 4.4
  // v₂ = 0.9·(−0.6) − 0.1·4.8 = −1.02,   x₂ = 4.4 − 1.02 = 3.38
  Momentum opt({.learning_rate = 0.1, .momentum = 0.9});
  const auto [x1, x2] = two_steps(opt);
  BOOST_TEST(x1 == 4.4, tt::tolerance(1e-12));
  BOOST_TEST(x2 == 3.38, tt::tolerance(1e-12));
  BOOST_TEST(opt.velocity()[0] == -1.02, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(nesterov) {
  // v₁ = −0.6,  x₁ = 5 + 0.9·(−0.6) − 0.1·6 = 3.86;  g₁ = 2·3.86 − 4 = 3.72
  // v₂ = 0.9·(−0.6) − 0.372 = −0.912,  x₂ = 3.86 + 0.9·(−0.912) − 0.372 = 2.6672
  Nesterov opt({.learning_rate = 0.1, .momentum = 0.9});
  const auto [x1, x2] = two_steps(opt);
  BOOST_TEST(x1 == 3.86, tt::tolerance(1e-12));
  BOOST_TEST(x2 == 2.6672, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(adagrad) {
  // G₁ = 36, x₁ = 5 − 0.1·6/6 = 4.9;  g₁ = 5.8, G₂ = 36 + 33.64 = 69.64,
  // x₂ = 4.9 − 0.1·5.8/√69.64 = 4.9 − 0.0695022… = 4.8304978…
  AdaGrad opt({.learning_rate = 0.1, .epsilon = 0.0});
  const auto [x1, x2] = two_steps(opt);
  BOOST_TEST(x1 == 4.9, tt::tolerance(1e-12));
  BOOST_TEST(x2 == 4.9 - 0.58 / std::sqrt(69.64), tt::tolerance(1e-12));
  BOOST_TEST(x2 == 4.8304978, tt::tolerance(1e-7));
}

BOOST_AUTO_TEST_CASE(rmsprop) {
  // E₁ = 0.1·36 = 3.6, x₁ = 5 − 0.1·6/√3.6 = 5 − √0.1 = 4.6837722…
  // g₁ = 2x₁ − 4 = 5.3675445…, E₂ = 0.9·3.6 + 0.1·g₁² = 6.1210527…,
  // x₂ = x₁ − 0.1·g₁/√E₂ = 4.6837722… − 0.2169514… = 4.4668208…
  RmsProp opt({.learning_rate = 0.1, .decay = 0.9, .epsilon = 0.0});
  const auto [x1, x2] = two_steps(opt);
  BOOST_TEST(x1 == 5.0 - std::sqrt(0.1), tt::tolerance(1e-12));
  const double g1 = 2 * x1 - 4, e2 = 0.9 * 3.6 + 0.1 * g1 * g1;
  BOOST_TEST(x2 == x1 - 0.1 * g1 / std::sqrt(e2), tt::tolerance(1e-12));
  BOOST_TEST(x2 == 4.4668208, tt::tolerance(1e-7));
}

BOOST_AUTO_TEST_CASE(adam) {
  // t = 1: m = 0.6, v = 0.036, m̂ = 6, v̂ = 36, x₁ = 5 − 0.1·6/6 = 4.9
  // t = 2: g = 5.8, m = 0.54 + 0.58 = 1.12, v = 0.035964 + 0.03364 = 0.069604,
  //        m̂ = 1.12/0.19, v̂ = 0.069604/0.001999, x₂ = 4.9 − 0.1·m̂/√v̂ = 4.8001027…
  Adam opt({.learning_rate = 0.1, .epsilon = 0.0});
  const auto [x1, x2] = two_steps(opt);
  BOOST_TEST(x1 == 4.9, tt::tolerance(1e-12));
  BOOST_TEST(x2 == 4.9 - 0.1 * (1.12 / 0.19) / std::sqrt(0.069604 / 0.001999),
             tt::tolerance(1e-12));
  BOOST_TEST(x2 == 4.8001027, tt::tolerance(1e-7));
}

BOOST_AUTO_TEST_CASE(adamw) {
  // λ = 0.1. t = 1: Adam's part moves by −0.1 as above; decay −0.1·0.1·5 = −0.05: x₁ = 4.85
  // t = 2: g = 5.7, m = 0.54 + 0.57 = 1.11, v = 0.035964 + 0.03249 = 0.068454,
  //        x₂ = 4.85 − 0.1·0.1·4.85 − 0.1·(1.11/0.19)/√(0.068454/0.001999)
  AdamW opt({.learning_rate = 0.1, .epsilon = 0.0, .weight_decay = 0.1});
  const auto [x1, x2] = two_steps(opt);
  BOOST_TEST(x1 == 4.85, tt::tolerance(1e-12));
  BOOST_TEST(x2 == 4.85 - 0.01 * 4.85 - 0.1 * (1.11 / 0.19) / std::sqrt(0.068454 / 0.001999),
             tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(adamw_without_decay_is_adam) {
  AdamW w({.learning_rate = 0.1, .weight_decay = 0.0});
  Adam a({.learning_rate = 0.1});
  const auto [w1, w2] = two_steps(w);
  const auto [a1, a2] = two_steps(a);
  BOOST_TEST(w1 == a1);
  BOOST_TEST(w2 == a2);
}

BOOST_AUTO_TEST_CASE(lbfgs_armijo) {
  // Step 1: no pairs, d = −g = −6, α₀ = min(1, 1/6): x₁ = 5 − 1 = 4 (f: 8 → 3, Armijo holds).
  // Step 2: s = −1, y = 4 − 6 = −2, γ = sᵀy/yᵀy = 0.5, d = −γ·g = −2, α = 1: x₂ = 2, the
  // minimum (on a one-dimensional quadratic the secant step is Newton's step).
  Lbfgs opt({.line_search = LineSearchKind::armijo});
  const auto [x1, x2] = two_steps(opt);
  BOOST_TEST(x1 == 4.0, tt::tolerance(1e-12));
  BOOST_TEST(x2 == 2.0, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(lbfgs_strong_wolfe) {
  // The same points: at α = 1/6, |g(4)·d| = 24 ≤ 0.9·36 (curvature holds); then α = 1 lands
  // where g = 0.
  Lbfgs opt({.line_search = LineSearchKind::strong_wolfe});
  const MinimizeResult r =
      minimize(parabola(), Eigen::VectorXd::Constant(1, 5.0), opt, {.max_steps = 2});
  BOOST_TEST(r.history[1].params[0] == 4.0, tt::tolerance(1e-12));
  BOOST_TEST(r.history[1].learning_rate == 1.0 / 6.0, tt::tolerance(1e-12));
  BOOST_TEST(r.history[2].params[0] == 2.0, tt::tolerance(1e-12));
  BOOST_TEST(r.history[2].learning_rate == 1.0, tt::tolerance(1e-12));
  BOOST_TEST(r.evaluations == 3u);  // the start and one trial per line search
}

BOOST_AUTO_TEST_CASE(reset_forgets_the_state) {
  Momentum opt({.learning_rate = 0.1, .momentum = 0.9});
  const auto first = two_steps(opt);
  const auto again = two_steps(opt);  // minimize() resets: the same run
  BOOST_TEST(first.second == again.second);
}

BOOST_AUTO_TEST_CASE(state_of_another_size_is_an_error) {
  Adam opt;
  Eigen::VectorXd x = Eigen::VectorXd::Zero(2);
  opt.update(x, Eigen::VectorXd::Ones(2), 0.1);
  Eigen::VectorXd y = Eigen::VectorXd::Zero(3);
  BOOST_CHECK_THROW(opt.update(y, Eigen::VectorXd::Ones(3), 0.1), OptimError);
  opt.reset();
  BOOST_CHECK_NO_THROW(opt.update(y, Eigen::VectorXd::Ones(3), 0.1));
}

BOOST_AUTO_TEST_CASE(bad_options_are_errors) {
  BOOST_CHECK_THROW(GradientDescent({.learning_rate = 0.0}), OptimError);
  BOOST_CHECK_THROW(Momentum({.momentum = 1.0}), OptimError);
  BOOST_CHECK_THROW(Adam({.beta2 = 1.0}), OptimError);
  BOOST_CHECK_THROW(RmsProp({.decay = -0.1}), OptimError);
  BOOST_CHECK_THROW(Lbfgs({.memory = 0}), OptimError);
  try {
    Adam({.beta1 = 1.5});
    BOOST_FAIL("no throw");
  } catch (const OptimError& e) {
    BOOST_TEST(std::string(e.what()) == "Adam: beta1 = 1.5 must be < 1");
  }
}

BOOST_AUTO_TEST_SUITE_END()
