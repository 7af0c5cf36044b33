// SPDX-License-Identifier: MIT
// The C++ blocks of docs/optim.md and docs/models.md, each pasted verbatim (without its #include
// lines, which are gathered here) into a test case that checks what its comments promise.
#include <boost/test/unit_test.hpp>

#include <span>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "autodiff/objective.hpp"
#include "models/models.hpp"
#include "optim/optim.hpp"
#include "optim/problems.hpp"

namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(optim_snippets)

BOOST_AUTO_TEST_CASE(any_callable_is_an_objective) {
namespace optim = tapegrad::optim;

// L(x) = ‖x‖², with its gradient 2x written by hand.
auto objective = [](const Eigen::VectorXd& x, Eigen::VectorXd& grad) {
  grad = 2.0 * x;
  return x.squaredNorm();
};
optim::GradientDescent gd({.learning_rate = 0.25});   // each step halves x
auto result = optim::minimize(objective, Eigen::Vector2d(1, -2), gd, {.max_steps = 50});
// result.history.back().params ≈ (0, 0)
  BOOST_TEST(result.history[1].params[0] == 0.5);
  BOOST_TEST(result.history[1].params[1] == -1.0);
  BOOST_TEST(result.history.back().params.norm() < 1e-12);
}

BOOST_AUTO_TEST_CASE(a_first_run) {
namespace optim = tapegrad::optim;

// Lesson 001: L(w) = (w − 3)², written over Vars; the tape gives the gradient.
auto loss = tapegrad::objective([](const tapegrad::VectorXv<>& w) { return pow(w[0] - 3.0, 2); });

optim::GradientDescent gd({.learning_rate = 0.1});
optim::MinimizeResult r = optim::minimize(loss, Eigen::VectorXd::Zero(1), gd,
    {.max_steps = 1000, .stop = optim::GradientNormBelow{1e-8}});

r.history[1].params[0];   // 0.6   (then 1.08, 1.464, 1.7712, … → 3)
r.stop.rule;              // "gradient_norm_below"
r.stop.message;           // "‖∇L‖ = 9.10626e-09 ≤ 1e-08 at step 91" (6·0.8⁹¹)
  BOOST_TEST(r.history[1].params[0] == 0.6, tt::tolerance(1e-12));
  BOOST_TEST(r.history[2].params[0] == 1.08, tt::tolerance(1e-12));
  BOOST_TEST(r.history[3].params[0] == 1.464, tt::tolerance(1e-12));
  BOOST_TEST(r.history[4].params[0] == 1.7712, tt::tolerance(1e-12));
  BOOST_TEST(r.history.back().params[0] == 3.0, tt::tolerance(1e-8));
  BOOST_TEST(r.stop.rule == "gradient_norm_below");
  BOOST_TEST(r.stop.message == "‖∇L‖ = 9.10626e-09 ≤ 1e-08 at step 91");
}

BOOST_AUTO_TEST_CASE(stopping_rules_combine) {
namespace optim = tapegrad::optim;

optim::MinimizeOptions options{
    .max_steps = 10000,
    .stop = optim::GradientNormBelow{1e-8} || optim::NoImprovement{.patience = 20}
                                           || optim::TimeBudget{.seconds = 30}};
// options.stop.describe(): "((gradient_norm_below || no_improvement) || time_budget)"
  BOOST_TEST(options.stop.describe() == "((gradient_norm_below || no_improvement) || time_budget)");
}

BOOST_AUTO_TEST_CASE(minibatch_training) {
namespace optim = tapegrad::optim;

// L(x) = the mean of (x − t_i)² over the samples t_i: smallest at their mean, 2.5.
const std::vector<double> t = {1, 2, 3, 4};
auto batch_objective = [&](const Eigen::VectorXd& x, std::span<const std::size_t> batch,
                           Eigen::VectorXd& grad) {   // the mean loss over the batch
  double loss = 0.0;
  grad = Eigen::VectorXd::Zero(1);
  for (std::size_t i : batch) {
    loss += (x[0] - t[i]) * (x[0] - t[i]);
    grad[0] += 2.0 * (x[0] - t[i]);
  }
  grad /= double(batch.size());
  return loss / double(batch.size());
};
optim::GradientDescent sgd({.learning_rate = 0.1});
optim::TrainResult r = optim::train_epochs(batch_objective, t.size(), Eigen::VectorXd::Zero(1), sgd,
                                           {.epochs = 50, .batches = {.batch_size = 2, .seed = 7}});
// r.epochs[0].value = 7.5, L over all samples at x0; r.x ≈ 2.5, jittering with the batches
  BOOST_TEST(r.epochs[0].value == 7.5);
  BOOST_TEST(r.epochs.size() == 51u);
  BOOST_TEST(r.updates == 100u);
  BOOST_TEST(std::abs(r.x[0] - 2.5) < 0.5);
}

