// SPDX-License-Identifier: MIT
// The Adam update and the moment bookkeeping shared with AdamW.
#include "optim/adam.hpp"

#include <cmath>

#include "optim/errors.hpp"

namespace tapegrad::optim {

namespace detail {
void AdamMoments::accumulate(const char* where, const Eigen::Ref<const Eigen::VectorXd>& g,
                             const AdamOptions& o) {
  size_state(where, m, g.size());
  size_state(where, v, g.size());
  ++t;
  m = o.beta1 * m + (1.0 - o.beta1) * g;                            // m ← β₁m + (1−β₁)g
  v = o.beta2 * v.array() + (1.0 - o.beta2) * g.array().square();  // v ← β₂v + (1−β₂)g²
}

void check_adam_options(const char* where, const AdamOptions& o) {
  require_above(where, "learning_rate", o.learning_rate, 0.0);
  require_above(where, "beta1", o.beta1, 0.0, true);
  require_below(where, "beta1", o.beta1, 1.0);
  require_above(where, "beta2", o.beta2, 0.0, true);
  require_below(where, "beta2", o.beta2, 1.0);
  require_above(where, "epsilon", o.epsilon, 0.0, true);
}
}  // namespace detail

Adam::Adam(AdamOptions options) : options_(options) {
  detail::check_adam_options("Adam", options_);
}

void Adam::update(Eigen::Ref<Eigen::VectorXd> x, const Eigen::Ref<const Eigen::VectorXd>& g,
                  double learning_rate) {
  moments_.accumulate("Adam", g, options_);
  const double t = static_cast<double>(moments_.t);
  const double m_correction = 1.0 - std::pow(options_.beta1, t);  // m̂ = m / (1 − β₁ᵗ)
  const double v_correction = 1.0 - std::pow(options_.beta2, t);  // v̂ = v / (1 − β₂ᵗ)
  x.array() -= learning_rate * (moments_.m.array() / m_correction) /
               ((moments_.v.array() / v_correction).sqrt() + options_.epsilon);
}

}  // namespace tapegrad::optim
