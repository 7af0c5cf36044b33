// SPDX-License-Identifier: MIT
// CSV output of the step records.
#include "optim/history_csv.hpp"

#include <fmt/format.h>

#include "i18n/i18n.hpp"
#include "optim/errors.hpp"

namespace tapegrad::optim {

HistoryCsvWriter::HistoryCsvWriter(const std::string& path)
    : file_(path), out_(&file_), where_("'" + path + "'") {
  if (!file_)
    throw OptimError(trf("history CSV: cannot open '{}' for writing: check that its folder exists "
                         "and is writable",
                         path));
}

HistoryCsvWriter::HistoryCsvWriter(std::ostream& out) : out_(&out), where_(tr("the stream")) {}

void HistoryCsvWriter::header(Eigen::Index n_params, Eigen::Index n_grads) {
  n_params_ = n_params;
  n_grads_ = n_grads;
  started_ = true;
  std::string line = "step,value,gradient_norm,step_norm,learning_rate,evaluations";
  for (Eigen::Index i = 0; i < n_params; ++i) line += fmt::format(",x{}", i);
  for (Eigen::Index i = 0; i < n_grads; ++i) line += fmt::format(",g{}", i);
  *out_ << line << '\n';
}

void HistoryCsvWriter::write(const StepRecord& r) {
  if (!started_) header(r.params.size(), r.gradient.size());
  if (r.params.size() != n_params_ || r.gradient.size() != n_grads_)
    throw OptimError(trf("history CSV {}: record {} has {} params and {} gradient components but "
                         "the first record has {} and {}: write each run's records to a file of "
                         "their own",
                         where_, r.step, r.params.size(), r.gradient.size(), n_params_, n_grads_));
  std::string line = fmt::format("{},{},{},{},{},{}", r.step, r.value, r.gradient_norm,
                                 r.step_norm, r.learning_rate, r.evaluations);
  for (Eigen::Index i = 0; i < n_params_; ++i) line += fmt::format(",{}", r.params[i]);
  for (Eigen::Index i = 0; i < n_grads_; ++i) line += fmt::format(",{}", r.gradient[i]);
  *out_ << line << '\n';
}

void HistoryCsvWriter::finish() {
  if (!started_) header(0, 0);
  out_->flush();
  if (!*out_)
    throw OptimError(trf("history CSV: writing {} failed: is the disk full?", where_));
}

void write_history_csv(std::ostream& out, std::span<const StepRecord> history) {
  HistoryCsvWriter writer(out);
  for (const StepRecord& r : history) writer.write(r);
  writer.finish();
}

void write_history_csv(const std::string& path, std::span<const StepRecord> history) {
  HistoryCsvWriter writer(path);
  for (const StepRecord& r : history) writer.write(r);
  writer.finish();
}

}  // namespace tapegrad::optim
