// SPDX-License-Identifier: MIT
// The interface every optimizer implements, and GradientRule: the base of the first-order rules
// (GD, momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW) that move x from its gradient alone.
// The loop that calls them is minimize() (optim/minimize.hpp); a rule only updates x and its state.
#pragma once

#include <Eigen/Core>
#include <limits>
#include <string_view>

#include "optim/objective.hpp"

namespace tapegrad::optim {

// What one step did beyond moving x.
struct StepOutcome {
  // The rule evaluated the objective at the new x (a line search) and left the result in `at_x`,
  // so the loop need not evaluate again.
  bool evaluated = false;
  // The step length it chose itself (L-BFGS's accepted α), or NaN when it used the learning rate.
  double step_size = std::numeric_limits<double>::quiet_NaN();
  // A line search found no decrease: x is unchanged and further steps would repeat this one.
  bool stalled = false;
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  // A short name for records and messages: "gd", "momentum", "adam", "lbfgs", ...
  virtual std::string_view name() const = 0;
  // The base learning rate from the options; a schedule scales it per step.
  virtual double learning_rate() const = 0;
  // Forgets the state (moments, step count, curvature pairs): the next step is a first step.
  virtual void reset() = 0;
  // Moves x by one update. On entry `at_x` holds L(x) and ∇L(x); `learning_rate` is the
  // scheduled rate for this step. A rule that evaluates `objective` may use it.
  virtual StepOutcome step(Eigen::VectorXd& x, Evaluation& at_x, double learning_rate,
                           const Objective& objective) = 0;
};

// A first-order rule: x ← rule(x, g, η). Its update() can also drive a hand-written loop
// (a model's minibatch training) without an Objective.
class GradientRule : public Optimizer {
 public:
  StepOutcome step(Eigen::VectorXd& x, Evaluation& at_x, double learning_rate,
                   const Objective& /*objective*/) final {
    update(x, at_x.gradient, learning_rate);
    return {};
  }
  // One update of x given g = ∇L(x) and the learning rate η for this step.
  virtual void update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
                      double learning_rate) = 0;
};

}  // namespace tapegrad::optim
