// SPDX-License-Identifier: MIT
// What a descent's table alone does not tell a student (lessons 001, 003, 004): that it stopped
// where the gradient is zero but the point is a maximum or a saddle, not a minimum; or that the
// parameters jump back and forth (0, 6, 0, 6, …) because the learning rate is too large.
#pragma once

#include <string>
#include <vector>

#include "cli/problem.hpp"
#include "optim/minimize.hpp"

namespace tapegrad::cli {

struct DescentWarning {
  std::string kind;     // "maximum", "saddle" or "oscillation"
  std::string message;  // a sentence for the student, with what to do
};

// The warnings for a finished run of `descend` on `problem` (history with parameters kept).
std::vector<DescentWarning> descent_warnings(const Problem& problem, const optim::MinimizeResult& result,
                                             double learning_rate);

}  // namespace tapegrad::cli
