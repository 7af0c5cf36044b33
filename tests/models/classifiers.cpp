// SPDX-License-Identifier: MIT
// The classifiers reach known answers: logistic regression separates separable data and its
// tape gradient is lesson 001's (1/N) Σ (p_i − y_i)·x_i; softmax regression separates
// well-separated blobs; the MLP learns XOR, which no linear model can; the same seed gives the
// same network; the MLP's gradient agrees with central finite differences.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>

#include "models/errors.hpp"
#include "models/logistic_regression.hpp"
#include "models/metrics.hpp"
#include "models/mlp.hpp"
#include "models/preprocess.hpp"
#include "models/softmax_regression.hpp"

namespace tt = boost::test_tools;
using namespace tapegrad;
using namespace tapegrad::models;

namespace {
double unit(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

// k blobs of n points each, centred on a circle of radius 4, spread ±0.5.
void blobs(int k, int n, Eigen::MatrixXd& x, Eigen::VectorXi& labels, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  x.resize(k * n, 2);
  labels.resize(k * n);
  for (int c = 0; c < k; ++c)
    for (int i = 0; i < n; ++i) {
      const double angle = 2.0 * M_PI * c / k;
      x(c * n + i, 0) = 4.0 * std::cos(angle) + unit(rng) - 0.5;
      x(c * n + i, 1) = 4.0 * std::sin(angle) + unit(rng) - 0.5;
      labels[c * n + i] = c;
    }
}

void xor_data(Eigen::MatrixXd& x, Eigen::VectorXi& labels) {
  x = Eigen::MatrixXd{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  labels = Eigen::VectorXi{{0, 1, 1, 0}};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(classifiers)

BOOST_AUTO_TEST_CASE(logistic_regression_separates_separable_data) {
  Eigen::MatrixXd x;
  Eigen::VectorXi labels;
  blobs(2, 50, x, labels, 5);
  LogisticRegression model;
  model.fit(x, labels);
  BOOST_TEST(model.score(x, labels) == 1.0);
  BOOST_TEST(model.history().records.back().value < 0.05);
  BOOST_TEST(model.history().records.back().value < model.history().records.front().value);
  BOOST_TEST(model.weights()[0] < 0.0);  // class 1 sits at x1 = −4
  const Eigen::VectorXd p = model.predict_proba(x);
  BOOST_TEST(log_loss(labels, p) == model.history().records.back().value, tt::tolerance(0.5));
}

BOOST_AUTO_TEST_CASE(logistic_gradient_is_lesson_001_formula) {
  // One update of gradient descent from w = 0, b = 0 with η = 1 moves w by −(1/N) Σ (p_i − y_i)x_i,
  // where p_i = σ(0) = 1/2.
  const Eigen::MatrixXd x{{1.0, 2.0}, {-1.0, 0.5}, {3.0, -1.0}};
  const Eigen::VectorXi y{{1, 0, 1}};
  LogisticRegression model({.fit = {.solver = Solver::gradient_descent, .learning_rate = 1.0,
                                    .epochs = 1}});
  model.fit(x, y);
  const Eigen::VectorXd residual = Eigen::VectorXd::Constant(3, 0.5) - y.cast<double>();
  const Eigen::VectorXd grad_w = x.transpose() * residual / 3.0;
  BOOST_TEST(model.weights()[0] == -grad_w[0], tt::tolerance(1e-12));
  BOOST_TEST(model.weights()[1] == -grad_w[1], tt::tolerance(1e-12));
  BOOST_TEST(model.bias() == -residual.mean(), tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(logistic_regression_rejects_three_classes) {
  const Eigen::MatrixXd x = Eigen::MatrixXd::Zero(3, 1);
  BOOST_CHECK_THROW(LogisticRegression().fit(x, Eigen::VectorXi{{0, 1, 2}}), ModelError);
}

BOOST_AUTO_TEST_CASE(softmax_regression_separates_blobs) {
  Eigen::MatrixXd x, x_test;
  Eigen::VectorXi labels, test_labels;
  blobs(4, 40, x, labels, 11);
  blobs(4, 20, x_test, test_labels, 12);
  SoftmaxRegression model;
  model.fit(x, labels);
  BOOST_TEST(model.score(x, labels) == 1.0);
  BOOST_TEST(model.score(x_test, test_labels) == 1.0);
  const Eigen::MatrixXd p = model.predict_proba(x_test);
  BOOST_TEST(p.rowwise().sum().isApprox(Eigen::VectorXd::Ones(p.rows())));
  BOOST_TEST(model.weights().cols() == 4);
  const Eigen::MatrixXi c = confusion_matrix(test_labels, model.predict(x_test));
  BOOST_TEST(c.trace() == 80);
}

BOOST_AUTO_TEST_CASE(no_linear_model_learns_xor) {
  Eigen::MatrixXd x;
  Eigen::VectorXi labels;
  xor_data(x, labels);
  SoftmaxRegression linear({.fit = {.epochs = 500}});
  linear.fit(x, labels);
  BOOST_TEST(linear.score(x, labels) < 1.0);
}

BOOST_AUTO_TEST_CASE(mlp_learns_xor) {
  Eigen::MatrixXd x;
  Eigen::VectorXi labels;
  xor_data(x, labels);
  MlpClassifier net({.hidden = {8}, .activation = Activation::tanh,
                     .fit = {.solver = Solver::adam, .learning_rate = 0.05, .epochs = 500,
                             .batch_size = 0, .seed = 3}});
  net.fit(x, labels);
  BOOST_TEST(net.score(x, labels) == 1.0);
  BOOST_TEST(net.history().records.back().value < 0.05);
  BOOST_TEST(net.layers().size() == 2u);
  BOOST_TEST(net.layers()[0].weights.rows() == 2);
  BOOST_TEST(net.layers()[0].weights.cols() == 8);
}

BOOST_AUTO_TEST_CASE(same_seed_same_network) {
  Eigen::MatrixXd x;
  Eigen::VectorXi labels;
  blobs(3, 20, x, labels, 2);
  const MlpOptions o{.hidden = {5, 4}, .fit = {.epochs = 3, .batch_size = 8, .seed = 9}};
  MlpClassifier a(o), b(o);
  a.fit(x, labels);
  b.fit(x, labels);
  BOOST_TEST((a.layers()[1].weights == b.layers()[1].weights));
  MlpOptions other = o;
  other.fit.seed = 10;
  MlpClassifier c(other);
  c.fit(x, labels);
  BOOST_TEST((a.layers()[1].weights != c.layers()[1].weights));
}

BOOST_AUTO_TEST_CASE(mlp_loss_gradient_matches_central_differences) {
  // The training loss of a 2-3-2 sigmoid network with L2 through loss_gradient (the tape),
  // against (L(θ + h) − L(θ − h))/2h for every parameter.
  Eigen::MatrixXd x;
  Eigen::VectorXi labels;
  blobs(2, 5, x, labels, 4);
  std::mt19937_64 rng(1);
  std::vector<Parameter> params{{"W1", Eigen::MatrixXd(2, 3), true},
                                {"b1", Eigen::MatrixXd(1, 3), false},
                                {"W2", Eigen::MatrixXd(3, 2), true},
                                {"b2", Eigen::MatrixXd(1, 2), false}};
  for (auto& p : params)
    for (Eigen::Index i = 0; i < p.value.size(); ++i) p.value.data()[i] = unit(rng) - 0.5;
  const LossRecorder loss = [&](std::span<const MatrixVar> p, std::span<const std::size_t>) {
    return softmax_cross_entropy(sigmoid(x * p[0] + p[1]) * p[2] + p[3], labels);
  };
  const auto all = all_samples(10);
  const double l2 = 0.3;
  const LossGradient g = loss_gradient(params, all, loss, l2);
  const double h = 1e-6;
  for (std::size_t k = 0; k < params.size(); ++k)
    for (Eigen::Index i = 0; i < params[k].value.size(); ++i) {
      auto plus = params, minus = params;
      plus[k].value.data()[i] += h;
      minus[k].value.data()[i] -= h;
      const double fd =
          (loss_gradient(plus, all, loss, l2).loss - loss_gradient(minus, all, loss, l2).loss) /
          (2 * h);
      BOOST_TEST(g.gradients[k].data()[i] == fd, tt::tolerance(1e-6));
    }
}

BOOST_AUTO_TEST_SUITE_END()

// Held-out data: its loss at each record's parameters is the model's own loss on it then — checked
// at the end against predict_proba (log-loss / cross-entropy by hand), at the start against the
// untrained model (p = 1/2, or 1/k for k classes), and the training itself is unchanged by it.
BOOST_AUTO_TEST_CASE(held_out_losses_are_the_test_curve) {
  Eigen::MatrixXd x, x_test;
  Eigen::VectorXi labels, labels_test;
  blobs(3, 30, x, labels, 5);
  blobs(3, 10, x_test, labels_test, 6);
  const FitOptions fit{.solver = Solver::gradient_descent, .learning_rate = 0.1, .epochs = 40};

  SoftmaxRegression watched({.fit = fit}), plain({.fit = fit});
  watched.fit(x, labels, x_test, labels_test);
  plain.fit(x, labels);
  const auto& h = watched.history();
  BOOST_REQUIRE(h.held_out_losses.size() == h.records.size());
  BOOST_TEST(h.held_out_losses.front() == std::log(3.0), tt::tolerance(1e-12));
  BOOST_TEST(h.held_out_losses.back() == log_loss(labels_test, watched.predict_proba(x_test)),
             tt::tolerance(1e-9));
  BOOST_TEST(h.losses() == plain.history().losses(), tt::per_element());
  BOOST_TEST(plain.history().held_out_losses.empty());

  const Eigen::VectorXi is_zero = (labels.array() == 0).cast<int>(), test_is_zero = (labels_test.array() == 0).cast<int>();
  LogisticRegression binary({.fit = fit});
  binary.fit(x, is_zero, x_test, test_is_zero);
  BOOST_TEST(binary.history().held_out_losses.front() == std::log(2.0), tt::tolerance(1e-12));
  BOOST_TEST(binary.history().held_out_losses.back() ==
                 log_loss(test_is_zero, Eigen::VectorXd(binary.predict_proba(x_test))),
             tt::tolerance(1e-9));

  MlpClassifier net({.hidden = {8}, .fit = {.solver = Solver::adam, .learning_rate = 0.01, .epochs = 5,
                                           .batch_size = 16, .seed = 3}});
  net.fit(x, labels, x_test, labels_test);
  BOOST_TEST(net.history().held_out_losses.size() == net.history().records.size());
  BOOST_TEST(net.history().held_out_losses.back() == log_loss(labels_test, net.predict_proba(x_test)),
             tt::tolerance(1e-9));

  // Held-out data that does not fit the training data is refused, with the reason.
  BOOST_CHECK_THROW(SoftmaxRegression({.fit = fit}).fit(x, labels, x_test, Eigen::VectorXi(labels_test.array() + 1)),
                    ModelError);
  BOOST_CHECK_THROW(SoftmaxRegression({.fit = fit}).fit(x, labels, Eigen::MatrixXd(x_test.rows(), 3), labels_test),
                    ModelError);
  BOOST_CHECK_THROW(LogisticRegression({.fit = fit}).fit(x, is_zero, x_test, labels_test), ModelError);
}
