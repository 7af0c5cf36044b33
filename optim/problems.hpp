// SPDX-License-Identifier: MIT
// Standard test problems with known minima (as in ensmallen's test suite), with their gradients
// written out, for tests, examples and benchmarks of the optimizers.
#pragma once

#include <Eigen/Core>

namespace tapegrad::optim::problems {

// L(x) = Σ_i c_i·x_i², ∇L = 2·c∘x; minimum 0 at x = 0. Condition number max c / min c.
struct Quadratic {
  Eigen::VectorXd scales;
  double operator()(const Eigen::VectorXd& x, Eigen::VectorXd& grad) const {
    grad = 2.0 * scales.cwiseProduct(x);
    return scales.dot(x.cwiseAbs2());
  }
};

// Rosenbrock's banana valley, L(a, b) = (1 − a)² + 100·(b − a²)²; minimum 0 at (1, 1).
//   ∂L/∂a = −2(1 − a) − 400·a·(b − a²),  ∂L/∂b = 200·(b − a²)
struct Rosenbrock {
  double operator()(const Eigen::VectorXd& x, Eigen::VectorXd& grad) const {
    const double a = x[0], b = x[1], r = b - a * a;
    grad.resize(2);
    grad[0] = -2.0 * (1.0 - a) - 400.0 * a * r;
    grad[1] = 200.0 * r;
    return (1.0 - a) * (1.0 - a) + 100.0 * r * r;
  }
};

// Booth's function, L(a, b) = (a + 2b − 7)² + (2a + b − 5)²; minimum 0 at (1, 3).
//   ∂L/∂a = 2(a + 2b − 7) + 4(2a + b − 5),  ∂L/∂b = 4(a + 2b − 7) + 2(2a + b − 5)
struct Booth {
  double operator()(const Eigen::VectorXd& x, Eigen::VectorXd& grad) const {
    const double u = x[0] + 2.0 * x[1] - 7.0, v = 2.0 * x[0] + x[1] - 5.0;
    grad.resize(2);
    grad[0] = 2.0 * u + 4.0 * v;
    grad[1] = 4.0 * u + 2.0 * v;
    return u * u + v * v;
  }
};

}  // namespace tapegrad::optim::problems
