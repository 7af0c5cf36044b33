// SPDX-License-Identifier: MIT
// Finite differences (see finite_difference.hpp): steps from the scale of x, the three schemes,
// and one column loop shared by the gradient and the Jacobian.
#include "autodiff/check/finite_difference.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "autodiff/errors.hpp"

namespace tapegrad {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

// Σ|weights|·h of the scheme's formula: the rounding noise of the quotient is about
// relative_noise·|f|·weight_sum/h.
//   forward: |1| + |−1| = 2; central: (1 + 1)/2 = 1; richardson: (4/3)·2 + (1/3)·(2/2) = 3.
double weight_sum(FdScheme scheme) {
  switch (scheme) {
    case FdScheme::forward: return 2.0;
    case FdScheme::central: return 1.0;
    case FdScheme::richardson: return 3.0;
  }
  return 1.0;
}

struct Columns {
  Eigen::MatrixXd derivative;  // m × n
  Eigen::VectorXd step;        // n
  Eigen::VectorXd noise;       // n: the noise estimate of column j (largest |f| seen)
};

// The finite-difference Jacobian, column by column: column j steps x_j only.
Columns difference_columns(const VectorFunction& f, const Eigen::VectorXd& x,
                           const FdOptions& options) {
  Columns out;
  out.step = fd_steps(x, options);
  const double noise = options.relative_noise > 0.0 ? options.relative_noise : eps;
  const Eigen::VectorXd f0 = f(x);
  out.derivative.resize(f0.size(), x.size());
  out.noise.resize(x.size());
  Eigen::VectorXd xt = x;
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    double largest = f0.size() > 0 ? f0.cwiseAbs().maxCoeff() : 0.0;
    auto at = [&](double t) {
      xt[j] = x[j] + t;
      Eigen::VectorXd v = f(xt);
      if (v.size() != f0.size())
        throw Error("fd_jacobian: f returned " + std::to_string(v.size()) + " values at one point and " +
                    std::to_string(f0.size()) + " at another; it must return the same number");
      if (v.size() > 0) largest = std::max(largest, v.cwiseAbs().maxCoeff());
      return v;
    };
    const double h = out.step[j];
    switch (options.scheme) {
      case FdScheme::forward:
        out.derivative.col(j) = (at(h) - f0) / h;
        break;
      case FdScheme::central:
        out.derivative.col(j) = (at(h) - at(-h)) / (2.0 * h);
        break;
      case FdScheme::richardson: {
        // D(h) = f' + c₂h² + c₄h⁴ + …, so (4·D(h/2) − D(h))/3 = f' + O(h⁴).
        const Eigen::VectorXd wide = (at(h) - at(-h)) / (2.0 * h);
        const Eigen::VectorXd narrow = (at(h / 2) - at(-h / 2)) / h;
        out.derivative.col(j) = (4.0 * narrow - wide) / 3.0;
        break;
      }
    }
    xt[j] = x[j];
    out.noise[j] = noise * largest * weight_sum(options.scheme) / h;
  }
  return out;
}

}  // namespace

double default_step_factor(FdScheme scheme) {
  switch (scheme) {
    case FdScheme::forward: return std::sqrt(eps);
    case FdScheme::central: return std::cbrt(eps);
    case FdScheme::richardson: return std::pow(eps, 0.2);
  }
  return std::cbrt(eps);
}

Eigen::VectorXd fd_steps(const Eigen::VectorXd& x, const FdOptions& options) {
  if (!options.typical_x.empty() && options.typical_x.size() != static_cast<std::size_t>(x.size()))
    throw Error("fd_steps: FdOptions::typical_x has " + std::to_string(options.typical_x.size()) +
                " entries but x has " + std::to_string(x.size()) +
                "; give one typical magnitude per component or none");
  const double c = options.step_factor > 0.0 ? options.step_factor
                                             : default_step_factor(options.scheme);
  Eigen::VectorXd h(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double typical =
        options.typical_x.empty() ? 1.0 : std::abs(options.typical_x[static_cast<std::size_t>(i)]);
    double scale = std::max(typical, std::abs(x[i]));
    if (scale == 0.0) scale = 1.0;  // purely relative steps at x_i = 0
    // (x + h) − x is the step the function actually sees; use it as h.
    const volatile double moved = x[i] + c * scale;
    h[i] = moved - x[i];
  }
  return h;
}

double difference_quotient(const std::function<double(double)>& g, double h, FdScheme scheme) {
  switch (scheme) {
    case FdScheme::forward: return (g(h) - g(0.0)) / h;
    case FdScheme::central: return (g(h) - g(-h)) / (2.0 * h);
    case FdScheme::richardson: {
      const double wide = (g(h) - g(-h)) / (2.0 * h);
      const double narrow = (g(h / 2) - g(-h / 2)) / h;
      return (4.0 * narrow - wide) / 3.0;
    }
  }
  return 0.0;
}

FdGradient fd_gradient_with_noise(const ScalarFunction& f, const Eigen::VectorXd& x,
                                  const FdOptions& options) {
  const VectorFunction as_vector = [&f](const Eigen::VectorXd& p) {
    return Eigen::VectorXd::Constant(1, f(p)).eval();
  };
  Columns c = difference_columns(as_vector, x, options);
  return {c.derivative.row(0).transpose(), std::move(c.step), std::move(c.noise)};
}

Eigen::VectorXd fd_gradient(const ScalarFunction& f, const Eigen::VectorXd& x,
                            const FdOptions& options) {
  return fd_gradient_with_noise(f, x, options).gradient;
}

Eigen::MatrixXd fd_jacobian(const VectorFunction& f, const Eigen::VectorXd& x,
                            const FdOptions& options) {
  return difference_columns(f, x, options).derivative;
}

}  // namespace tapegrad
