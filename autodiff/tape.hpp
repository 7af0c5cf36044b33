// SPDX-License-Identifier: MIT
// The tape: the record of the forward pass, and the reverse sweep that turns it into adjoints.
// Per node it stores the op code, the value, and — per recorded input — the input's index and the
// local partial ∂node/∂input, computed while recording (a Jacobian tape: the reverse pass needs no
// op dispatch). Creation order is a topological order, so the reverse sweep is one loop from the
// last node to the first. The user owns tapes; `activate()` makes one the current thread's tape.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/block_arena.hpp"
#include "autodiff/block_op.hpp"
#include "autodiff/errors.hpp"
#include "autodiff/op.hpp"
#include "autodiff/tape_column.hpp"
#include "autodiff/var.hpp"

// For the few functions on the recording hot path (one call per recorded op): inlined into the
// user's expression, the operands stay in registers and the per-op cost halves (see bench/).
#define TAPEGRAD_HOT [[gnu::always_inline]] inline

namespace tapegrad {

struct TapeOptions {
  // Throw a DomainError at the first op that leaves its domain or turns finite inputs into
  // NaN or ±∞ (see var_ops.hpp). The command line and explain record checked.
  bool checked = false;
  // Keep every operand of every op, constants included, so explain can print `w1 · 3`.
  bool trace = false;
  // The most nodes the tape may hold; the 32-bit index bounds it (no_node is reserved).
  NodeIndex max_nodes = no_node;
};

// How much the tape holds and has reserved. `bytes_reserved` stays put in a rewound training loop.
struct TapeStats {
  std::size_t nodes = 0;
  std::size_t arguments = 0;  // recorded (input, partial) pairs
  std::size_t blocks = 0;
  std::size_t bytes_used = 0;
  std::size_t bytes_reserved = 0;
};

// A point on the tape to rewind to: everything recorded after it is discarded.
struct TapePosition {
  NodeIndex nodes = 0;
  std::size_t arguments = 0;
  std::size_t blocks = 0;
  std::size_t operands = 0;
  ArenaMark arena{};
};

template <class S>
class BasicTape;
template <class S>
class TapeScope;

namespace detail {
// The tape operators on Var record onto; set only through TapeScope.
template <class S>
inline thread_local BasicTape<S>* active = nullptr;
// Every recording (a tape's life between rewinds) gets a fresh stamp, so a Var can be checked.
inline std::atomic<std::uint32_t> next_stamp{1};
inline std::uint32_t new_stamp() { return next_stamp.fetch_add(1, std::memory_order_relaxed); }
// Out of line, so that the check in active_tape() inlines into every recorded op.
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_no_active_tape() {
  throw NoActiveTapeError();
}
}  // namespace detail

// The tape active on this thread; throws NoActiveTapeError when there is none.
template <class S = double>
TAPEGRAD_HOT BasicTape<S>& active_tape() {
  BasicTape<S>* tape = detail::active<S>;
  if (tape == nullptr) [[unlikely]] detail::throw_no_active_tape();
  return *tape;
}

// The adjoints of one reverse sweep, indexed by node: adjoints[v] = ∂output/∂v.
template <class S>
class Adjoints {
 public:
  Adjoints() = default;
  // ∂output/∂v; 0 for a constant.
  S operator[](const BasicVar<S>& v) const {
    if (!v.is_recorded()) return S(0);
    tape_->check(v);
    return v.index() < values_.size() ? values_[v.index()] : S(0);
  }
  std::span<const S> all() const noexcept { return values_; }

 private:
  friend class BasicTape<S>;
  const BasicTape<S>* tape_ = nullptr;
  std::vector<S> values_;
};

template <class S = double>
class BasicTape {
 public:
  explicit BasicTape(TapeOptions options = {}) : options_(options) {
    stamp_ = first_stamp_ = detail::new_stamp();
    arg_end_.push_back(0);
    if (options_.trace) operand_end_.push_back(0);
  }
  BasicTape(const BasicTape&) = delete;
  BasicTape& operator=(const BasicTape&) = delete;
  ~BasicTape() {
    if (detail::active<S> == this) detail::active<S> = nullptr;
  }

