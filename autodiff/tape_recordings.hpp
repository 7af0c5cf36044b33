// SPDX-License-Identifier: MIT
// TapeRecordings: which Vars and positions are still valid on a tape. Every recording (a tape's
// life between rewinds) gets a fresh stamp that its Vars and positions carry; a rewind discards
// the nodes after its target, so a Var of an earlier recording stays valid only if its node came
// before every target rewound to since (a position: if it is at or before them). Checking a Var is
// one compare on the hot path (the current stamp); this is the rest.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/var.hpp"

namespace tapegrad::detail {

// Stamps are unique across all tapes and increase, so a Var of another tape is told apart, and a
// tape's first stamp is its identity.
inline std::atomic<std::uint32_t> next_stamp{1};
inline std::uint32_t new_stamp() { return next_stamp.fetch_add(1, std::memory_order_relaxed); }

class TapeRecordings {
 public:
  TapeRecordings() : stamp_(new_stamp()), identity_(stamp_) {}

  // The current recording's stamp.
  std::uint32_t stamp() const noexcept { return stamp_; }
  // The tape's identity (its first stamp), which its positions carry.
  std::uint32_t identity() const noexcept { return identity_; }

  // A rewind to node `to` ends the current recording and starts a new one.
  void rewind(NodeIndex to) {
    rewinds_.reserve(rewinds_.size() + 1);  // the only allocation, before anything changes
    // Keep only the rewinds that are still the lowest since some later stamp: the targets in the
    // list increase, so a training loop that rewinds to one position keeps one entry.
    while (!rewinds_.empty() && rewinds_.back().to >= to) rewinds_.pop_back();
    const std::uint32_t next = new_stamp();
    rewinds_.push_back({next, to});
    stamp_ = next;
  }

  // Whether a position at node `nodes`, taken while recording `stamp` (one of this tape's), still
  // is where it was: no rewind since went below it.
  bool position_is_valid(std::uint32_t stamp, NodeIndex nodes) const {
    return nodes <= lowest_since(stamp);
  }

  // Throws unless a Var of stamp `stamp` (not the current one) and node `index` is still valid.
  [[gnu::noinline, gnu::cold]] void check_slow(std::uint32_t stamp, NodeIndex index) const {
    // The node's name is not reported: after a rewind its index may name a different node.
    if (stamp < identity_ || stamp > stamp_) throw ForeignVarError(index, "");
    if (index < lowest_since(stamp)) return;
    // Stamps of other tapes made meanwhile lie in the same range: only the listed ones are sure.
    const bool ours = stamp == identity_ || std::any_of(rewinds_.begin(), rewinds_.end(),
                                                        [&](const Rewind& r) { return r.stamp == stamp; });
    throw StaleVarError(index, "", !ours);
  }

 private:
  struct Rewind {
    std::uint32_t stamp;  // the recording it started
    NodeIndex to;         // the node it rewound to
  };
  // The lowest target of the rewinds made after recording `stamp` began (none: no limit).
  NodeIndex lowest_since(std::uint32_t stamp) const {
    auto it = std::upper_bound(rewinds_.begin(), rewinds_.end(), stamp,
                               [](std::uint32_t s, const Rewind& r) { return s < r.stamp; });
    return it == rewinds_.end() ? std::numeric_limits<NodeIndex>::max() : it->to;
  }

  std::uint32_t stamp_ = 0;
  std::uint32_t identity_ = 0;
  std::vector<Rewind> rewinds_;  // stamps and targets both increase
};

}  // namespace tapegrad::detail
