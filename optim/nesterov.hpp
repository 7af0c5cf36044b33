// SPDX-License-Identifier: MIT
// Nesterov's accelerated gradient: momentum that looks ahead, correcting the velocity with the
// gradient where the velocity is about to carry the point.
#pragma once

#include "optim/optimizer.hpp"

namespace tapegrad::optim {

struct NesterovOptions {
  double learning_rate = 0.01;  // η
  double momentum = 0.9;        // μ, as in Sutskever et al., ICML 2013
};

// Nesterov 1983, in Sutskever et al.'s form v ← μ·v − η·∇L(x + μ·v), x ← x + v, rewritten in
// terms of the gradient at x itself (Bengio, Boulanger-Lewandowski & Pascanu, "Advances in
// optimizing recurrent networks", 2013, eq. 7 — the form PyTorch and Keras use):
//   v ← μ·v − η·g        (v starts at 0)
//   x ← x + μ·v − η·g    (with the new v)
// The first step from v = 0 moves x by −(1 + μ)·η·g.
class Nesterov final : public GradientRule {
 public:
  explicit Nesterov(NesterovOptions options = {});
  std::string_view name() const override { return "nesterov"; }
  double learning_rate() const override { return options_.learning_rate; }
  void reset() override { velocity_.resize(0); }
  void update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
              double learning_rate) override;

 private:
  NesterovOptions options_;
  Eigen::VectorXd velocity_;  // v
};

}  // namespace tapegrad::optim
