// SPDX-License-Identifier: MIT
// Metrics on plain Eigen values: mean squared error, R², accuracy, log-loss (binary and
// multi-class) and the confusion matrix. Each throws ModelError for mismatched sizes.
#pragma once

#include <Eigen/Core>

namespace tapegrad::models {

// mean((y − ŷ)²)
double mean_squared_error(const Eigen::VectorXd& y, const Eigen::VectorXd& predicted);
// R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²: 1 is a perfect fit, 0 is as good as predicting the mean.
double r2_score(const Eigen::VectorXd& y, const Eigen::VectorXd& predicted);
// The fraction of labels predicted exactly.
double accuracy(const Eigen::VectorXi& labels, const Eigen::VectorXi& predicted);
// Binary: −mean(y·log p + (1 − y)·log(1 − p)), p the probability of class 1, clipped to
// [1e-15, 1 − 1e-15] so that a confident mistake costs a lot but not ∞.
double log_loss(const Eigen::VectorXi& labels, const Eigen::VectorXd& probability);
// Multi-class: −mean(log p_i,label_i), probabilities n × k (one row per sample), clipped the same.
double log_loss(const Eigen::VectorXi& labels, const Eigen::MatrixXd& probabilities);
// counts(t, p) = how many samples of true class t were predicted as p; classes = 0: from the data.
Eigen::MatrixXi confusion_matrix(const Eigen::VectorXi& labels, const Eigen::VectorXi& predicted,
                                 Eigen::Index classes = 0);

}  // namespace tapegrad::models
