// SPDX-License-Identifier: MIT
// The heavy-ball update.
#include "optim/momentum.hpp"

#include "optim/errors.hpp"

namespace tapegrad::optim {

Momentum::Momentum(MomentumOptions options) : options_(options) {
  detail::require_above("Momentum", "learning_rate", options_.learning_rate, 0.0);
  detail::require_above("Momentum", "momentum", options_.momentum, 0.0, true);
  detail::require_below("Momentum", "momentum", options_.momentum, 1.0);
}

void Momentum::update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
                      double learning_rate) {
  detail::size_state("Momentum", velocity_, x.size());
  velocity_ = options_.momentum * velocity_ - learning_rate * g;  // v ← μ·v − η·g
  x += velocity_;                                                 // x ← x + v
}

}  // namespace tapegrad::optim
