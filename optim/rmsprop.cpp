// SPDX-License-Identifier: MIT
// The RMSProp update.
#include "optim/rmsprop.hpp"

#include "optim/errors.hpp"

namespace tapegrad::optim {

RmsProp::RmsProp(RmsPropOptions options) : options_(options) {
  detail::require_above("RmsProp", "learning_rate", options_.learning_rate, 0.0);
  detail::require_above("RmsProp", "decay", options_.decay, 0.0, true);
  detail::require_below("RmsProp", "decay", options_.decay, 1.0);
  detail::require_above("RmsProp", "epsilon", options_.epsilon, 0.0, true);
}

void RmsProp::update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
                     double learning_rate) {
  detail::size_state("RmsProp", mean_square_, x.size());
  const double rho = options_.decay;
  mean_square_ = rho * mean_square_.array() + (1.0 - rho) * g.array().square();  // E ← ρE + (1−ρ)g²
  x.array() -= learning_rate * g.array() / (mean_square_.array().sqrt() + options_.epsilon);
}

}  // namespace tapegrad::optim
