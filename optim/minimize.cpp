// SPDX-License-Identifier: MIT
// The one driver loop every optimizer runs in.
#include "optim/minimize.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

#include "optim/errors.hpp"
#include "optim/progress.hpp"

namespace tapegrad::optim {

std::optional<StopReason> check_divergence(std::span<const StepRecord> history,
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
  const double scale = std::max({std::abs(from), std::abs(history.front().value), 1e-12});
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
  ProgressLine progress(options.progress);

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
    result.history.push_back(std::move(r));
    if (options.on_step) options.on_step(result.history.back());
    progress.update(optimizer.name(), result.history.back());
  };
  // The reason to stop at the newest record, if any.
  const auto should_stop = [&]() -> std::optional<StopReason> {
    if (auto diverged = check_divergence(result.history, options.divergence)) return diverged;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const StopContext context{result.history, result.x, elapsed};
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
  progress.finish(result.stop.message);
  result.value = at_x.value;
  result.gradient = std::move(at_x.gradient);
  result.evaluations = evaluations;
  return result;
}

}  // namespace tapegrad::optim