  // Makes this the tape that operations on this thread record onto, until the scope ends.
  [[nodiscard]] TapeScope<S> activate() { return TapeScope<S>(*this); }

  // A new leaf node: a parameter or a piece of data to take derivatives with respect to.
  BasicVar<S> input(const S& value, std::string_view name = {}) {
    BasicVar<S> v = push_node(Op::input, value);
    if (!name.empty()) names_.insert_or_assign(v.index(), std::string(name));
    return v;
  }

  // ---- names (cost nothing when unused) ----
  void set_name(const BasicVar<S>& v, std::string_view name) {
    check(v);
    names_.insert_or_assign(v.index(), std::string(name));
  }
  // The name given to a node, or "" if it has none.
  std::string_view name(NodeIndex node) const {
    auto it = names_.find(node);
    return it == names_.end() ? std::string_view{} : std::string_view(it->second);
  }

  // ---- lifecycle ----
  TapePosition position() const {
    return {size(), arg_node_.size(), blocks_.size(), operands_.size(), arena_.mark()};
  }
  // Discards everything recorded after `to` (everything, by default) and keeps the capacity, so
  // a training loop that records the same graph each iteration stops allocating after the first.
  // Vars recorded after `to` become invalid; using one throws StaleVarError.
  void rewind(TapePosition to = {}) {
    if (to.nodes > size() || to.arguments > arg_node_.size() || to.blocks > blocks_.size())
      throw TapeMisuseError(
          "rewind position is past the end of the tape: it was taken before an earlier rewind "
          "discarded it");
    for (Epoch& e : epochs_) e.bound = std::min(e.bound, to.nodes);
    epochs_.push_back({stamp_, start_, to.nodes});
    // An epoch none of whose nodes survive can never validate a Var again: forget it, so that
    // repeated rewinds keep this list short.
    std::erase_if(epochs_, [](const Epoch& e) { return e.start >= e.bound; });
    stamp_ = detail::new_stamp();
    start_ = to.nodes;
    values_.resize(to.nodes);
    ops_.resize(to.nodes);
    arg_end_.resize(to.nodes + 1);
    arg_node_.resize(to.arguments);
    partials_.resize(to.arguments);
    blocks_.resize(to.blocks);
    arena_.rewind(to.arena);
    if (options_.trace) {
      operands_.resize(to.operands);
      operand_end_.resize(to.nodes + 1);
    }
    names_.erase(names_.lower_bound(to.nodes), names_.end());
  }
  void reserve(std::size_t nodes, std::size_t arguments) {
    values_.reserve(nodes);
    ops_.reserve(nodes);
    arg_end_.reserve(nodes + 1);
    arg_node_.reserve(arguments);
    partials_.reserve(arguments);
    node_room_ = std::min<std::size_t>(values_.capacity(), options_.max_nodes);
  }
  TapeStats stats() const {
    const std::size_t per_node = sizeof(S) + sizeof(Op) + sizeof(std::uint32_t);
    const std::size_t per_arg = sizeof(NodeIndex) + sizeof(S);
    TapeStats s;
    s.nodes = size();
    s.arguments = arg_node_.size();
    s.blocks = blocks_.size();
    s.bytes_used = s.nodes * per_node + s.arguments * per_arg;
    s.bytes_reserved = values_.capacity() * sizeof(S) + ops_.capacity() * sizeof(Op) +
                       arg_end_.capacity() * sizeof(std::uint32_t) +
                       arg_node_.capacity() * sizeof(NodeIndex) + partials_.capacity() * sizeof(S) +
                       arena_.bytes_reserved();
    return s;
  }
  const TapeOptions& options() const noexcept { return options_; }
  NodeIndex size() const noexcept { return static_cast<NodeIndex>(values_.size()); }

