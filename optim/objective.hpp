// SPDX-License-Identifier: MIT
// What an optimizer minimises: a callable that returns L(x) and writes ∇L(x) into `grad`.
// Any gradient source fits — a hand-written gradient, or autodiff/objective.hpp's tape glue.
#pragma once

#include <Eigen/Core>
#include <functional>

namespace tapegrad::optim {

// L(x), with ∇L(x) written into grad (the callee resizes it to x's size).
using Objective = std::function<double(const Eigen::VectorXd& x, Eigen::VectorXd& grad)>;

// The value and the gradient of the objective at one point.
struct Evaluation {
  double value = 0.0;
  Eigen::VectorXd gradient{};
};

}  // namespace tapegrad::optim
