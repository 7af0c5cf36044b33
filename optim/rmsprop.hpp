// SPDX-License-Identifier: MIT
// RMSProp: like AdaGrad, but divides by a moving average of squared gradients instead of their
// sum, so the steps do not shrink to nothing.
#pragma once

#include "optim/optimizer.hpp"

namespace tapegrad::optim {

struct RmsPropOptions {
  double learning_rate = 0.001;  // η: Tieleman & Hinton suggest 0.001
  double decay = 0.9;            // ρ: 0.9 in the lecture (PyTorch uses 0.99)
  double epsilon = 1e-8;         // ε
};

// Tieleman & Hinton, Coursera "Neural networks for machine learning", lecture 6e, 2012,
// componentwise:
//   E ← ρ·E + (1 − ρ)·g²   (E starts at 0)
//   x ← x − η·g / (√E + ε)
// The first step moves each component by −η·g/(√(1 − ρ)·|g| + ε) ≈ −η·sign(g)/√(1 − ρ).
class RmsProp final : public GradientRule {
 public:
  explicit RmsProp(RmsPropOptions options = {});
  std::string_view name() const override { return "rmsprop"; }
  double learning_rate() const override { return options_.learning_rate; }
  void reset() override { mean_square_.resize(0); }
  void update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
              double learning_rate) override;

 private:
  RmsPropOptions options_;
  Eigen::VectorXd mean_square_;  // E
};

}  // namespace tapegrad::optim
