// SPDX-License-Identifier: MIT
// Plain gradient descent: the rule the lessons compute by hand.
#include "optim/gradient_descent.hpp"

#include "optim/errors.hpp"

namespace tapegrad::optim {

GradientDescent::GradientDescent(GradientDescentOptions options) : options_(options) {
  detail::require_above("GradientDescent", "learning_rate", options_.learning_rate, 0.0);
}

void GradientDescent::update(Eigen::Ref<Eigen::VectorXd> x,
                             const Eigen::Ref<const Eigen::VectorXd>& g, double learning_rate) {
  x -= learning_rate * g;  // x ← x − η·g
}

}  // namespace tapegrad::optim
