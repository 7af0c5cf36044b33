// SPDX-License-Identifier: MIT
// SoftmaxRegression: softmax_cross_entropy(X·W + b, labels) at matrix level.
#include "models/softmax_regression.hpp"

#include <vector>

#include "models/metrics.hpp"
#include "models/preprocess.hpp"
#include "models/shapes.hpp"

namespace tapegrad::models {

Eigen::VectorXi row_argmax(const Eigen::MatrixXd& m) {
  Eigen::VectorXi out(m.rows());
  for (Eigen::Index i = 0; i < m.rows(); ++i) m.row(i).maxCoeff(&out[i]);
  return out;
}

Eigen::MatrixXd row_softmax(const Eigen::MatrixXd& logits) {
  // softmax(z)_j = exp(z_j − max z) / Σ_k exp(z_k − max z): the max keeps exp from overflowing
  Eigen::MatrixXd e = (logits.colwise() - logits.rowwise().maxCoeff()).array().exp();
  return e.array().colwise() / e.rowwise().sum().array();
}

Eigen::Index class_count(const char* where, const Eigen::VectorXi& labels, Eigen::Index given) {
  if (labels.size() > 0 && labels.minCoeff() < 0)
    throw ModelError(fmt::format("{}: a label is negative; classes are counted 0, 1, 2, ...", where));
  const Eigen::Index needed = labels.size() > 0 ? labels.maxCoeff() + 1 : 0;
  if (given == 0) {
    // Inferred from the largest label, a stray label (7 among 0, 1, 2) would silently add
    // classes that no sample has: refuse that, and let a caller who means it say so.
    std::vector<bool> seen(static_cast<std::size_t>(needed), false);
    for (int label : labels) seen[static_cast<std::size_t>(label)] = true;
    for (Eigen::Index c = 0; c < needed; ++c)
      if (!seen[static_cast<std::size_t>(c)])
        throw ModelError(fmt::format("{}: label {} makes {} classes, but class {} has no sample; "
                                     "fix the labels (they count 0, 1, ..., k − 1), or set "
                                     "classes = {} if a class may be empty (as a training split "
                                     "of a small data set can miss a rare class)",
                                     where, needed - 1, needed, c, needed));
    return needed;
  }
  if (needed > given)
    throw ModelError(fmt::format("{}: label {} does not fit classes = {}", where, needed - 1, given));
  return given;
}

SoftmaxRegression::SoftmaxRegression(SoftmaxRegressionOptions options)
    : options_(std::move(options)) {}

SoftmaxRegression& SoftmaxRegression::fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) {
  return fit_with(x, labels, nullptr, nullptr);
}

SoftmaxRegression& SoftmaxRegression::fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                                          const Eigen::MatrixXd& x_held_out,
                                          const Eigen::VectorXi& labels_held_out) {
  return fit_with(x, labels, &x_held_out, &labels_held_out);
}

SoftmaxRegression& SoftmaxRegression::fit_with(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                                               const Eigen::MatrixXd* x_held_out,
                                               const Eigen::VectorXi* labels_held_out) {
  detail::check_samples("SoftmaxRegression::fit", x.rows(), labels.size());
  detail::check_finite("SoftmaxRegression::fit", "x", x);
  const Eigen::Index k = class_count("SoftmaxRegression::fit", labels, options_.classes);
  std::vector<Parameter> params{{"W", Eigen::MatrixXd::Zero(x.cols(), k), true},
                                {"b", Eigen::MatrixXd::Zero(1, k), false}};
  const auto linear = [](const Eigen::MatrixXd& rows, std::span<const MatrixVar> p) { return rows * p[0] + p[1]; };
  history_ = fit_cross_entropy(params, x, labels, x_held_out, labels_held_out, k, linear, options_.fit,
                               "SoftmaxRegression::fit");
  w_ = params[0].value;
  b_ = params[1].value.row(0);
  return *this;
}

Eigen::MatrixXd SoftmaxRegression::decision_function(const Eigen::MatrixXd& x) const {
  detail::check_fitted("SoftmaxRegression::predict", w_.rows(), x.cols());
  return (x * w_).rowwise() + b_;
}

Eigen::MatrixXd SoftmaxRegression::predict_proba(const Eigen::MatrixXd& x) const {
  return row_softmax(decision_function(x));
}

Eigen::VectorXi SoftmaxRegression::predict(const Eigen::MatrixXd& x) const {
  return row_argmax(decision_function(x));
}

double SoftmaxRegression::score(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) const {
  return accuracy(labels, predict(x));
}

}  // namespace tapegrad::models
