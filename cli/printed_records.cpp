// SPDX-License-Identifier: MIT
// The records `descend` prints (see printed_records.hpp).
#include "cli/printed_records.hpp"

#include <algorithm>

namespace tapegrad::cli {

PrintedRecords::PrintedRecords(PrintedRecordsOptions options) : options_(options) {
  options_.every = std::max<std::size_t>(options_.every, 1);
}

PrintedRecords::Entry PrintedRecords::entry(const optim::StepRecord& record) const {
  if (options_.every > 1 && previous_) return {previous_, record};
  return {std::nullopt, record};
}

void PrintedRecords::add(const optim::StepRecord& record) {
  if (record.step % options_.every != 0) {
    last_ = entry(record);
  } else {
    last_.reset();
    if (head_.size() < options_.head) {
      head_.push_back(entry(record));
    } else if (options_.tail == 0) {
      ++omitted_;
    } else {
      if (tail_.size() == options_.tail) {
        tail_.pop_front();
        ++omitted_;
      }
      tail_.push_back(entry(record));
    }
  }
  if (options_.every > 1) previous_ = record;
}

std::vector<optim::StepRecord> PrintedRecords::records() const {
  std::vector<optim::StepRecord> out;
  const auto add = [&](const Entry& e) {
    // The record before may be there already: the last record's before can be a selected one.
    if (e.before && (out.empty() || out.back().step != e.before->step)) out.push_back(*e.before);
    out.push_back(e.record);
  };
  std::for_each(head_.begin(), head_.end(), add);
  std::for_each(tail_.begin(), tail_.end(), add);
  if (last_) add(*last_);
  return out;
}

std::optional<std::size_t> PrintedRecords::gap_after() const {
  if (omitted_ == 0 || head_.empty()) return std::nullopt;
  return head_.back().record.step;
}

}  // namespace tapegrad::cli
