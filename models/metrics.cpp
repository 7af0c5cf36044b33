// SPDX-License-Identifier: MIT
// The metrics, written out on Eigen vectors.
#include "models/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/errors.hpp"

namespace tapegrad::models {
namespace {
void same_size(const char* where, Eigen::Index a, Eigen::Index b) {
  if (a != b)
    throw ModelError(fmt::format("{}: {} true values but {} predictions; pass one prediction per "
                                 "sample",
                                 where, a, b));
  if (a == 0) throw ModelError(fmt::format("{}: no samples", where));
}
constexpr double clip = 1e-15;
}  // namespace

double mean_squared_error(const Eigen::VectorXd& y, const Eigen::VectorXd& predicted) {
  same_size("mean_squared_error", y.size(), predicted.size());
  return (y - predicted).squaredNorm() / double(y.size());
}

double r2_score(const Eigen::VectorXd& y, const Eigen::VectorXd& predicted) {
  same_size("r2_score", y.size(), predicted.size());
  const double total = (y.array() - y.mean()).square().sum();
  if (total == 0.0)
    throw ModelError("r2_score: the true values are all equal, so R² is undefined");
  return 1.0 - (y - predicted).squaredNorm() / total;
}

double accuracy(const Eigen::VectorXi& labels, const Eigen::VectorXi& predicted) {
  same_size("accuracy", labels.size(), predicted.size());
  return double((labels.array() == predicted.array()).count()) / double(labels.size());
}

double log_loss(const Eigen::VectorXi& labels, const Eigen::VectorXd& probability) {
  same_size("log_loss", labels.size(), probability.size());
  double total = 0.0;
  for (Eigen::Index i = 0; i < labels.size(); ++i) {
    if (labels[i] != 0 && labels[i] != 1)
      throw ModelError(fmt::format("log_loss: label {} of sample {} is not 0 or 1", labels[i], i));
    const double p = std::clamp(probability[i], clip, 1.0 - clip);
    total -= labels[i] == 1 ? std::log(p) : std::log(1.0 - p);
  }
  return total / double(labels.size());
}

double log_loss(const Eigen::VectorXi& labels, const Eigen::MatrixXd& probabilities) {
  same_size("log_loss", labels.size(), probabilities.rows());
  double total = 0.0;
  for (Eigen::Index i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= probabilities.cols())
      throw ModelError(fmt::format("log_loss: label {} of sample {} is not a column of the {} "
                                   "class probabilities",
                                   labels[i], i, probabilities.cols()));
    total -= std::log(std::clamp(probabilities(i, labels[i]), clip, 1.0 - clip));
  }
  return total / double(labels.size());
}

Eigen::MatrixXi confusion_matrix(const Eigen::VectorXi& labels, const Eigen::VectorXi& predicted,
                                 Eigen::Index classes) {
  same_size("confusion_matrix", labels.size(), predicted.size());
  if (classes == 0) classes = std::max(labels.maxCoeff(), predicted.maxCoeff()) + 1;
  Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(classes, classes);
  for (Eigen::Index i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= classes || predicted[i] < 0 || predicted[i] >= classes)
      throw ModelError(fmt::format("confusion_matrix: sample {} has label {} / prediction {} "
                                   "outside [0, {})",
                                   i, labels[i], predicted[i], classes));
    ++counts(labels[i], predicted[i]);
  }
  return counts;
}

}  // namespace tapegrad::models
