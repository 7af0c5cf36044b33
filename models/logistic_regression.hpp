// SPDX-License-Identifier: MIT
// LogisticRegression: p = σ(X·w + b), the probability of class 1, trained on the binary
// cross-entropy (lesson 001; the gradient is (1/N) Σ (p_i − y_i)·x_i), recorded as one fused
// bce_with_logits entry so that large logits do not overflow.
//
//   models::LogisticRegression model({.fit = {.learning_rate = 0.1, .epochs = 300}});
//   model.fit(x, labels);            // labels 0 or 1
//   model.predict_proba(x), model.predict(x), model.score(x, labels)   // accuracy
#pragma once

#include <Eigen/Core>

#include "models/training.hpp"

namespace tapegrad::models {

struct LogisticRegressionOptions {
  FitOptions fit{.solver = Solver::adam, .learning_rate = 0.1, .epochs = 300};
  double threshold = 0.5;  // predict() says 1 when p ≥ threshold
};

class LogisticRegression {
 public:
  explicit LogisticRegression(LogisticRegressionOptions options = {});
  // Trains from w = 0, b = 0; labels must be 0 or 1.
  LogisticRegression& fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels);
  // The same, and the held-out data's log-loss after each step in history().held_out_losses.
  LogisticRegression& fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                          const Eigen::MatrixXd& x_held_out, const Eigen::VectorXi& labels_held_out);
  Eigen::VectorXd decision_function(const Eigen::MatrixXd& x) const;  // the logits X·w + b
  Eigen::VectorXd predict_proba(const Eigen::MatrixXd& x) const;      // σ(X·w + b)
  Eigen::VectorXi predict(const Eigen::MatrixXd& x) const;
  double score(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) const;  // accuracy

  const Eigen::VectorXd& weights() const { return w_; }
  double bias() const { return b_; }
  const FitHistory& history() const { return history_; }

 private:
  LogisticRegression& fit_with(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                               const Eigen::MatrixXd* x_held_out, const Eigen::VectorXi* labels_held_out);
  LogisticRegressionOptions options_;
  Eigen::VectorXd w_;
  double b_ = 0.0;
  FitHistory history_;
};

}  // namespace tapegrad::models
