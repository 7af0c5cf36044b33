// SPDX-License-Identifier: MIT
// The learning-rate schedules.
#include "optim/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

#include "optim/errors.hpp"

namespace tapegrad::optim {

Schedule::Schedule() : Schedule("constant", [](std::size_t, double base) { return base; }) {}

Schedule::Schedule(std::string description, Rule rule)
    : description_(std::move(description)), rule_(std::move(rule)) {
  if (!rule_) throw OptimError("Schedule: the rule is empty; pass a callable (step, base) -> rate");
}

namespace schedule {

Schedule constant() { return Schedule(); }

Schedule step_decay(std::size_t every, double gamma) {
  detail::require_above("schedule::step_decay", "every", static_cast<double>(every), 0.0);
  detail::require_above("schedule::step_decay", "gamma", gamma, 0.0);
  return Schedule(fmt::format("step(every {}, ×{})", every, gamma),
                  [every, gamma](std::size_t t, double base) {
                    return base * std::pow(gamma, static_cast<double>(t / every));
                  });
}

Schedule exponential(double gamma) {
  detail::require_above("schedule::exponential", "gamma", gamma, 0.0);
  return Schedule(fmt::format("exponential(×{})", gamma), [gamma](std::size_t t, double base) {
    return base * std::pow(gamma, static_cast<double>(t));
  });
}

Schedule cosine(std::size_t total_steps, double min_fraction) {
  detail::require_above("schedule::cosine", "total_steps", static_cast<double>(total_steps), 0.0);
  detail::require_above("schedule::cosine", "min_fraction", min_fraction, 0.0, true);
  return Schedule(fmt::format("cosine({}, min {}·η)", total_steps, min_fraction),
                  [total_steps, min_fraction](std::size_t t, double base) {
                    const double progress = static_cast<double>(std::min(t, total_steps)) /
                                            static_cast<double>(total_steps);
                    const double min_rate = min_fraction * base;
                    return min_rate +
                           (base - min_rate) * 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
                  });
}

Schedule warmup(std::size_t warmup_steps, Schedule then) {
  detail::require_above("schedule::warmup", "warmup_steps", static_cast<double>(warmup_steps), 0.0);
  std::string description = fmt::format("warmup({}, {})", warmup_steps, then.description());
  return Schedule(std::move(description),
                  [warmup_steps, then = std::move(then)](std::size_t t, double base) {
                    if (t >= warmup_steps) return then(t - warmup_steps, base);
                    return then(0, base) * static_cast<double>(t + 1) /
                           static_cast<double>(warmup_steps);
                  });
}

}  // namespace schedule
}  // namespace tapegrad::optim
