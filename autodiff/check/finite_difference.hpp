// SPDX-License-Identifier: MIT
// Finite differences: the derivative by trying small changes, for checking the tape's gradients.
// Offers central (default), forward and Richardson-extrapolated differences, the gradient of a
// scalar function, the Jacobian of a vector function, and an estimate of the rounding noise.
#pragma once

#include <Eigen/Core>
#include <functional>
#include <vector>

namespace tapegrad {

// How a derivative is approximated from function values (g(t) = f(x + t·e_i), step h):
//   forward:    (g(h) − g(0)) / h                          error O(h),  h = sqrt(ε)·s ≈ 1.5e-8·s
//   central:    (g(h) − g(−h)) / 2h                        error O(h²), h = cbrt(ε)·s ≈ 6.1e-6·s
//   richardson: (4·D(h/2) − D(h)) / 3, D = central         error O(h⁴), h = ε^(1/5)·s ≈ 7.4e-4·s
// where s = max(typical_x_i, |x_i|). Each default step balances the scheme's truncation error
// against rounding error ε·|f|/h.
enum class FdScheme { central, forward, richardson };

struct FdOptions {
  FdScheme scheme = FdScheme::central;
  // The c in h_i = c·max(typical_x_i, |x_i|); 0 picks the scheme's default above.
  double step_factor = 0.0;
  // Typical magnitude of each x_i (Dennis & Schnabel's "typx"). Empty means 1 for every
  // component, i.e. h_i = c·max(1, |x_i|). For an input whose natural scale is tiny (x ~ 1e-6
  // inside a log) give its scale here; 0 gives the purely relative step c·|x_i| (c when x_i = 0).
  std::vector<double> typical_x{};
  // The relative accuracy of f's values, used for the rounding-noise estimate; ε by default.
  double relative_noise = 0.0;
};

// The default c of a scheme: sqrt(ε), cbrt(ε) or ε^(1/5).
double default_step_factor(FdScheme scheme);

// The steps h_i the options give at x. Each is rounded so that (x_i + h_i) − x_i == h_i exactly,
// which removes the error of the step itself from the difference quotient.
Eigen::VectorXd fd_steps(const Eigen::VectorXd& x, const FdOptions& options = {});

// The derivative of g at 0 from g's values at ±h (or h and 0), by the scheme: the bare formula,
// for tests of the error order and for one-dimensional use.
double difference_quotient(const std::function<double(double)>& g, double h, FdScheme scheme);

struct FdGradient {
  Eigen::VectorXd gradient;  // the finite-difference ∂f/∂x_i
  Eigen::VectorXd step;      // the h_i used
  // The rounding noise each component may carry: relative_noise·max|f(sampled)|·Σ|weights|,
  // i.e. ≈ ε·|f|/h. A gradient check allows a multiple of it on top of its tolerances, so that a
  // component that is tiny compared with |f|/h is not flagged for noise it cannot avoid.
  Eigen::VectorXd noise;
};

using ScalarFunction = std::function<double(const Eigen::VectorXd&)>;
using VectorFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;

// ∇f(x) by finite differences, with the steps and the noise estimate.
FdGradient fd_gradient_with_noise(const ScalarFunction& f, const Eigen::VectorXd& x,
                                  const FdOptions& options = {});
// ∇f(x) by finite differences.
Eigen::VectorXd fd_gradient(const ScalarFunction& f, const Eigen::VectorXd& x,
                            const FdOptions& options = {});
// The Jacobian ∂f_i/∂x_j of f: Rⁿ → Rᵐ by finite differences (column j from steps in x_j).
Eigen::MatrixXd fd_jacobian(const VectorFunction& f, const Eigen::VectorXd& x,
                            const FdOptions& options = {});

}  // namespace tapegrad
