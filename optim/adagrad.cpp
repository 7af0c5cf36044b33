// SPDX-License-Identifier: MIT
// The diagonal AdaGrad update.
#include "optim/adagrad.hpp"

#include "optim/errors.hpp"

namespace tapegrad::optim {

AdaGrad::AdaGrad(AdaGradOptions options) : options_(options) {
  detail::require_above("AdaGrad", "learning_rate", options_.learning_rate, 0.0);
  detail::require_above("AdaGrad", "epsilon", options_.epsilon, 0.0, true);
}

void AdaGrad::update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
                     double learning_rate) {
  detail::size_state("AdaGrad", sum_squares_, x.size());
  sum_squares_.array() += g.array().square();  // G ← G + g²
  x.array() -= learning_rate * g.array() / (sum_squares_.array().sqrt() + options_.epsilon);
}

}  // namespace tapegrad::optim
