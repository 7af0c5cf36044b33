// SPDX-License-Identifier: MIT
// The records of a run as CSV, one row per record, for a spreadsheet or gnuplot:
//   step,value,gradient_norm,step_norm,learning_rate,evaluations[,x0,x1,...][,g0,g1,...]
// x_i / g_i columns appear when the records kept params / gradients. Numbers use the shortest
// representation that reads back exactly.
#pragma once

#include <ostream>
#include <span>
#include <string>

#include "optim/step_record.hpp"

namespace tapegrad::optim {

void write_history_csv(std::ostream& out, std::span<const StepRecord> history);
// Writes to a file; throws OptimError when it cannot be opened or written.
void write_history_csv(const std::string& path, std::span<const StepRecord> history);

}  // namespace tapegrad::optim
