// SPDX-License-Identifier: MIT
// Recording a command's problem for explain: the --with constants and the --data values enter the
// tape as named inputs, so that explain writes `∂t1/∂w1 = x = 1` rather than a bare 1.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "autodiff/tape.hpp"
#include "autodiff/var.hpp"
#include "cli/problem.hpp"

namespace tapegrad::cli {

struct ExplainRecording {
  Var loss;
  std::vector<Var> parameters;   // in --at order
  std::vector<NodeIndex> given;  // the inputs that are --with constants or data values
};

// Records `problem` at its --at point on `tape` (active), with every given value a named input.
// With --data, the objective is the mean (or sum) over the rows, each row's values named after
// their columns. Throws what recording the objective throws (DataRowError naming the row).
ExplainRecording record_for_explain(const Problem& problem, Tape& tape);

// How the expression spells ops whose rule-table name differs (ln for log), for
// ExplainOptions::spellings.
std::vector<std::pair<Op, std::string>> spellings_of(const Expression& expression);

}  // namespace tapegrad::cli
