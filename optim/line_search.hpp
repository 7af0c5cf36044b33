// SPDX-License-Identifier: MIT
// Line searches along a descent direction d from x: find a step α with enough decrease of
// φ(α) = L(x + α·d). Used by L-BFGS; usable on their own with any Objective.
#pragma once

#include <Eigen/Core>

#include "optim/objective.hpp"

namespace tapegrad::optim {

// Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithm 3.1: start at α₀ and multiply
// by ρ until the sufficient-decrease (Armijo) condition holds:
//   L(x + α·d) ≤ L(x) + c₁·α·∇L(x)ᵀd
struct ArmijoOptions {
  double c1 = 1e-4;          // c₁, N&W's suggestion
  double shrink = 0.5;       // ρ
  int max_evaluations = 50;  // give up after this many trial points
};

// Nocedal & Wright, Algorithms 3.5 (bracketing) and 3.6 (zoom, with safeguarded cubic
// interpolation, eq. 3.59): a step satisfying the strong Wolfe conditions
//   L(x + α·d) ≤ L(x) + c₁·α·∇L(x)ᵀd   and   |∇L(x + α·d)ᵀd| ≤ c₂·|∇L(x)ᵀd|
struct StrongWolfeOptions {
  double c1 = 1e-4;          // c₁
  double c2 = 0.9;           // c₂: 0.9 for quasi-Newton directions (N&W §3.1)
  double max_step = 1e10;    // the bracketing phase never tries an α beyond this
  int max_evaluations = 25;  // bracketing and zoom together
};

struct LineSearchResult {
  bool success = false;  // a step satisfying all the search's conditions was found
  // α > 0 when a point was accepted: x_new = x + α·d and at_new holds L and ∇L there. Strong
  // Wolfe may accept a point with sufficient decrease only (success false) when it runs out of
  // evaluations. 0 when nothing was accepted (x_new, at_new are then unspecified).
  double step = 0.0;
  int evaluations = 0;  // objective calls made
};

// Both searches: `at_x` holds L(x) and ∇L(x); d must be a descent direction (∇L(x)ᵀd < 0),
// else OptimError.
LineSearchResult armijo_backtracking(const Objective& objective, const Eigen::VectorXd& x,
                                     const Evaluation& at_x, const Eigen::VectorXd& d,
                                     double initial_step, Eigen::VectorXd& x_new,
                                     Evaluation& at_new, const ArmijoOptions& options = {});
LineSearchResult strong_wolfe(const Objective& objective, const Eigen::VectorXd& x,
                              const Evaluation& at_x, const Eigen::VectorXd& d, double initial_step,
                              Eigen::VectorXd& x_new, Evaluation& at_new,
                              const StrongWolfeOptions& options = {});

}  // namespace tapegrad::optim
