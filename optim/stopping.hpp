// SPDX-License-Identifier: MIT
// Stopping rules (lesson 004), each a small struct, combined with || (any) and && (all):
//   1 MaxSteps  2 MetricAtLeast  3 StepNormBelow  4 LossBelow  5 LossChangeBelow
//   6 NoImprovement  and GradientNormBelow (lesson 000: "stop when the gradient is ≈ 0"),
//   TimeBudget. e.g.  StopRule stop = GradientNormBelow{1e-8} || NoImprovement{.patience = 20};
// A rule looks at the records so far (the newest is the current point) and says why to stop.
#pragma once

#include <Eigen/Core>
#include <concepts>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "optim/step_record.hpp"

namespace tapegrad::optim {

// What a rule may look at: the records so far (never empty; back() is the current point), the
// current parameters, and the seconds since the run started.
struct StopContext {
  std::span<const StepRecord> history;
  const Eigen::VectorXd& x;
  double elapsed_seconds = 0.0;
  const StepRecord& current() const { return history.back(); }
};

// 1. Stop after `steps` updates: at record k = steps.
struct MaxSteps {
  std::size_t steps = 1000;
  std::string name() const { return "max_steps"; }
  std::optional<std::string> check(const StopContext& c) const;
};
// 2. Stop when metric(x) ≥ m (an accuracy, say). `metric_name` appears in the message.
struct MetricAtLeast {
  std::function<double(const Eigen::VectorXd&)> metric{};
  double at_least = 0.0;
  std::string metric_name = "metric";
  std::string name() const { return "metric_at_least"; }
  std::optional<std::string> check(const StopContext& c) const;
};
// 3. Stop when ‖x_t − x_{t−1}‖ ≤ ε (from record 1 on).
struct StepNormBelow {
  double epsilon = 1e-10;
  std::string name() const { return "step_norm_below"; }
  std::optional<std::string> check(const StopContext& c) const;
};
// 4. Stop when L(x_t) ≤ ε.
struct LossBelow {
  double epsilon = 0.0;
  std::string name() const { return "loss_below"; }
  std::optional<std::string> check(const StopContext& c) const;
};
// 5. Stop when |L(x_t) − L(x_{t−1})| ≤ ε (from record 1 on). Lesson 004 warns that it can stop
// too early on a slowly decaying loss: combine it with others.
struct LossChangeBelow {
  double epsilon = 1e-12;
  std::string name() const { return "loss_change_below"; }
  std::optional<std::string> check(const StopContext& c) const;
};
// 6. Stop when the best loss so far, L(x_m), has not improved by more than min_delta for
// `patience` steps: at step t = m + patience, where m is the step of the best loss (a later
// record counts as a new best only if its loss is below best − min_delta).
struct NoImprovement {
  std::size_t patience = 10;
  double min_delta = 0.0;
  std::string name() const { return "no_improvement"; }
  std::optional<std::string> check(const StopContext& c) const;

  // The best so far, carried from call to call: each call reads only the records it has not
  // seen, so the rule costs O(1) a step and stays exact when the run keeps only its last records
  // (MinimizeOptions::keep_last). A run whose records start again resets it. Not for callers.
  struct Seen {
    bool started = false;
    std::size_t last_step = 0, best_step = 0;
    double best = 0.0;
  };
  mutable Seen seen{};
};
// Stop when ‖∇L(x_t)‖ ≤ ε.
struct GradientNormBelow {
  double epsilon = 1e-8;
  std::string name() const { return "gradient_norm_below"; }
  std::optional<std::string> check(const StopContext& c) const;
};
// Stop when the run has used `seconds` of wall-clock time.
struct TimeBudget {
  double seconds = 60.0;
  std::string name() const { return "time_budget"; }
  std::optional<std::string> check(const StopContext& c) const;
};

template <class R>
concept StoppingRule = requires(const R& r, const StopContext& c) {
  { r.name() } -> std::convertible_to<std::string>;
  { r.check(c) } -> std::same_as<std::optional<std::string>>;
};

// Any stopping rule, or a combination of rules. Empty (the default) never stops.
class StopRule {
 public:
  StopRule() = default;
  template <StoppingRule R>
  StopRule(R rule)  // NOLINT(google-explicit-constructor): rules convert implicitly, for ||, &&
      : node_(std::make_shared<const Leaf<R>>(std::move(rule))) {}

  // The reason to stop now, or nullopt to go on. For a combination, the triggering rule's name.
  std::optional<StopReason> check(const StopContext& c) const {
    return node_ ? node_->check(c) : std::nullopt;
  }
  // "gradient_norm_below || max_steps", "" when empty.
  std::string describe() const { return node_ ? node_->describe() : std::string(); }
  bool empty() const { return node_ == nullptr; }

  // Stops when any of the rules triggers (the first in order gives the reason).
  static StopRule any_of(std::vector<StopRule> rules);
  // Stops when all of the rules trigger at the same record (reasons joined with "; ").
  static StopRule all_of(std::vector<StopRule> rules);

  struct Node {
    virtual ~Node() = default;
    virtual std::optional<StopReason> check(const StopContext& c) const = 0;
    virtual std::string describe() const = 0;
  };

 private:
  template <class R>
  struct Leaf final : Node {
    explicit Leaf(R r) : rule(std::move(r)) {}
    std::optional<StopReason> check(const StopContext& c) const override {
      auto message = rule.check(c);
      if (!message) return std::nullopt;
      return StopReason{StopReason::Kind::rule, rule.name(), std::move(*message)};
    }
    std::string describe() const override { return rule.name(); }
    R rule;
  };
  explicit StopRule(std::shared_ptr<const Node> node) : node_(std::move(node)) {}
  std::shared_ptr<const Node> node_;
};

inline StopRule operator||(StopRule a, StopRule b) {
  return StopRule::any_of({std::move(a), std::move(b)});
}
inline StopRule operator&&(StopRule a, StopRule b) {
  return StopRule::all_of({std::move(a), std::move(b)});
}

}  // namespace tapegrad::optim
