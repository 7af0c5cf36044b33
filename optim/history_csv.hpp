// SPDX-License-Identifier: MIT
// The records of a run as CSV, one row per record, for a spreadsheet or gnuplot:
//   step,value,gradient_norm,step_norm,learning_rate,evaluations[,x0,x1,...][,g0,g1,...]
// x_i / g_i columns appear when the records kept params / gradients. Numbers use the shortest
// representation that reads back exactly.
#pragma once

#include <fstream>
#include <ostream>
#include <span>
#include <string>

#include "optim/step_record.hpp"

namespace tapegrad::optim {

void write_history_csv(std::ostream& out, std::span<const StepRecord> history);
// Writes to a file; throws OptimError when it cannot be opened or written.
void write_history_csv(const std::string& path, std::span<const StepRecord> history);

// The same CSV written one record at a time, as a run makes them (MinimizeOptions::on_step), so a
// long run's records go to the file instead of memory. The first record sets the columns.
class HistoryCsvWriter {
 public:
  // Opens (truncates) the file; throws OptimError when it cannot.
  explicit HistoryCsvWriter(const std::string& path);
  // Writes to `out`, which must outlive the writer.
  explicit HistoryCsvWriter(std::ostream& out);

  // Throws OptimError when the record's params or gradient differ in size from the first's.
  void write(const StepRecord& record);
  // Writes the header if no record came, flushes, and throws OptimError when writing failed.
  void finish();

 private:
  void header(Eigen::Index n_params, Eigen::Index n_grads);
  std::ofstream file_;
  std::ostream* out_;
  std::string where_;  // the file, for messages
  bool started_ = false;
  Eigen::Index n_params_ = 0, n_grads_ = 0;
};

}  // namespace tapegrad::optim
