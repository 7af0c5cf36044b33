// SPDX-License-Identifier: MIT
// AdamW: Adam with decoupled weight decay — the decay shrinks x directly instead of being added
// to the gradient (where Adam's division would rescale it).
#pragma once

#include "optim/adam.hpp"
#include "optim/optimizer.hpp"

namespace tapegrad::optim {

struct AdamWOptions {
  double learning_rate = 0.001;  // α, β₁, β₂, ε as in Adam (Kingma & Ba 2015)
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  // λ. 0.01 as in PyTorch's AdamW. Loshchilov & Hutter write the decay as η_t·λ·x with η_t the
  // schedule multiplier; like PyTorch we use the scheduled learning rate, α_t·λ·x.
  double weight_decay = 0.01;
};

// Loshchilov & Hutter, "Decoupled weight decay regularization", ICLR 2019, Algorithm 2
// (m, v, m̂, v̂ exactly as Adam's), componentwise:
//   x ← x − α·λ·x − α·m̂ / (√v̂ + ε)
// (both terms use the x before the step).
class AdamW final : public GradientRule {
 public:
  explicit AdamW(AdamWOptions options = {});
  std::string_view name() const override { return "adamw"; }
  double learning_rate() const override { return options_.learning_rate; }
  void reset() override { moments_.reset(); }
  void update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
              double learning_rate) override;

 private:
  AdamWOptions options_;
  AdamOptions adam_;  // the Adam part of the options
  detail::AdamMoments moments_;
};

}  // namespace tapegrad::optim
