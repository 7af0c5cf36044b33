// SPDX-License-Identifier: MIT
// The one driver loop every optimizer runs in.
#include "optim/minimize.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <optional>
#include <utility>

#include "optim/errors.hpp"
#include "optim/progress.hpp"

namespace tapegrad::optim {
namespace {

// The records of a run: every one, or, bounded, record 0 and a window of the latest — the window
// is trimmed when it reaches twice its size, so a push costs O(1) amortised and a 10⁷-step run
// holds at most 2·keep + 1 records.
class RecordStore {
 public:
  explicit RecordStore(std::optional<std::size_t> keep) : keep_(keep) {}

  void push(StepRecord r) {
    recent_.push_back(std::move(r));
    if (keep_ && recent_.size() >= 2 * *keep_) trim();
  }
  // The latest records, contiguous, for the stopping rules and the divergence test.
  std::span<const StepRecord> recent() const { return recent_; }
  double start_value() const { return first_ ? first_->value : recent_.front().value; }

  // Record 0, then the last `keep` records (every record when unbounded).
  std::vector<StepRecord> take() && {
    if (!keep_) return std::move(recent_);
    if (recent_.size() > *keep_) trim();
    std::vector<StepRecord> out;
    out.reserve(recent_.size() + 1);
    if (first_) out.push_back(std::move(*first_));
    std::move(recent_.begin(), recent_.end(), std::back_inserter(out));
    return out;
  }

 private:
  void trim() {
    if (!first_) first_ = recent_.front();
    recent_.erase(recent_.begin(), recent_.end() - static_cast<std::ptrdiff_t>(*keep_));
  }
  std::optional<std::size_t> keep_;
  std::optional<StepRecord> first_;
  std::vector<StepRecord> recent_;
};

}  // namespace

std::optional<StopReason> check_divergence(std::span<const StepRecord> history,
                                           const DivergenceOptions& options) {
  if (history.empty()) return std::nullopt;
  return check_divergence(history, history.front().value, options);
}

std::optional<StopReason> check_divergence(std::span<const StepRecord> history, double start_value,
                                           const DivergenceOptions& options) {
  if (!options.enabled || history.empty()) return std::nullopt;
  const StepRecord& r = history.back();
  if (!std::isfinite(r.value) || !std::isfinite(r.gradient_norm)) {
    const char* what = !std::isfinite(r.value) ? "loss" : "gradient";
    const double bad = !std::isfinite(r.value) ? r.value : r.gradient_norm;
    std::string message =
        r.step == 0 ? fmt::format("the {} is {} at the starting point: check the objective and "
                                  "the initial parameters", what, bad)
                    : fmt::format("the {} became {} at step {} (the loss was {:.6g} at step {}): "
                                  "learning rate too large?",
                                  what, bad, r.step, history[history.size() - 2].value,
                                  r.step - 1);
    return StopReason{StopReason::Kind::diverged, "diverged", std::move(message)};
  }
  const std::size_t w = options.window;
  if (w == 0 || history.size() <= w) return std::nullopt;
  const std::size_t first = history.size() - 1 - w;
  for (std::size_t k = first + 1; k < history.size(); ++k)
    if (!(history[k].value > history[k - 1].value)) return std::nullopt;
  // Measured against the loss's own scale, so a loss hovering around 1e-9 near a minimum
  // (Adam's last steps) does not count as divergence when it wobbles up to 1e-8.
  const double from = history[first].value;
  const double scale = std::max({std::abs(from), std::abs(start_value), 1e-12});
  if (!(r.value - from > (options.growth - 1.0) * scale)) return std::nullopt;
  return StopReason{StopReason::Kind::diverged, "diverged",
                    fmt::format("the loss grew from {:.6g} to {:.6g} in {} steps: learning rate "
                                "too large?",
                                from, r.value, w)};
}

MinimizeResult minimize(const Objective& objective, Eigen::VectorXd x0, Optimizer& optimizer,
                        const MinimizeOptions& options) {
  if (!objective) throw OptimError("minimize: the objective is empty");
  if (options.divergence.growth <= 1.0)
    throw OptimError(fmt::format("minimize: divergence.growth = {} must be > 1",
                                 options.divergence.growth));
  const auto start = std::chrono::steady_clock::now();
  optimizer.reset();
  ProgressLine progress(options.progress, options.max_steps);

  MinimizeResult result;
  result.x = std::move(x0);
  Evaluation at_x;
  std::size_t evaluations = 0;
  const Objective counted = [&](const Eigen::VectorXd& x, Eigen::VectorXd& grad) {
    ++evaluations;
    return objective(x, grad);
  };
  at_x.value = counted(result.x, at_x.gradient);
  if (at_x.gradient.size() != result.x.size())
    throw OptimError(fmt::format("minimize: the objective wrote a gradient of size {} for x of "
                                 "size {}",
                                 at_x.gradient.size(), result.x.size()));
  Eigen::VectorXd previous_x;
  // The divergence test reads the last window + 1 records, LossChangeBelow the last 2.
  RecordStore records(options.keep_last ? std::optional<std::size_t>(std::max(
                                              {*options.keep_last, options.divergence.window + 1,
                                               std::size_t{2}}))
                                        : std::nullopt);
  const auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };

