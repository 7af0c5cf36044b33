// SPDX-License-Identifier: MIT
// The AdamW update: Adam's step plus decay of x itself.
#include "optim/adamw.hpp"

#include <cmath>

#include "optim/errors.hpp"

namespace tapegrad::optim {

AdamW::AdamW(AdamWOptions options)
    : options_(options),
      adam_{.learning_rate = options.learning_rate,
            .beta1 = options.beta1,
            .beta2 = options.beta2,
            .epsilon = options.epsilon} {
  detail::check_adam_options("AdamW", adam_);
  detail::require_above("AdamW", "weight_decay", options_.weight_decay, 0.0, true);
}

void AdamW::update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
                   double learning_rate) {
  moments_.accumulate("AdamW", g, adam_);
  const double t = static_cast<double>(moments_.t);
  const double m_correction = 1.0 - std::pow(adam_.beta1, t);
  const double v_correction = 1.0 - std::pow(adam_.beta2, t);
  // x ← x − α·λ·x − α·m̂/(√v̂ + ε), both from the x before the step
  x.array() -= learning_rate * (options_.weight_decay * x.array() +
                                (moments_.m.array() / m_correction) /
                                    ((moments_.v.array() / v_correction).sqrt() + adam_.epsilon));
}

}  // namespace tapegrad::optim
