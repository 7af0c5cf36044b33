// SPDX-License-Identifier: MIT
// MlpClassifier: a multi-layer perceptron for classes 0..k−1 — dense layers h = act(h·W + b)
// with the chosen activation, a last dense layer giving the logits, softmax cross-entropy as the
// loss (lesson 002's network that recognises digits). Initial weights are drawn from a seeded
// generator (Glorot uniform: U(−a, a), a = sqrt(6/(fan_in + fan_out))), biases start at 0, so the
// same seed gives the same network.
//
//   models::MlpClassifier net({.hidden = {32}, .activation = models::Activation::relu,
//                              .fit = {.learning_rate = 0.01, .epochs = 30, .batch_size = 32}});
//   net.fit(x, labels);
//   net.score(x_test, labels_test)   // accuracy
#pragma once

#include <Eigen/Core>
#include <string_view>
#include <vector>

#include "models/training.hpp"

namespace tapegrad::models {

enum class Activation { relu, tanh, sigmoid };
std::string_view activation_name(Activation a);

struct DenseLayer {
  Eigen::MatrixXd weights;  // inputs × outputs
  Eigen::RowVectorXd bias;  // 1 × outputs
};

struct MlpOptions {
  std::vector<Eigen::Index> hidden{32};  // units per hidden layer; empty: softmax regression
  Activation activation = Activation::relu;
  FitOptions fit{.solver = Solver::adam, .learning_rate = 0.01, .epochs = 50, .batch_size = 32};
  Eigen::Index classes = 0;  // 0: the largest label + 1
};

class MlpClassifier {
 public:
  explicit MlpClassifier(MlpOptions options = {});
  // Draws fresh initial weights from options.fit.seed and trains.
  MlpClassifier& fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels);
  // The same, and the held-out data's cross-entropy after each epoch in history().held_out_losses.
  MlpClassifier& fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                     const Eigen::MatrixXd& x_held_out, const Eigen::VectorXi& labels_held_out);
  Eigen::MatrixXd decision_function(const Eigen::MatrixXd& x) const;  // logits, n × k
  Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& x) const;
  Eigen::VectorXi predict(const Eigen::MatrixXd& x) const;
  double score(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) const;  // accuracy

  const std::vector<DenseLayer>& layers() const { return layers_; }
  const FitHistory& history() const { return history_; }

 private:
  MlpClassifier& fit_with(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                          const Eigen::MatrixXd* x_held_out, const Eigen::VectorXi* labels_held_out);
  MlpOptions options_;
  std::vector<DenseLayer> layers_;
  FitHistory history_;
};

}  // namespace tapegrad::models
