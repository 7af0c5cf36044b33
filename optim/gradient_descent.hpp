// SPDX-License-Identifier: MIT
// Plain gradient descent (lessons 000–004): x ← x − η·g, with g = ∇L(x). Stochastic gradient
// descent is the same rule fed a minibatch gradient (optim/minibatch.hpp).
#pragma once

#include "optim/optimizer.hpp"

namespace tapegrad::optim {

struct GradientDescentOptions {
  // η. 0.01 as in ensmallen's StandardSGD; the lessons use 0.1 and 0.05.
  double learning_rate = 0.01;
};

// x_t = x_{t−1} − η·g_{t−1}   (lesson 004: x_t = x_{t−1} − h·∂L/∂θ). No state.
class GradientDescent final : public GradientRule {
 public:
  explicit GradientDescent(GradientDescentOptions options = {});
  std::string_view name() const override { return "gd"; }
  double learning_rate() const override { return options_.learning_rate; }
  void reset() override {}
  void update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
              double learning_rate) override;

 private:
  GradientDescentOptions options_;
};

}  // namespace tapegrad::optim
