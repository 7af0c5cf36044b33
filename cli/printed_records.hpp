// SPDX-License-Identifier: MIT
// The records `descend` prints, collected as the run makes them: those `every` selects, and of
// those only the first `head` and the last `tail`, so a run of a million steps holds a few
// records however long it runs (the file of --history has them all). The last record is always
// printed, as the table's end. With every > 1 each record comes with the one before it, from
// which gradient descent's table works out the update that led to it.
#pragma once

#include <cstddef>
#include <deque>
#include <limits>
#include <optional>
#include <vector>

#include "optim/step_record.hpp"

namespace tapegrad::cli {

struct PrintedRecordsOptions {
  std::size_t every = 1;  // print record k when k % every == 0 (and the last)
  std::size_t head = std::numeric_limits<std::size_t>::max();
  std::size_t tail = std::numeric_limits<std::size_t>::max();
};

class PrintedRecords {
 public:
  explicit PrintedRecords(PrintedRecordsOptions options);
  // Called with every record, in order (optim::MinimizeOptions::on_step).
  void add(const optim::StepRecord& record);

  // The records to print, in step order: the first `head` selected ones, then — after
  // omitted() selected records left out — the last `tail` ones and the run's last record; each
  // selected record preceded by the record before it when every > 1 (never twice).
  std::vector<optim::StepRecord> records() const;
  // The step after which records were left out (the last of the head), when any were.
  std::optional<std::size_t> gap_after() const;
  // Selected records between head and tail that were not kept.
  std::size_t omitted() const { return omitted_; }

 private:
  struct Entry {
    std::optional<optim::StepRecord> before;
    optim::StepRecord record;
  };
  Entry entry(const optim::StepRecord& record) const;

  PrintedRecordsOptions options_;
  std::vector<Entry> head_;
  std::deque<Entry> tail_;
  std::optional<Entry> last_;  // the newest record when `every` did not select it
  std::optional<optim::StepRecord> previous_;
  std::size_t omitted_ = 0;
};

}  // namespace tapegrad::cli
