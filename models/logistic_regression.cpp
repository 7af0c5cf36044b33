// SPDX-License-Identifier: MIT
// LogisticRegression: bce_with_logits(X·w + b, y) at matrix level.
#include "models/logistic_regression.hpp"

#include <optional>

#include "models/metrics.hpp"
#include "models/preprocess.hpp"
#include "models/shapes.hpp"

namespace tapegrad::models {

LogisticRegression::LogisticRegression(LogisticRegressionOptions options)
    : options_(std::move(options)) {}

namespace {
// The mean binary cross-entropy of the samples in a batch, at matrix level.
LossRecorder bce_loss(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  return [&x, &y](std::span<const MatrixVar> p, std::span<const std::size_t> batch) {
    if (batch.size() == std::size_t(x.rows())) return bce_with_logits(x * p[0] + p[1], y);
    return bce_with_logits(select_rows(x, batch) * p[0] + p[1], select_rows(y, batch));
  };
}
}  // namespace

LogisticRegression& LogisticRegression::fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) {
  return fit_with(x, labels, nullptr, nullptr);
}

LogisticRegression& LogisticRegression::fit(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                                            const Eigen::MatrixXd& x_held_out,
                                            const Eigen::VectorXi& labels_held_out) {
  return fit_with(x, labels, &x_held_out, &labels_held_out);
}

LogisticRegression& LogisticRegression::fit_with(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                                                 const Eigen::MatrixXd* x_held_out,
                                                 const Eigen::VectorXi* labels_held_out) {
  detail::check_samples("LogisticRegression::fit", x.rows(), labels.size());
  detail::check_finite("LogisticRegression::fit", "x", x);
  for (Eigen::Index i = 0; i < labels.size(); ++i)
    if (labels[i] != 0 && labels[i] != 1)
      throw ModelError(fmt::format("LogisticRegression::fit: label {} of sample {} is not 0 or 1; "
                                   "use SoftmaxRegression for more classes",
                                   labels[i], i));
  const Eigen::VectorXd y = labels.cast<double>();
  std::vector<Parameter> params{{"w", Eigen::MatrixXd::Zero(x.cols(), 1), true},
                                {"b", Eigen::MatrixXd::Zero(1, 1), false}};
  Eigen::VectorXd y_held_out;
  std::optional<HeldOut> held;
  if (x_held_out != nullptr) {
    detail::check_held_out("LogisticRegression::fit", x.cols(), *x_held_out, *labels_held_out, 2);
    y_held_out = labels_held_out->cast<double>();
    held = HeldOut{bce_loss(*x_held_out, y_held_out), std::size_t(x_held_out->rows())};
  }
  history_ = fit_parameters(params, std::size_t(x.rows()), bce_loss(x, y), options_.fit,
                            "LogisticRegression::fit", held ? &*held : nullptr);
  w_ = params[0].value.col(0);
  b_ = params[1].value(0, 0);
  return *this;
}

Eigen::VectorXd LogisticRegression::decision_function(const Eigen::MatrixXd& x) const {
  detail::check_fitted("LogisticRegression::predict", w_.size(), x.cols());
  return (x * w_).array() + b_;
}

Eigen::VectorXd LogisticRegression::predict_proba(const Eigen::MatrixXd& x) const {
  // σ(z) = 1/(1 + e^−z)
  return decision_function(x).unaryExpr([](double z) { return 1.0 / (1.0 + std::exp(-z)); });
}

Eigen::VectorXi LogisticRegression::predict(const Eigen::MatrixXd& x) const {
  return (predict_proba(x).array() >= options_.threshold).cast<int>();
}

double LogisticRegression::score(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) const {
  return accuracy(labels, predict(x));
}

}  // namespace tapegrad::models
