// SPDX-License-Identifier: MIT
// LinearRegression: ŷ = X·w + b, trained by descent on the mean squared error (lesson 000's
// L(w0, w1) = 1/n Σ (y_i − (w1·x_i + w0))²), with least_squares(), the closed-form answer, beside it
// as the check.
//
//   models::LinearRegression model({.fit = {.solver = models::Solver::gradient_descent,
//                                           .learning_rate = 0.1, .epochs = 500}});
//   model.fit(x, y);
//   model.weights(), model.bias(), model.score(x, y)   // R²
//   models::least_squares(x, y).weights                // the same, solved directly
#pragma once

#include <Eigen/Core>

#include "models/training.hpp"

namespace tapegrad::models {

struct LinearRegressionOptions {
  FitOptions fit{.solver = Solver::gradient_descent, .learning_rate = 0.1, .epochs = 1000};
};

class LinearRegression {
 public:
  explicit LinearRegression(LinearRegressionOptions options = {});

  // Trains from w = 0, b = 0 (or from set_parameters()' values when given since the last fit).
  LinearRegression& fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y);
  Eigen::VectorXd predict(const Eigen::MatrixXd& x) const;
  // R² on (x, y).
  double score(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) const;

  const Eigen::VectorXd& weights() const { return w_; }
  double bias() const { return b_; }
  // The starting point of the next fit (lesson 000 starts from w0 = w1 = 0, the default).
  void set_parameters(Eigen::VectorXd weights, double bias);
  const FitHistory& history() const { return history_; }
  const LinearRegressionOptions& options() const { return options_; }

  // The training loss (MSE + the L2 term) and its gradient at the current parameters, from the
  // tape: the numbers of the first step computed by hand in lesson 000.
  struct Gradient {
    double loss;
    Eigen::VectorXd weights;
    double bias;
  };
  Gradient gradient(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) const;

 private:
  std::vector<Parameter> parameters(Eigen::Index features) const;
  LinearRegressionOptions options_;
  Eigen::VectorXd w_;
  double b_ = 0.0;
  bool start_given_ = false;
  FitHistory history_;
};

struct LeastSquares {
  Eigen::VectorXd weights;
  double bias = 0.0;
};
// The minimiser of (1/n)‖X·w + b − y‖² + (l2/2)‖w‖² solved directly: centre X and y (which takes
// care of b), then solve (XcᵀXc + (n·l2/2)·I)·w = Xcᵀyc by a rank-revealing QR / LDLT; b = ȳ − x̄·w.
LeastSquares least_squares(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double l2 = 0.0);

}  // namespace tapegrad::models
