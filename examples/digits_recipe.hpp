// SPDX-License-Identifier: MIT
// The digits experiment, in one place so that examples/digits_mlp.cpp and the test that asserts
// its stated accuracy (tests/models/digits_accuracy.cpp) run exactly the same thing: load
// data/digits.csv, split 75/25 with seed 42, standardise on the training part, train a 64-32-10
// ReLU MLP with Adam on minibatches of 32, and measure the test accuracy.
#pragma once

#include "models/models.hpp"

namespace tapegrad::examples {

// The test accuracy the example states and the test asserts (measured: see the example's output).
inline constexpr double digits_stated_accuracy = 0.95;

struct DigitsRun {
  models::MlpClassifier net;
  Eigen::MatrixXd x_test;
  Eigen::VectorXi test_labels;
  double train_accuracy = 0.0;
  double test_accuracy = 0.0;
};

inline DigitsRun run_digits(const std::string& data_dir) {
  namespace m = tapegrad::models;
  const m::Dataset digits = m::load_csv(data_dir + "/digits.csv", {.target = "digit", .classes = 10});
  auto [train, test] = m::train_test_split(digits, {.test_fraction = 0.25, .seed = 42});
  m::Standardizer scaler;
  const Eigen::MatrixXd x_train = scaler.fit_transform(train.x);
  const Eigen::VectorXi train_labels = m::to_labels(train.y);
  DigitsRun run{
      .net = m::MlpClassifier({.hidden = {32},
                               .activation = m::Activation::relu,
                               .fit = {.solver = m::Solver::adam,
                                       .learning_rate = 0.005,
                                       .epochs = 20,
                                       .batch_size = 32,
                                       .seed = 7,
                                       .l2 = 1e-4}}),
      .x_test = scaler.transform(test.x),  // the training set's mean and std
      .test_labels = m::to_labels(test.y),
  };
  // The test images ride along as held-out data: their loss per epoch is the test curve.
  run.net.fit(x_train, train_labels, run.x_test, run.test_labels);
  run.train_accuracy = run.net.score(x_train, train_labels);
  run.test_accuracy = run.net.score(run.x_test, run.test_labels);
  return run;
}

}  // namespace tapegrad::examples
