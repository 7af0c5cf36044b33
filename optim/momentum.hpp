// SPDX-License-Identifier: MIT
// Gradient descent with inertia — the heavy-ball method (lesson 004's next step): a velocity
// accumulates past gradients, so the point can roll through a shallow local minimum.
#pragma once

#include "optim/optimizer.hpp"

namespace tapegrad::optim {

struct MomentumOptions {
  double learning_rate = 0.01;  // η
  // μ: the fraction of the velocity kept per step. 0.9 as in Sutskever, Martens, Dahl & Hinton,
  // "On the importance of initialization and momentum in deep learning", ICML 2013.
  double momentum = 0.9;
};

// Polyak, "Some methods of speeding up the convergence of iteration methods", 1964:
//   v ← μ·v − η·g        (v starts at 0)
//   x ← x + v
// With v₀ = 0 the first step equals gradient descent's.
class Momentum final : public GradientRule {
 public:
  explicit Momentum(MomentumOptions options = {});
  std::string_view name() const override { return "momentum"; }
  double learning_rate() const override { return options_.learning_rate; }
  void reset() override { velocity_.resize(0); }
  void update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
              double learning_rate) override;
  const Eigen::VectorXd& velocity() const { return velocity_; }

 private:
  MomentumOptions options_;
  Eigen::VectorXd velocity_;  // v
};

}  // namespace tapegrad::optim
