// SPDX-License-Identifier: MIT
// LinearRegression: the MSE recorded at matrix level (one matmul, one broadcast add, one mse),
// and the closed-form least-squares check.
#include "models/linear_regression.hpp"

#include <Eigen/Dense>

#include "models/metrics.hpp"
#include "models/preprocess.hpp"
#include "models/shapes.hpp"

namespace tapegrad::models {

LinearRegression::LinearRegression(LinearRegressionOptions options) : options_(std::move(options)) {}

void LinearRegression::set_parameters(Eigen::VectorXd weights, double bias) {
  w_ = std::move(weights);
  b_ = bias;
  start_given_ = true;
}

std::vector<Parameter> LinearRegression::parameters(Eigen::Index features) const {
  const bool warm = start_given_ && w_.size() == features;
  return {{"w", warm ? Eigen::MatrixXd(w_) : Eigen::MatrixXd::Zero(features, 1), true},
          {"b", Eigen::MatrixXd::Constant(1, 1, warm ? b_ : 0.0), false}};
}

namespace {
LossRecorder mse_loss(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  return [&x, &y](std::span<const MatrixVar> p, std::span<const std::size_t> batch) {
    if (batch.size() == std::size_t(x.rows()))  // the full batch in order: no copy
      return mse(x * p[0] + p[1], y);
    return mse(select_rows(x, batch) * p[0] + p[1], select_rows(y, batch));
  };
}
}  // namespace

LinearRegression& LinearRegression::fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  detail::check_samples("LinearRegression::fit", x.rows(), y.size());
  detail::check_finite("LinearRegression::fit", "x", x);
  detail::check_finite("LinearRegression::fit", "y", y);
  std::vector<Parameter> params = parameters(x.cols());
  history_ = fit_parameters(params, std::size_t(x.rows()), mse_loss(x, y), options_.fit,
                            "LinearRegression::fit");
  w_ = params[0].value.col(0);
  b_ = params[1].value(0, 0);
  start_given_ = false;
  return *this;
}

LinearRegression::Gradient LinearRegression::gradient(const Eigen::MatrixXd& x,
                                                      const Eigen::VectorXd& y) const {
  detail::check_samples("LinearRegression::gradient", x.rows(), y.size());
  const std::vector<Parameter> params = parameters(x.cols());
  const auto all = all_samples(std::size_t(x.rows()));
  LossGradient g = loss_gradient(params, all, mse_loss(x, y), options_.fit.l2);
  return {g.loss, g.gradients[0].col(0), g.gradients[1](0, 0)};
}

Eigen::VectorXd LinearRegression::predict(const Eigen::MatrixXd& x) const {
  detail::check_fitted("LinearRegression::predict", w_.size(), x.cols());
  return (x * w_).array() + b_;
}

double LinearRegression::score(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) const {
  return r2_score(y, predict(x));
}

LeastSquares least_squares(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double l2) {
  detail::check_samples("least_squares", x.rows(), y.size());
  if (l2 < 0.0) throw ModelError("least_squares: l2 must be ≥ 0");
  const Eigen::RowVectorXd x_mean = x.colwise().mean();
  const double y_mean = y.mean();
  const Eigen::MatrixXd xc = x.rowwise() - x_mean;
  const Eigen::VectorXd yc = y.array() - y_mean;
  LeastSquares out;
  if (l2 == 0.0) {
    out.weights = xc.colPivHouseholderQr().solve(yc);
  } else {
    Eigen::MatrixXd a = xc.transpose() * xc;
    a.diagonal().array() += double(x.rows()) * l2 / 2.0;
    out.weights = a.ldlt().solve(xc.transpose() * yc);
  }
  out.bias = y_mean - x_mean.dot(out.weights);
  return out;
}

}  // namespace tapegrad::models