  // ---- reading the record (for explain, checking and tests) ----
  Op op(NodeIndex node) const { return ops_[node]; }
  const S& value(NodeIndex node) const { return values_[node]; }
  // The recorded inputs of a node and their partials, in operand order (constants left out).
  std::span<const NodeIndex> arg_nodes(NodeIndex node) const {
    return {arg_node_.data() + arg_end_[node], arg_node_.data() + arg_end_[node + 1]};
  }
  std::span<const S> arg_partials(NodeIndex node) const {
    return {partials_.data() + arg_end_[node], partials_.data() + arg_end_[node + 1]};
  }
  // In trace mode: every operand of a node, constants included (node == no_node for those).
  struct Operand {
    NodeIndex node;
    S constant;
  };
  std::span<const Operand> operands(NodeIndex node) const {
    if (!options_.trace) return {};
    return {operands_.data() + operand_end_[node], operands_.data() + operand_end_[node + 1]};
  }
  // The block op whose outputs include `node`, or nullptr.
  const BlockOp<S>* block_of(NodeIndex node) const {
    auto it = std::upper_bound(blocks_.begin(), blocks_.end(), node,
                               [](NodeIndex n, const Block& b) { return n < b.first; });
    if (it == blocks_.begin()) return nullptr;
    --it;
    return node < it->last ? it->op.get() : nullptr;
  }

  // ---- the reverse pass ----
  // ∂output/∂node for every node, by one reverse sweep seeded with adjoint(output) = 1.
  Adjoints<S> backward(const BasicVar<S>& output) const {
    Adjoints<S> adjoints;
    backward(output, adjoints);
    return adjoints;
  }
  // The same into a buffer the caller reuses (no allocation once it has grown).
  void backward(const BasicVar<S>& output, Adjoints<S>& adjoints) const {
    const BasicVar<S> outputs[] = {output};
    const S seeds[] = {S(1)};
    backward(std::span<const BasicVar<S>>(outputs), std::span<const S>(seeds), adjoints);
  }
  // A vector-Jacobian product: seeds the outputs' adjoints with `seeds` and sweeps once, giving
  // Σ_k seed_k · ∂output_k/∂node for every node.
  void backward(std::span<const BasicVar<S>> outputs, std::span<const S> seeds,
                Adjoints<S>& adjoints) const {
    if (outputs.size() != seeds.size())
      throw TapeMisuseError("backward: the number of seeds must equal the number of outputs");
    adjoints.tape_ = this;
    adjoints.values_.assign(size(), S(0));
    NodeIndex end = 0;
    for (std::size_t k = 0; k < outputs.size(); ++k) {
      if (!outputs[k].is_recorded()) continue;  // a constant output has no dependence on anything
      check(outputs[k]);
      adjoints.values_[outputs[k].index()] += seeds[k];
      end = std::max(end, outputs[k].index() + 1);
    }
    sweep(std::span<S>(adjoints.values_), end);
  }

