// SPDX-License-Identifier: MIT
// The terminal progress line: isatty(stderr) decides, fmt draws.
#include "optim/progress.hpp"

#include <cstdio>
#include <fmt/format.h>
#include <unistd.h>

namespace tapegrad::optim {

ProgressLine::ProgressLine(bool wanted) : active_(wanted && ::isatty(::fileno(stderr)) == 1) {}

std::string ProgressLine::format(std::string_view optimizer, const StepRecord& r) {
  return fmt::format("{}  step {}  loss {:.4e}  ‖∇L‖ {:.3e}  η {:.3g}", optimizer, r.step,
                     r.value, r.gradient_norm, r.learning_rate);
}

void ProgressLine::update(std::string_view optimizer, const StepRecord& record) {
  if (!active_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  // \r returns to the line's start, \x1b[K clears what a longer previous line left behind.
  fmt::print(stderr, "\r{}\x1b[K", format(optimizer, record));
  std::fflush(stderr);
}

void ProgressLine::finish(const std::string& message) {
  if (!active_ || !drawn_) return;
  fmt::print(stderr, "\r{}\x1b[K\n", message);
}

}  // namespace tapegrad::optim
