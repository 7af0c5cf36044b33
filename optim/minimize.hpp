// SPDX-License-Identifier: MIT
// The descent loop. minimize() repeats: evaluate L and ∇L → record the step → check divergence
// and the stopping rules → update x with the optimizer. It returns the records (all of them, or
// the first and the last few with MinimizeOptions::keep_last) and why it stopped.
//
//   optim::GradientDescent gd({.learning_rate = 0.1});
//   auto result = optim::minimize(f, x0, gd, {.max_steps = 100,
//                                             .stop = optim::GradientNormBelow{1e-8}});
//   result.history[1].params   // x after one update
//   result.stop.message        // why it stopped: "‖∇L‖ = … ≤ 1e-08 at step …"
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "optim/objective.hpp"
#include "optim/optimizer.hpp"
#include "optim/schedule.hpp"
#include "optim/step_record.hpp"
#include "optim/stopping.hpp"

namespace tapegrad::optim {

// Lesson 004: "a sharply growing loss means a bug — a learning rate too large, inputs and
// outputs swapped". The loop stops when the loss or gradient becomes NaN/±∞, or when the loss
// rose at each of the last `window` steps and by more than (growth − 1)·max(|L_{t−window}|, |L_0|)
// in total (growth 10: it became at least ten times as large, on the scale of the start's loss).
struct DivergenceOptions {
  bool enabled = true;
  std::size_t window = 10;
  double growth = 10.0;
};

struct MinimizeOptions {
  // The iteration cap, always on (lesson 004: combine every rule with rule 1).
  std::size_t max_steps = 1000;
  // Extra stopping rules, checked at every record before the cap (so they name the reason when
  // both trigger at once). Empty: only the cap and divergence stop the loop.
  StopRule stop{};
  // η_t = schedule(t, optimizer.learning_rate()).
  Schedule schedule{};
  DivergenceOptions divergence{};
  // Keep x_k and ∇L(x_k) in each record (turn off for large parameter vectors).
  bool keep_params = true;
  bool keep_gradients = true;
  // Called with each record as soon as it is made (record 0 included).
  std::function<void(const StepRecord&)> on_step{};
  // Bounds the records held in memory for a long run: record 0 and the last `keep_last` (but
  // never fewer than the divergence window needs). Unset: every record. on_step still sees
  // every record, so a caller streams them (write them to a file) instead of keeping them.
  // The stopping rules then see only the records held (NoImprovement carries the best so far
  // itself, so it stops where it would with every record).
  std::optional<std::size_t> keep_last{};
  // Asked after every record: true stops the run there with StopReason::Kind::interrupted.
  // It stops between steps, never inside one, so the result is a consistent point. The caller
  // decides what "interrupted" means (the command reads a flag its SIGINT handler sets).
  std::function<bool()> interrupted{};
  // A one-line progress display on stderr ("step k of N, loss, elapsed"), redrawn in place,
  // drawn only after the run has taken a second and only when stderr is a terminal; erased at
  // the end.
  bool progress = false;
};

struct MinimizeResult {
  Eigen::VectorXd x;         // the last point (after history.back().step updates)
  double value = 0.0;        // L(x)
  Eigen::VectorXd gradient{};  // ∇L(x)
  // Every record, or with keep_last record 0 followed by the last records (the steps jump).
  std::vector<StepRecord> history;
  StopReason stop;
  std::size_t evaluations = 0;  // objective calls in all
  std::size_t steps() const { return history.empty() ? 0 : history.back().step; }
  bool diverged() const { return stop.kind == StopReason::Kind::diverged; }
  bool interrupted() const { return stop.kind == StopReason::Kind::interrupted; }
};

// Minimises `objective` from x0. Resets the optimizer first, so each call is a fresh run.
MinimizeResult minimize(const Objective& objective, Eigen::VectorXd x0, Optimizer& optimizer,
                        const MinimizeOptions& options = {});

// The divergence diagnosis for the records so far, or nullopt when all looks fine.
std::optional<StopReason> check_divergence(std::span<const StepRecord> history,
                                           const DivergenceOptions& options);
// The same for the latest records only (at least window + 1 of them), given L_0, the loss at the
// start, which sets the scale of "grew".
std::optional<StopReason> check_divergence(std::span<const StepRecord> recent, double start_value,
                                           const DivergenceOptions& options);

}  // namespace tapegrad::optim
