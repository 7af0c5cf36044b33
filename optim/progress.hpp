// SPDX-License-Identifier: MIT
// The one-line progress display of minimize(): redrawn in place on stderr, and only when stderr
// is a terminal (a log file or a pipe gets nothing) and the run has taken a second — a short run
// never flickers. Off unless MinimizeOptions::progress asks.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "optim/step_record.hpp"

namespace tapegrad::optim {

class ProgressLine {
 public:
  // Draws only when `wanted` and stderr is a terminal; `total_steps` is the run's cap.
  ProgressLine(bool wanted, std::size_t total_steps);
  // "step 120 of 1000  loss 1.2340e-03  3.2 s", from the first second on, at most ~10 times a
  // second.
  void update(const StepRecord& record, double elapsed_seconds);
  // Erases the line, so the command's own output starts on a clean line.
  void finish();
  bool active() const { return active_; }

  // The text of the line for a record (without the carriage return).
  static std::string format(const StepRecord& record, std::size_t total_steps, double elapsed_seconds);

 private:
  bool active_;
  std::size_t total_steps_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace tapegrad::optim
