// SPDX-License-Identifier: MIT
// SoftmaxRegression (multinomial logistic regression): class probabilities softmax(X·W + b) for
// k classes, trained on the softmax cross-entropy of integer labels 0..k−1 (one fused entry).
//
//   models::SoftmaxRegression model({.fit = {.learning_rate = 0.05, .epochs = 200}});
//   model.fit(x, labels);
//   model.predict(x), model.score(x, labels)   // accuracy
#pragma once

#include <Eigen/Core>
#include <optional>
#include <span>
#include <vector>

#include "models/preprocess.hpp"
#include "models/shapes.hpp"
#include "models/training.hpp"

namespace tapegrad::models {

struct SoftmaxRegressionOptions {
  FitOptions fit{.solver = Solver::adam, .learning_rate = 0.05, .epochs = 200};
  // The number of classes; 0: the largest label + 1.
  Eigen::Index classes = 0;
};

class SoftmaxRegression {
 public:
  explicit SoftmaxRegression(SoftmaxRegressionOptions options = {});
  // Trains from W = 0, b = 0.
  SoftmaxRegression& fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels);
  // The same, and the held-out data's cross-entropy after each step in history().held_out_losses.
  SoftmaxRegression& fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                         const Eigen::MatrixXd& x_held_out, const Eigen::VectorXi& labels_held_out);
  Eigen::MatrixXd decision_function(const Eigen::MatrixXd& x) const;  // logits, n × k
  Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& x) const;      // rows sum to 1
  Eigen::VectorXi predict(const Eigen::MatrixXd& x) const;            // the most probable class
  double score(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) const;  // accuracy

  const Eigen::MatrixXd& weights() const { return w_; }  // features × classes
  const Eigen::RowVectorXd& bias() const { return b_; }  // 1 × classes
  const FitHistory& history() const { return history_; }

 private:
  SoftmaxRegression& fit_with(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                              const Eigen::MatrixXd* x_held_out, const Eigen::VectorXi* labels_held_out);
  SoftmaxRegressionOptions options_;
  Eigen::MatrixXd w_;
  Eigen::RowVectorXd b_;
  FitHistory history_;
};

// Shared by the classifiers: the mean cross-entropy of a batch of samples under
// logits(rows of x, parameters) — the rows an Eigen matrix, the parameters MatrixVars, the logits a
// MatrixVar; `batch_labels` is the caller's buffer for a minibatch's labels.
template <class Logits>
LossRecorder cross_entropy_loss(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                                std::vector<int>& batch_labels, Logits logits) {
  return [&x, &labels, &batch_labels, logits](std::span<const MatrixVar> p, std::span<const std::size_t> batch) {
    if (batch.size() == std::size_t(x.rows())) return softmax_cross_entropy(logits(x, p), labels);
    batch_labels.clear();
    for (std::size_t i : batch) batch_labels.push_back(labels[Eigen::Index(i)]);
    return softmax_cross_entropy(logits(select_rows(x, batch), p), std::span<const int>(batch_labels));
  };
}

// Shared by the classifiers: trains `params` on the mean cross-entropy of logits(rows of x, params)
// against `labels` (k classes) and, given held-out data, records its cross-entropy per record.
template <class Logits>
FitHistory fit_cross_entropy(std::vector<Parameter>& params, const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                             const Eigen::MatrixXd* x_held_out, const Eigen::VectorXi* labels_held_out,
                             Eigen::Index k, Logits logits, const FitOptions& options, const char* where) {
  std::vector<int> batch_labels, held_batch_labels;
  std::optional<HeldOut> held;
  if (x_held_out != nullptr) {
    detail::check_held_out(where, x.cols(), *x_held_out, *labels_held_out, k);
    held = HeldOut{cross_entropy_loss(*x_held_out, *labels_held_out, held_batch_labels, logits),
                   std::size_t(x_held_out->rows())};
  }
  return fit_parameters(params, std::size_t(x.rows()), cross_entropy_loss(x, labels, batch_labels, logits),
                        options, where, held ? &*held : nullptr);
}

// Shared by the classifiers: the row-wise argmax and the stable row softmax of logits.
Eigen::VectorXi row_argmax(const Eigen::MatrixXd& m);
Eigen::MatrixXd row_softmax(const Eigen::MatrixXd& logits);
// The number of classes for labels 0..k−1 (checks that none is negative).
Eigen::Index class_count(const char* where, const Eigen::VectorXi& labels, Eigen::Index given);

}  // namespace tapegrad::models
