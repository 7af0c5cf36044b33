// SPDX-License-Identifier: MIT
// The one-line progress display of minimize(): redrawn in place on stderr, and only when stderr
// is a terminal (a log file or a pipe gets nothing). Off unless MinimizeOptions::progress asks.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "optim/step_record.hpp"

namespace tapegrad::optim {

class ProgressLine {
 public:
  // Draws only when `wanted` and stderr is a terminal.
  explicit ProgressLine(bool wanted);
  // "adam  step 120  loss 1.234e-03  ‖∇L‖ 4.5e-04  η 1e-02", at most ~10 times a second.
  void update(std::string_view optimizer, const StepRecord& record);
  // Ends the line with the stop message.
  void finish(const std::string& message);
  bool active() const { return active_; }

  // The text of the line for a record (without the carriage return).
  static std::string format(std::string_view optimizer, const StepRecord& record);

 private:
  bool active_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace tapegrad::optim