  // ---- recording (used by the operators in var_ops.hpp and by block ops) ----
  // Throws unless `v` is a recorded Var that is valid on this tape now.
  TAPEGRAD_HOT void check(const BasicVar<S>& v) const {
    if (v.stamp() == stamp_) [[likely]]
      return;
    check_slow(v);
  }
  // Appends a node whose recorded inputs are those of `operands` that are not constants, each
  // with its partial (the partials of constants are not read).
  template <std::size_t N>
  BasicVar<S> record(Op op, const S& value, const BasicVar<S> (&operands)[N],
                     const S (&partials)[N]) {
    std::array<const BasicVar<S>*, N> pointers;
    for (std::size_t k = 0; k < N; ++k) pointers[k] = &operands[k];
    return record(op, value, pointers, partials);
  }
  // The same with the operands by address, as the operators in var_ops.hpp call it: copying a Var
  // that was just stored field by field into an array costs a store-forwarding stall per op.
  template <std::size_t N>
  TAPEGRAD_HOT BasicVar<S> record(Op op, const S& value,
                                  const std::array<const BasicVar<S>*, N>& operands,
                                  const S (&partials)[N]) {
    // One test for the room of all five columns; the appends below then test nothing.
    if (values_.size() >= node_room_ || arg_node_.capacity() - arg_node_.size() < N) [[unlikely]]
      make_room(N);
    for (std::size_t k = 0; k < N; ++k) {
      if (operands[k]->is_recorded()) {
        arg_node_.push_unchecked(operands[k]->index());
        partials_.push_unchecked(partials[k]);
      }
    }
    if (options_.trace) [[unlikely]] {
      for (const auto* v : operands) operands_.push_back({v->index(), v->value()});
    }
    return append_node(op, value);
  }
  // Appends one node for a whole statement (statement.hpp): its recorded inputs are the
  // statement's recorded Var leaves, each with ∂statement/∂leaf, which `propagate` computes by the
  // chain rule inside the statement into one slot per leaf. A Var that is several leaves (x in
  // `sin(x) * x`) becomes one input with the sum of its partials: the reverse sweep then updates
  // its adjoint once, not once per occurrence (a serial chain of read-modify-writes on one
  // address). The slots are compile-time positions, so for a short statement they stay in
  // registers. The caller has checked the leaves.
  template <class Statement>
  TAPEGRAD_HOT BasicVar<S> record_statement(const Statement& statement) {
    constexpr std::size_t n = Statement::leaves;
    if (values_.size() >= node_room_ || arg_node_.capacity() - arg_node_.size() < n) [[unlikely]]
      make_room(n);
    std::array<NodeIndex, n> input;
    input.fill(no_node);  // a constant Var's slot stays empty
    std::array<S, n> partial{};
    statement.template propagate<0>(S(1), [&](auto slot, const BasicVar<S>& leaf, const S& p) {
      input[slot] = leaf.index();
      partial[slot] = p;
    });
    if constexpr (n <= 8) {  // beyond that, the pairwise test costs more than it saves
#pragma GCC unroll 8
      for (std::size_t k = 1; k < n; ++k) {
#pragma GCC unroll 8
        for (std::size_t j = 0; j < k; ++j) {
          if (input[k] != no_node && input[j] == input[k]) {
            partial[j] += partial[k];
            input[k] = no_node;
          }
        }
      }
    }
#pragma GCC unroll 8
    for (std::size_t k = 0; k < n; ++k) {
      if (input[k] == no_node) continue;
      arg_node_.push_unchecked(input[k]);
      partials_.push_unchecked(partial[k]);
    }
    return append_node(Statement::node_op, statement.value());
  }
  // Appends a block op's output nodes (values given), and returns the first output's Var; the
  // rest follow at consecutive indices with the same stamp.
  BasicVar<S> record_block(std::span<const S> values, std::unique_ptr<BlockOp<S>> op) {
    return append_block(values, BlockPtr(op.release()));
  }
  // The same for a block op made in this tape's arena (arena().create), which destroys it on
  // rewind: how the matrix ops record without allocating.
  BasicVar<S> record_block(std::span<const S> values, BlockOp<S>* op_in_arena) {
    return append_block(values, BlockPtr(op_in_arena, BlockDeleter{.owned = false}));
  }
  // values.size() new leaf nodes in one step (the elements of a matrix input, matrix_var.hpp):
  // the first's Var; the rest follow at consecutive indices.
  BasicVar<S> inputs(std::span<const S> values) {
    if (values.empty()) throw TapeMisuseError("inputs: no values to enter");
    return append_nodes(values, Op::input);
  }
  // Where block ops keep their results and what their backward reads; rewound with the tape.
  BlockArena& arena() noexcept { return arena_; }
  // The Var of an existing node of the current recording (e.g. an element of a block's output).
  BasicVar<S> var_at(NodeIndex node) const {
    if (node >= size()) throw TapeMisuseError("var_at: no such node on the tape");
    return BasicVar<S>(values_[node], node, stamp_);
  }

