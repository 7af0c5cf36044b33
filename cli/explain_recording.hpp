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
  std::vector<std::string> columns;  // with --data: the columns the expression uses, in its order
  std::vector<double> row_values;    // and their values on the recorded row
};

// Records `problem` at its --at point on `tape` (active), with every given value a named input.
// With --data, only the expression on `row` (0-based) is recorded, its values named after their
// columns: one row's loss, not the mean over the rows (the rows are explained one at a time).
// Throws what recording the expression throws (DataRowError naming the row).
ExplainRecording record_for_explain(const Problem& problem, Tape& tape, std::size_t row = 0);

// How the expression spells ops whose rule-table name differs (ln for log), for
// ExplainOptions::spellings.
std::vector<std::pair<Op, std::string>> spellings_of(const Expression& expression);

}  // namespace tapegrad::cli
