// SPDX-License-Identifier: MIT
// The head and tail of the printed records (see printed_records.hpp).
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
  const bool selected = record.step % options_.every == 0;
  if (!selected) last_ = entry(record);
  else last_.reset();
  if (selected) {
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
  previous_ = record;
}

template <class It>
std::vector<optim::StepRecord> PrintedRecords::flatten(It first, It last, const Entry* extra) {
  std::vector<optim::StepRecord> out;
  const auto add = [&](const Entry& e) {
    // The record before may already be there: the previous selected one when every = 2.
    if (e.before && (out.empty() || out.back().step != e.before->step)) out.push_back(*e.before);
    out.push_back(e.record);
  };
  std::for_each(first, last, add);
  if (extra != nullptr) add(*extra);
  return out;
}

std::vector<optim::StepRecord> PrintedRecords::head() const {
  return flatten(head_.begin(), head_.end(), nullptr);
}

std::vector<optim::StepRecord> PrintedRecords::tail() const {
  return flatten(tail_.begin(), tail_.end(), last_ ? &*last_ : nullptr);
}

}  // namespace tapegrad::cli