 private:
  struct BlockDeleter {
    bool owned = true;
    void operator()(BlockOp<S>* op) const {
      if (owned) delete op;
    }
  };
  using BlockPtr = std::unique_ptr<BlockOp<S>, BlockDeleter>;
  BasicVar<S> append_block(std::span<const S> values, BlockPtr op) {
    if (values.empty()) throw TapeMisuseError("a block op needs at least one output");
    const BasicVar<S> first = append_nodes(values, Op::block);
    blocks_.push_back({first.index(), size(), std::move(op)});
    return first;
  }
  // Appends nodes with no recorded inputs in bulk (a matrix op's output is thousands of them);
  // returns the first's Var, the rest follow at consecutive indices with the same stamp.
  BasicVar<S> append_nodes(std::span<const S> values, Op op) {
    const NodeIndex first = size();
    make_room(0, values.size());
    values_.append(values);
    arg_end_.append_n(values.size(), static_cast<std::uint32_t>(arg_node_.size()));
    ops_.append_n(values.size(), op);
    if (options_.trace) [[unlikely]] {
      for (std::size_t k = 0; k < values.size(); ++k)
        operand_end_.push_back(static_cast<std::uint32_t>(operands_.size()));
    }
    return BasicVar<S>(values[0], first, stamp_);
  }

  struct Block {
    NodeIndex first;
    NodeIndex last;  // one past the last output
    BlockPtr op;
  };
  // One recording between rewinds. Its Vars have indices ≥ start; those below bound (the lowest
  // position rewound to since) are still valid.
  struct Epoch {
    std::uint32_t stamp;
    NodeIndex start;
    NodeIndex bound;
  };

  BasicVar<S> push_node(Op op, const S& value) {
    if (values_.size() >= node_room_) [[unlikely]]
      make_room(0);
    return append_node(op, value);
  }
  // Appends a node; the caller has made room for it.
  TAPEGRAD_HOT BasicVar<S> append_node(Op op, const S& value) {
    const BasicVar<S> v(value, size(), stamp_);
    values_.push_unchecked(value);
    arg_end_.push_unchecked(static_cast<std::uint32_t>(arg_node_.size()));
    ops_.push_unchecked(op);  // last: a one-byte store may alias anything, and would force reloads
    if (options_.trace) [[unlikely]] {
      operand_end_.push_back(static_cast<std::uint32_t>(operands_.size()));
    }
    return v;
  }
  // The slow path of recording: grows the columns (doubling, so a tape reaches its steady size in
  // a few steps) so that `nodes` more nodes with `arguments` inputs in all fit; throws when the
  // tape is full.
  [[gnu::noinline]] void make_room(std::size_t arguments, std::size_t nodes = 1) {
    if (nodes > std::size_t(options_.max_nodes) - size()) throw TapeFullError(options_.max_nodes);
    if (values_.capacity() - values_.size() < nodes) {
      const std::size_t n = std::max<std::size_t>({64, 2 * values_.capacity(), size() + nodes});
      values_.reserve(n);
      ops_.reserve(n);
      arg_end_.reserve(n + 1);  // arg_end_ holds one entry more than there are nodes
    }
    if (arg_node_.capacity() - arg_node_.size() < arguments) {
      const std::size_t n =
          std::max<std::size_t>({64, 2 * arg_node_.capacity(), arg_node_.size() + arguments});
      arg_node_.reserve(n);
      partials_.reserve(n);
    }
    node_room_ = std::min<std::size_t>(values_.capacity(), options_.max_nodes);
  }

