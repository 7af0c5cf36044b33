// SPDX-License-Identifier: MIT
// CSV output of the step records.
#include "optim/history_csv.hpp"

#include <fmt/format.h>
#include <fstream>

#include "optim/errors.hpp"

namespace tapegrad::optim {

void write_history_csv(std::ostream& out, std::span<const StepRecord> history) {
  const Eigen::Index n_params = history.empty() ? 0 : history.front().params.size();
  const Eigen::Index n_grads = history.empty() ? 0 : history.front().gradient.size();
  std::string line = "step,value,gradient_norm,step_norm,learning_rate,evaluations";
  for (Eigen::Index i = 0; i < n_params; ++i) line += fmt::format(",x{}", i);
  for (Eigen::Index i = 0; i < n_grads; ++i) line += fmt::format(",g{}", i);
  out << line << '\n';
  for (const StepRecord& r : history) {
    if (r.params.size() != n_params || r.gradient.size() != n_grads)
      throw OptimError(fmt::format("write_history_csv: record {} has {} params and {} gradient "
                                   "components but record 0 has {} and {}",
                                   r.step, r.params.size(), r.gradient.size(), n_params, n_grads));
    line = fmt::format("{},{},{},{},{},{}", r.step, r.value, r.gradient_norm, r.step_norm,
                       r.learning_rate, r.evaluations);
    for (Eigen::Index i = 0; i < n_params; ++i) line += fmt::format(",{}", r.params[i]);
    for (Eigen::Index i = 0; i < n_grads; ++i) line += fmt::format(",{}", r.gradient[i]);
    out << line << '\n';
  }
}

void write_history_csv(const std::string& path, std::span<const StepRecord> history) {
  std::ofstream out(path);
  if (!out) throw OptimError(fmt::format("write_history_csv: cannot open '{}' for writing", path));
  write_history_csv(out, history);
  if (!out) throw OptimError(fmt::format("write_history_csv: writing '{}' failed", path));
}

}  // namespace tapegrad::optim
