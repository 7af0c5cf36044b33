// SPDX-License-Identifier: MIT
// Nesterov momentum, in the gradient-at-x form.
#include "optim/nesterov.hpp"

#include "optim/errors.hpp"

namespace tapegrad::optim {

Nesterov::Nesterov(NesterovOptions options) : options_(options) {
  detail::require_above("Nesterov", "learning_rate", options_.learning_rate, 0.0);
  detail::require_above("Nesterov", "momentum", options_.momentum, 0.0, true);
  detail::require_below("Nesterov", "momentum", options_.momentum, 1.0);
}

void Nesterov::update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
                      double learning_rate) {
  detail::size_state("Nesterov", velocity_, x.size());
  const double mu = options_.momentum;
  velocity_ = mu * velocity_ - learning_rate * g;  // v ← μ·v − η·g
  x += mu * velocity_ - learning_rate * g;         // x ← x + μ·v − η·g
}

}  // namespace tapegrad::optim