  // Appends record k for the current point.
  const auto record = [&](std::size_t k, double step_norm, double rate) {
    StepRecord r;
    r.step = k;
    r.value = at_x.value;
    r.gradient_norm = at_x.gradient.norm();
    r.step_norm = step_norm;
    r.learning_rate = rate;
    r.evaluations = evaluations;
    if (options.keep_params) r.params = result.x;
    if (options.keep_gradients) r.gradient = at_x.gradient;
    records.push(std::move(r));
    if (options.on_step) options.on_step(records.recent().back());
    progress.update(records.recent().back(), seconds());
  };
  // The reason to stop at the newest record, if any.
  const auto should_stop = [&]() -> std::optional<StopReason> {
    if (auto diverged = check_divergence(records.recent(), records.start_value(), options.divergence))
      return diverged;
    const StepRecord& now = records.recent().back();
    if (options.interrupted && options.interrupted())
      return StopReason{StopReason::Kind::interrupted, "interrupted",
                        fmt::format("asked to stop after step {} (the loss is {:.6g})", now.step,
                                    now.value)};
    const StopContext context{records.recent(), result.x, seconds()};
    if (auto reason = options.stop.check(context)) return reason;
    if (auto reason = MaxSteps{options.max_steps}.check(context))
      return StopReason{StopReason::Kind::max_steps, "max_steps", std::move(*reason)};
    return std::nullopt;
  };

  record(0, 0.0, 0.0);
  for (std::size_t k = 1;; ++k) {
    if (auto reason = should_stop()) {
      result.stop = std::move(*reason);
      break;
    }
    const double rate = options.schedule(k - 1, optimizer.learning_rate());
    previous_x = result.x;
    const StepOutcome outcome = optimizer.step(result.x, at_x, rate, counted);
    if (outcome.stalled) {
      result.stop = {StopReason::Kind::stalled, "stalled",
                     fmt::format("{} could not decrease the loss {:.6g} at step {} (the line "
                                 "search found no decrease along its direction): a minimum to "
                                 "machine precision, or a gradient that does not match the loss",
                                 optimizer.name(), at_x.value, k - 1)};
      break;
    }
    if (!outcome.evaluated) at_x.value = counted(result.x, at_x.gradient);
    record(k, (result.x - previous_x).norm(),
           std::isnan(outcome.step_size) ? rate : outcome.step_size);
  }
  result.history = std::move(records).take();
  progress.finish();
  result.value = at_x.value;
  result.gradient = std::move(at_x.gradient);
  result.evaluations = evaluations;
  return result;
}

}  // namespace tapegrad::optim
