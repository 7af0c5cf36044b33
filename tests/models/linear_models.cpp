// SPDX-License-Identifier: MIT
// LinearRegression reaches the closed-form least-squares answer (lesson 000's w1 = 6.6, w0 = −94
// on the ice-cream table), its tape gradient is the lesson's hand computation, and L2 shrinks it
// exactly as the ridge formula says.
#include <boost/test/unit_test.hpp>

#include <random>

#include "models/errors.hpp"
#include "models/linear_regression.hpp"
#include "models/preprocess.hpp"

namespace tt = boost::test_tools;
using namespace tapegrad::models;

namespace {
struct IceCream {
  Eigen::MatrixXd x{{20.0}, {25.0}, {30.0}, {35.0}};
  Eigen::VectorXd y{{40.0, 70.0, 100.0, 140.0}};
};

// y = 3 − 2·x1 + 0.5·x2 + noise, 200 samples.
void synthetic(Eigen::MatrixXd& x, Eigen::VectorXd& y) {
  std::mt19937_64 rng(3);
  auto u = [&] { return double(rng() >> 11) * 0x1.0p-53 - 0.5; };
  x.resize(200, 2);
  y.resize(200);
  for (int i = 0; i < 200; ++i) {
    x(i, 0) = 4 * u();
    x(i, 1) = 10 * u();
    y[i] = 3.0 - 2.0 * x(i, 0) + 0.5 * x(i, 1) + 0.1 * u();
  }
}
}  // namespace

BOOST_AUTO_TEST_SUITE(linear_models)

BOOST_AUTO_TEST_CASE(least_squares_gives_the_lesson_answer) {
  const IceCream d;
  const LeastSquares ls = least_squares(d.x, d.y);
  BOOST_TEST(ls.weights[0] == 6.6, tt::tolerance(1e-12));
  BOOST_TEST(ls.bias == -94.0, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(first_gradient_is_the_hand_computation) {
  // At w1 = w0 = 0: ŷ = 0, residuals y − ŷ = 40, 70, 100, 140.
  // ∂L/∂w1 = −(2/n) Σ x_i (y_i − ŷ_i) = −(2/4)(800 + 1750 + 3000 + 4900) = −5225
  // ∂L/∂w0 = −(2/n) Σ (y_i − ŷ_i)     = −(2/4)(350)                      = −175
  const IceCream d;
  const auto g = LinearRegression().gradient(d.x, d.y);
  BOOST_TEST(g.loss == (1600.0 + 4900.0 + 10000.0 + 19600.0) / 4.0, tt::tolerance(1e-12));
  BOOST_TEST(g.weights[0] == -5225.0, tt::tolerance(1e-12));
  BOOST_TEST(g.bias == -175.0, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(one_gradient_descent_step_moves_as_the_rule_says) {
  const IceCream d;
  LinearRegression model({.fit = {.solver = Solver::gradient_descent, .learning_rate = 1e-4,
                                  .epochs = 1}});
  model.fit(d.x, d.y);
  BOOST_TEST(model.weights()[0] == 0.5225, tt::tolerance(1e-12));  // 0 − 1e-4·(−5225)
  BOOST_TEST(model.bias() == 0.0175, tt::tolerance(1e-12));
  BOOST_TEST(model.history().records.size() == 2u);
}

BOOST_AUTO_TEST_CASE(standardised_gradient_descent_reaches_6_6_and_minus_94) {
  const IceCream d;
  Standardizer s;
  const Eigen::MatrixXd z = s.fit_transform(d.x);
  LinearRegression model({.fit = {.solver = Solver::gradient_descent, .learning_rate = 0.1,
                                  .epochs = 300}});
  model.fit(z, d.y);
  // back to temperature: ŷ = w·(x − m)/s + b  ⇒  w1 = w/s, w0 = b − w·m/s
  const double w1 = model.weights()[0] / s.scale()[0];
  const double w0 = model.bias() - w1 * s.mean()[0];
  BOOST_TEST(w1 == 6.6, tt::tolerance(1e-9));
  BOOST_TEST(w0 == -94.0, tt::tolerance(1e-9));
  // ŷ = 38, 71, 104, 137: residuals 2, −1, −4, 3, so R² = 1 − 30/5475
  BOOST_TEST(model.score(z, d.y) == 1.0 - 30.0 / 5475.0, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(raw_temperature_is_badly_conditioned) {
  // The same number of steps on the raw temperature, at the largest stable rate, stays far away:
  // the Hessian's eigenvalue ratio is about 2·10⁴ (lesson 000).
  const IceCream d;
  LinearRegression model({.fit = {.solver = Solver::gradient_descent, .learning_rate = 1e-3,
                                  .epochs = 300}});
  model.fit(d.x, d.y);
  BOOST_TEST(std::abs(model.bias() - -94.0) > 50.0);
}

BOOST_AUTO_TEST_CASE(minibatch_adam_matches_the_closed_form) {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  synthetic(x, y);
  const LeastSquares ls = least_squares(x, y);
  LinearRegression full({.fit = {.solver = Solver::gradient_descent, .learning_rate = 0.05,
                                 .epochs = 2000}});
  full.fit(x, y);
  BOOST_TEST(full.weights()[0] == ls.weights[0], tt::tolerance(1e-8));
  BOOST_TEST(full.weights()[1] == ls.weights[1], tt::tolerance(1e-8));
  BOOST_TEST(full.bias() == ls.bias, tt::tolerance(1e-8));
  LinearRegression sgd({.fit = {.solver = Solver::adam, .learning_rate = 0.05, .epochs = 100,
                                .batch_size = 20, .seed = 1}});
  sgd.fit(x, y);
  BOOST_TEST(sgd.weights()[0] == ls.weights[0], tt::tolerance(0.02));
  BOOST_TEST(sgd.bias() == ls.bias, tt::tolerance(0.02));
  BOOST_TEST(sgd.score(x, y) > 0.99);
}

BOOST_AUTO_TEST_CASE(l2_matches_the_ridge_formula) {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  synthetic(x, y);
  const LeastSquares ridge = least_squares(x, y, 0.5);
  const LeastSquares plain = least_squares(x, y);
  BOOST_TEST(std::abs(ridge.weights[0]) < std::abs(plain.weights[0]));
  LinearRegression model({.fit = {.solver = Solver::gradient_descent, .learning_rate = 0.05,
                                  .epochs = 2000, .l2 = 0.5}});
  model.fit(x, y);
  BOOST_TEST(model.weights()[0] == ridge.weights[0], tt::tolerance(1e-8));
  BOOST_TEST(model.weights()[1] == ridge.weights[1], tt::tolerance(1e-8));
  BOOST_TEST(model.bias() == ridge.bias, tt::tolerance(1e-8));
}

BOOST_AUTO_TEST_CASE(misuse_is_reported) {
  const IceCream d;
  BOOST_CHECK_THROW(LinearRegression().predict(d.x), ModelError);
  BOOST_CHECK_THROW(LinearRegression().fit(d.x, d.y.head(3)), ModelError);
  BOOST_CHECK_THROW(LinearRegression({.fit = {.learning_rate = -1.0}}).fit(d.x, d.y), ModelError);
  LinearRegression m({.fit = {.epochs = 5}});
  m.fit(d.x, d.y);
  BOOST_CHECK_THROW(m.predict(Eigen::MatrixXd::Zero(2, 3)), ModelError);
}

BOOST_AUTO_TEST_SUITE_END()
