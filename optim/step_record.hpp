// SPDX-License-Identifier: MIT
// What the minimise loop records: one StepRecord per point visited, and why the run stopped.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <string>

namespace tapegrad::optim {

// Record k describes the point after k updates: record 0 is the start, so a run of n updates
// has n + 1 records — the rows of the lessons' tables (x₀ = 5, x₁ = 4.4, x₂ = 3.92, ...).
struct StepRecord {
  std::size_t step = 0;        // k: updates done
  double value = 0.0;          // L(x_k)
  double gradient_norm = 0.0;  // ‖∇L(x_k)‖
  double step_norm = 0.0;      // ‖x_k − x_{k−1}‖ (0 for record 0)
  // The rate of the update that produced x_k (0 for record 0): the scheduled η, or the step
  // length the optimizer chose itself (L-BFGS's line-search α).
  double learning_rate = 0.0;
  std::size_t evaluations = 0;  // objective calls so far, including line-search trials
  Eigen::VectorXd params{};       // x_k (empty when MinimizeOptions::keep_params is false)
  Eigen::VectorXd gradient{};     // ∇L(x_k) (empty when MinimizeOptions::keep_gradients is false)
};

// Why the loop stopped.
struct StopReason {
  enum class Kind {
    rule,         // a stopping rule of MinimizeOptions::stop triggered
    max_steps,    // the iteration cap MinimizeOptions::max_steps
    diverged,     // the loss became NaN/Inf or grew by a large factor
    stalled,      // the optimizer could make no progress (a line search found no decrease)
    interrupted,  // MinimizeOptions::interrupted said so (the command's Ctrl-C, say)
  };
  Kind kind = Kind::max_steps;
  std::string rule;     // the rule's name: "gradient_norm_below", "max_steps", "diverged", ...
  std::string message;  // a sentence for a person: what was measured, against what threshold
};

}  // namespace tapegrad::optim