BOOST_AUTO_TEST_CASE(test_problems) {
namespace optim = tapegrad::optim;
optim::GradientDescent gd({.learning_rate = 0.05});
auto result = optim::minimize(optim::problems::Booth{}, Eigen::Vector2d(0, 0), gd, {.max_steps = 2000});
// result.history.back().params ≈ (1, 3)
  BOOST_TEST(result.history.back().params[0] == 1.0, tt::tolerance(1e-6));
  BOOST_TEST(result.history.back().params[1] == 3.0, tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(a_first_model) {
namespace m = tapegrad::models;

Eigen::MatrixXd x{{20}, {25}, {30}, {35}};            // lesson 000: temperature
Eigen::VectorXd y{{40, 70, 100, 140}};                 //             ice creams sold
m::Standardizer scaler;
Eigen::MatrixXd z = scaler.fit_transform(x);           // (x − 27.5)/5.59
m::LinearRegression model({.fit = {.solver = m::Solver::gradient_descent,
                                   .learning_rate = 0.1, .epochs = 200}});
model.fit(z, y);
double w1 = model.weights()[0] / scaler.scale()[0];    // 6.6
double w0 = model.bias() - w1 * scaler.mean()[0];      // −94
m::least_squares(x, y);                                // {weights = [6.6], bias = −94}: the check
model.score(z, y);                                     // R² = 1 − 30/5475 = 0.9945
  BOOST_TEST(scaler.mean()[0] == 27.5);
  BOOST_TEST(scaler.scale()[0] == 5.59, tt::tolerance(1e-3));
  BOOST_TEST(w1 == 6.6, tt::tolerance(1e-6));
  BOOST_TEST(w0 == -94.0, tt::tolerance(1e-6));
  const m::LeastSquares check = m::least_squares(x, y);
  BOOST_TEST(check.weights[0] == 6.6, tt::tolerance(1e-12));
  BOOST_TEST(check.bias == -94.0, tt::tolerance(1e-12));
  BOOST_TEST(model.score(z, y) == 1.0 - 30.0 / 5475.0, tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(your_own_model) {
namespace m = tapegrad::models;

const std::size_t n = 4, d = 1;
Eigen::MatrixXd x{{-1.5}, {-0.5}, {0.5}, {1.5}}, y{{40}, {70}, {100}, {140}};  // n × d, n × 1
std::vector<m::Parameter> params{{"w", Eigen::MatrixXd::Zero(d, 1)}, {"b", Eigen::MatrixXd::Zero(1, 1), false}};
m::LossRecorder loss = [&](std::span<const tapegrad::MatrixVar> p, std::span<const std::size_t> batch) {
  return tapegrad::mse(m::select_rows(x, batch) * p[0] + p[1], m::select_rows(y, batch));
};
m::FitHistory h = m::fit_parameters(params, n, loss, {.solver = m::Solver::gradient_descent,
                                                      .learning_rate = 0.05, .epochs = 100});
// params[0].value ≈ 33, params[1].value ≈ 87.5: the least-squares line
m::loss_gradient(params, m::all_samples(n), loss, /*l2=*/0.0);   // loss and ∂loss/∂each parameter
  BOOST_TEST(params[0].value(0, 0) == 33.0, tt::tolerance(1e-3));
  BOOST_TEST(params[1].value(0, 0) == 87.5, tt::tolerance(1e-3));
  BOOST_TEST(h.records.size() == 101u);
  const m::LossGradient g = m::loss_gradient(params, m::all_samples(n), loss, /*l2=*/0.0);
  BOOST_TEST(g.gradients.size() == 2u);
  BOOST_TEST(std::abs(g.gradients[0](0, 0)) < 1e-2);
}

BOOST_AUTO_TEST_SUITE_END()
