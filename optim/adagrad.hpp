// SPDX-License-Identifier: MIT
// AdaGrad: a learning rate per component that shrinks with the sum of that component's squared
// gradients, so rarely-moving components keep large steps.
#pragma once

#include "optim/optimizer.hpp"

namespace tapegrad::optim {

struct AdaGradOptions {
  double learning_rate = 0.01;  // η, PyTorch's default
  double epsilon = 1e-10;       // ε, keeps the first division finite; PyTorch's default
};

// Duchi, Hazan & Singer, "Adaptive subgradient methods for online learning and stochastic
// optimization", JMLR 2011 (diagonal version), componentwise:
//   G ← G + g²            (G starts at 0)
//   x ← x − η·g / (√G + ε)
// The first step moves each component by −η·sign(g) (up to ε).
class AdaGrad final : public GradientRule {
 public:
  explicit AdaGrad(AdaGradOptions options = {});
  std::string_view name() const override { return "adagrad"; }
  double learning_rate() const override { return options_.learning_rate; }
  void reset() override { sum_squares_.resize(0); }
  void update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
              double learning_rate) override;

 private:
  AdaGradOptions options_;
  Eigen::VectorXd sum_squares_;  // G
};

}  // namespace tapegrad::optim
