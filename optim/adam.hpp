// SPDX-License-Identifier: MIT
// Adam: momentum on the gradient (first moment) divided by the root of a moving average of its
// square (second moment), both corrected for their start at zero.
#pragma once

#include "optim/optimizer.hpp"

namespace tapegrad::optim {

// Defaults from Kingma & Ba, "Adam: a method for stochastic optimization", ICLR 2015, Algorithm 1.
struct AdamOptions {
  double learning_rate = 0.001;  // α
  double beta1 = 0.9;            // β₁: decay of the first moment
  double beta2 = 0.999;          // β₂: decay of the second moment
  double epsilon = 1e-8;         // ε
};

namespace detail {
// The moment estimates Adam and AdamW share: m, v and the step count t.
struct AdamMoments {
  Eigen::VectorXd m, v;
  long long t = 0;
  // Advances t, m, v with g and returns nothing; direction() then gives m̂ / (√v̂ + ε).
  void accumulate(const char* where, const Eigen::Ref<const Eigen::VectorXd>& g,
                  const AdamOptions& o);
  void reset() {
    m.resize(0);
    v.resize(0);
    t = 0;
  }
};
// Throws OptimError unless α > 0, 0 ≤ β₁, β₂ < 1 and ε ≥ 0.
void check_adam_options(const char* where, const AdamOptions& o);
}  // namespace detail

// Kingma & Ba 2015, Algorithm 1, componentwise (t counts steps from 1):
//   m ← β₁·m + (1 − β₁)·g
//   v ← β₂·v + (1 − β₂)·g²
//   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
//   x ← x − α·m̂ / (√v̂ + ε)
// The first step moves each component by −α·g/(|g| + ε) ≈ −α·sign(g).
class Adam final : public GradientRule {
 public:
  explicit Adam(AdamOptions options = {});
  std::string_view name() const override { return "adam"; }
  double learning_rate() const override { return options_.learning_rate; }
  void reset() override { moments_.reset(); }
  void update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
              double learning_rate) override;

 private:
  AdamOptions options_;
  detail::AdamMoments moments_;
};

}  // namespace tapegrad::optim
