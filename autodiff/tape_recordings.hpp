// SPDX-License-Identifier: MIT
// TapeRecordings: which Vars are still valid on a tape. Every recording (a tape's life between
// rewinds) gets a fresh stamp that its Vars carry; a rewind discards the nodes after its position,
// so a Var of an earlier recording stays valid only if its node came before every position
// rewound to since. Checking is one compare on the hot path (the current stamp); this is the rest.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/var.hpp"

namespace tapegrad::detail {

// Stamps are unique across all tapes, so a Var of another tape is told apart.
inline std::atomic<std::uint32_t> next_stamp{1};
inline std::uint32_t new_stamp() { return next_stamp.fetch_add(1, std::memory_order_relaxed); }

class TapeRecordings {
 public:
  TapeRecordings() : stamp_(new_stamp()), first_stamp_(stamp_) {}

  // The current recording's stamp.
  std::uint32_t stamp() const noexcept { return stamp_; }

  // A rewind to `to` nodes ends the current recording, which began at node `start`, and starts
  // a new one there.
  void rewind(NodeIndex start, NodeIndex to) {
    for (Epoch& e : epochs_) e.bound = std::min(e.bound, to);
    epochs_.push_back({stamp_, start, to});
    // An epoch none of whose nodes survive can never validate a Var again: forget it, so that
    // repeated rewinds keep this list short.
    std::erase_if(epochs_, [](const Epoch& e) { return e.start >= e.bound; });
    stamp_ = new_stamp();
  }

  // Throws unless a Var of stamp `stamp` (not the current one) and node `index` is still valid.
  [[gnu::noinline, gnu::cold]] void check_slow(std::uint32_t stamp, NodeIndex index) const {
    // The node's name is not reported: after a rewind its index may name a different node.
    for (const Epoch& e : epochs_) {
      if (e.stamp != stamp) continue;
      if (index < e.bound) return;
      throw StaleVarError(index, "", false);
    }
    if (stamp < first_stamp_ || stamp > stamp_) throw ForeignVarError(index, "");
    throw StaleVarError(index, "", true);
  }

 private:
  // One recording between rewinds. Its Vars have indices ≥ start; those below bound (the lowest
  // position rewound to since) are still valid.
  struct Epoch {
    std::uint32_t stamp;
    NodeIndex start;
    NodeIndex bound;
  };

  std::uint32_t stamp_ = 0;
  std::uint32_t first_stamp_ = 0;
  std::vector<Epoch> epochs_;
};

}  // namespace tapegrad::detail