  // The chain rule, from the last node back to the first: each node passes its adjoint to each
  // of its inputs, weighted by the partial ∂node/∂input. Creation order guarantees that a node's
  // adjoint is complete before it is read. Block ops run their own vector-Jacobian product at
  // their place in that order.
  void sweep(std::span<S> adjoint, NodeIndex end) const {
    auto block = std::upper_bound(blocks_.begin(), blocks_.end(), end,
                                  [](NodeIndex n, const Block& b) { return n <= b.first; });
    while (block != blocks_.begin()) {
      --block;
      sweep_scalars(adjoint, block->last, end);
      block->op->backward(adjoint, block->first);
      end = block->first;
    }
    sweep_scalars(adjoint, 0, end);
  }
  void sweep_scalars(std::span<S> adjoint, NodeIndex begin, NodeIndex end) const {
    // Nodes with no recorded inputs (inputs, block outputs) pass nothing back, and they come in
    // long runs (a matrix input is thousands). arg_end_ never decreases, so two binary searches
    // trim such runs at both ends of the range instead of visiting every node.
    if (begin >= end) return;  // the output is inside the block that ends this range
    const std::uint32_t* ends = arg_end_.data();
    begin = static_cast<NodeIndex>(
        std::upper_bound(ends + begin + 1, ends + end + 1, ends[begin]) - ends - 1);
    if (begin >= end) return;
    end = static_cast<NodeIndex>(std::lower_bound(ends + begin, ends + end + 1, ends[end]) - ends);
    S* adj = adjoint.data();
    const NodeIndex* input = arg_node_.data();
    const S* partial = partials_.data();
    for (NodeIndex i = end; i-- > begin;) {
      const S a = adj[i];
      for (std::uint32_t k = arg_end_[i]; k < arg_end_[i + 1]; ++k) adj[input[k]] += partial[k] * a;
    }
  }

  [[gnu::noinline, gnu::cold]] void check_slow(const BasicVar<S>& v) const {
    if (!v.is_recorded()) return;
    // The node's name is not reported: after a rewind its index may name a different node.
    for (const Epoch& e : epochs_) {
      if (e.stamp != v.stamp()) continue;
      if (v.index() < e.bound) return;
      throw StaleVarError(v.index(), "", false);
    }
    if (v.stamp() < first_stamp_ || v.stamp() > stamp_) throw ForeignVarError(v.index(), "");
    throw StaleVarError(v.index(), "", true);
  }

  TapeOptions options_;
  std::uint32_t stamp_ = 0;
  std::uint32_t first_stamp_ = 0;
  NodeIndex start_ = 0;
  std::vector<Epoch> epochs_;

  // Per node (struct of arrays, so the reverse sweep streams through only what it reads).
  detail::Column<S> values_;
  detail::Column<Op> ops_;
  detail::Column<std::uint32_t> arg_end_;  // node i's inputs are arg_end_[i] .. arg_end_[i+1]
  // Per recorded input.
  detail::Column<NodeIndex> arg_node_;
  detail::Column<S> partials_;
  // How many nodes fit before the columns must grow: min(capacity, max_nodes).
  std::size_t node_room_ = 0;
  BlockArena arena_;  // before blocks_: the blocks it holds are destroyed by it, after blocks_
  std::vector<Block> blocks_;
  // Trace mode only.
  std::vector<Operand> operands_;
  std::vector<std::uint32_t> operand_end_;
  std::map<NodeIndex, std::string> names_;
};

// Activates a tape for the current thread for the scope's lifetime, then restores the previous one.
template <class S>
class [[nodiscard]] TapeScope {
 public:
  explicit TapeScope(BasicTape<S>& tape) : previous_(detail::active<S>) {
    detail::active<S> = &tape;
  }
  TapeScope(const TapeScope&) = delete;
  TapeScope& operator=(const TapeScope&) = delete;
  ~TapeScope() { detail::active<S> = previous_; }

 private:
  BasicTape<S>* previous_;
};

using Tape = BasicTape<double>;

}  // namespace tapegrad
