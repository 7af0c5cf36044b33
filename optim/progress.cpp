// SPDX-License-Identifier: MIT
// The terminal progress line: isatty(stderr) decides, fmt draws.
#include "optim/progress.hpp"

#include <cstdio>
#include <fmt/format.h>
#include <unistd.h>

#include "i18n/i18n.hpp"

namespace tapegrad::optim {

ProgressLine::ProgressLine(bool wanted, std::size_t total_steps)
    : active_(wanted && ::isatty(::fileno(stderr)) == 1), total_steps_(total_steps) {}

std::string ProgressLine::format(const StepRecord& r, std::size_t total_steps, double elapsed_seconds) {
  // The numbers are formatted here, so a translation holds plain {} only.
  return trf("step {} of {}  loss {}  {} s", r.step, total_steps, fmt::format("{:.4e}", r.value),
             fmt::format("{:.1f}", elapsed_seconds));
}

void ProgressLine::update(const StepRecord& record, double elapsed_seconds) {
  if (!active_ || elapsed_seconds < 1.0) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  // \r returns to the line's start, \x1b[K clears what a longer previous line left behind.
  fmt::print(stderr, "\r{}\x1b[K", format(record, total_steps_, elapsed_seconds));
  std::fflush(stderr);
}

void ProgressLine::finish() {
  if (!active_ || !drawn_) return;
  fmt::print(stderr, "\r\x1b[K");
  std::fflush(stderr);
}

}  // namespace tapegrad::optim
