// SPDX-License-Identifier: MIT
// The stopping rules' tests and messages, and their any/all combinations.
#include "optim/stopping.hpp"

#include <cmath>
#include <fmt/format.h>
#include <utility>

#include "optim/errors.hpp"

namespace tapegrad::optim {

std::optional<std::string> MaxSteps::check(const StopContext& c) const {
  if (c.current().step < steps) return std::nullopt;
  return fmt::format("reached the cap of {} steps", steps);
}

std::optional<std::string> MetricAtLeast::check(const StopContext& c) const {
  if (!metric) throw OptimError("MetricAtLeast: `metric` is empty; pass a callable x -> double");
  const double m = metric(c.x);
  if (!(m >= at_least)) return std::nullopt;
  return fmt::format("{} = {:.6g} ≥ {:.6g} at step {}", metric_name, m, at_least,
                     c.current().step);
}

std::optional<std::string> StepNormBelow::check(const StopContext& c) const {
  const StepRecord& r = c.current();
  if (r.step == 0 || !(r.step_norm <= epsilon)) return std::nullopt;
  return fmt::format("‖x_t − x_(t−1)‖ = {:.6g} ≤ {:.6g} at step {}", r.step_norm, epsilon, r.step);
}

std::optional<std::string> LossBelow::check(const StopContext& c) const {
  const StepRecord& r = c.current();
  if (!(r.value <= epsilon)) return std::nullopt;
  return fmt::format("L = {:.6g} ≤ {:.6g} at step {}", r.value, epsilon, r.step);
}

std::optional<std::string> LossChangeBelow::check(const StopContext& c) const {
  if (c.history.size() < 2) return std::nullopt;
  const StepRecord& r = c.current();
  const double change = std::abs(r.value - c.history[c.history.size() - 2].value);
  if (!(change <= epsilon)) return std::nullopt;
  return fmt::format("|L_t − L_(t−1)| = {:.6g} ≤ {:.6g} at step {}", change, epsilon, r.step);
}

std::optional<std::string> NoImprovement::check(const StopContext& c) const {
  const std::span<const StepRecord> h = c.history;
  // A run's first record, or records that start again (the rule reused for another run).
  if (!seen.started || h.size() == 1 || c.current().step <= seen.last_step)
    seen = {.started = true, .last_step = h.front().step, .best_step = h.front().step,
            .best = h.front().value};
  // The records after the last one seen, oldest first: a record improves on the best only if it
  // is below best − min_delta.
  std::size_t k = h.size();
  while (k > 1 && h[k - 1].step > seen.last_step) --k;
  for (; k < h.size(); ++k) {
    if (h[k].value < seen.best - min_delta) {
      seen.best = h[k].value;
      seen.best_step = h[k].step;
    }
    seen.last_step = h[k].step;
  }
  const std::size_t since = c.current().step - seen.best_step;
  if (since < patience) return std::nullopt;
  return fmt::format("no improvement on the best loss {:.6g} (step {}) for {} steps", seen.best,
                     seen.best_step, since);
}

std::optional<std::string> GradientNormBelow::check(const StopContext& c) const {
  const StepRecord& r = c.current();
  if (!(r.gradient_norm <= epsilon)) return std::nullopt;
  return fmt::format("‖∇L‖ = {:.6g} ≤ {:.6g} at step {}", r.gradient_norm, epsilon, r.step);
}

std::optional<std::string> TimeBudget::check(const StopContext& c) const {
  if (c.elapsed_seconds < seconds) return std::nullopt;
  return fmt::format("used the time budget of {:.6g} s ({:.3g} s elapsed) at step {}", seconds,
                     c.elapsed_seconds, c.current().step);
}

namespace {

std::string join(const std::vector<StopRule>& rules, const char* separator) {
  std::string out;
  for (const auto& r : rules) {
    if (r.empty()) continue;
    if (!out.empty()) out += separator;
    out += r.describe();
  }
  return out;
}

struct AnyOf final : StopRule::Node {
  std::vector<StopRule> rules;
  std::optional<StopReason> check(const StopContext& c) const override {
    for (const auto& r : rules)
      if (auto reason = r.check(c)) return reason;
    return std::nullopt;
  }
  std::string describe() const override { return "(" + join(rules, " || ") + ")"; }
};

struct AllOf final : StopRule::Node {
  std::vector<StopRule> rules;
  std::optional<StopReason> check(const StopContext& c) const override {
    StopReason all{StopReason::Kind::rule, describe(), ""};
    for (const auto& r : rules) {
      if (r.empty()) continue;
      auto reason = r.check(c);
      if (!reason) return std::nullopt;
      if (!all.message.empty()) all.message += "; ";
      all.message += reason->message;
    }
    if (all.message.empty()) return std::nullopt;  // no rules at all
    return all;
  }
  std::string describe() const override { return "(" + join(rules, " && ") + ")"; }
};

}  // namespace

StopRule StopRule::any_of(std::vector<StopRule> rules) {
  auto node = std::make_shared<AnyOf>();
  node->rules = std::move(rules);
  return StopRule(std::shared_ptr<const Node>(std::move(node)));
}

StopRule StopRule::all_of(std::vector<StopRule> rules) {
  auto node = std::make_shared<AllOf>();
  node->rules = std::move(rules);
  return StopRule(std::shared_ptr<const Node>(std::move(node)));
}

}  // namespace tapegrad::optim
