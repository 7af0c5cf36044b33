// SPDX-License-Identifier: MIT
// TapeBlocks: the tape's bookkeeping of block ops (block_op.hpp) — which run of nodes each block
// produced, who owns the op object, and the arena their results live in — so that the reverse
// sweep can run each block's backward at its place in creation order.
#pragma once

#include <algorithm>
#include <memory>
#include <vector>

#include "autodiff/block_arena.hpp"
#include "autodiff/block_op.hpp"
#include "autodiff/var.hpp"

namespace tapegrad::detail {

template <class S>
class TapeBlocks {
 public:
  // Deletes a block op the tape owns; one made in the arena is destroyed by the arena's rewind.
  struct Deleter {
    bool owned = true;
    void operator()(BlockOp<S>* op) const {
      if (owned) delete op;
    }
  };
  using Ptr = std::unique_ptr<BlockOp<S>, Deleter>;
  struct Block {
    NodeIndex first;
    NodeIndex last;  // one past the last output
    Ptr op;
  };

  std::size_t size() const noexcept { return blocks_.size(); }
  BlockArena& arena() noexcept { return arena_; }
  const BlockArena& arena() const noexcept { return arena_; }

  // Makes room for one more block, so that the next push cannot throw.
  void make_room() {
    if (blocks_.size() == blocks_.capacity()) blocks_.reserve(std::max<std::size_t>(16, 2 * blocks_.size()));
  }
  void push(NodeIndex first, NodeIndex last, Ptr op) {
    blocks_.push_back({first, last, std::move(op)});
  }
  // Keeps the first `count` blocks and rewinds the arena to `mark`.
  void truncate(std::size_t count, ArenaMark mark) {
    blocks_.resize(count);
    arena_.rewind(mark);
  }

  // The block op whose outputs include `node`, or nullptr.
  const BlockOp<S>* block_of(NodeIndex node) const {
    auto it = std::upper_bound(blocks_.begin(), blocks_.end(), node,
                               [](NodeIndex n, const Block& b) { return n < b.first; });
    if (it == blocks_.begin()) return nullptr;
    --it;
    return node < it->last ? it->op.get() : nullptr;
  }
  // The blocks that start before `end`, latest first, as the reverse sweep visits them: calls
  // `visit(block)` for each.
  template <class F>
  void for_each_before(NodeIndex end, F&& visit) const {
    auto block = std::upper_bound(blocks_.begin(), blocks_.end(), end,
                                  [](NodeIndex n, const Block& b) { return n <= b.first; });
    while (block != blocks_.begin()) visit(*--block);
  }

 private:
  BlockArena arena_;  // before blocks_: the blocks it holds are destroyed by it, after blocks_
  std::vector<Block> blocks_;
};

}  // namespace tapegrad::detail
