// SPDX-License-Identifier: MIT
// The tape: the record of the forward pass, and the reverse sweep that turns it into adjoints.
// Per node it stores the op code, the value, and — per recorded input — the input's index and the
// local partial ∂node/∂input, computed while recording (a Jacobian tape: the reverse pass needs no
// op dispatch). Creation order is a topological order, so the reverse sweep is one loop from the
// last node to the first. The user owns tapes; `activate()` makes one the current thread's tape.
// Thread contract: a tape is used by one thread at a time — the one that activated it (or, while
// no scope is open anywhere, any one thread). Activating, recording, rewinding or sweeping it from
// another thread throws TapeThreadError; separate tapes on separate threads are independent.
// Exceptions: recording an op has the strong guarantee (a std::bad_alloc leaves the tape as it
// was); a stale or foreign Var or position throws instead of being read; on a checked tape, a
// reverse sweep whose adjoint overflows throws BackwardDomainError (anomaly mode, tape_anomaly.hpp).
// Storage and growth: tape_columns.hpp; block ops: tape_blocks.hpp; which Vars are valid:
// tape_recordings.hpp; activation: tape_activation.hpp.
#pragma once

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "autodiff/block_arena.hpp"
#include "autodiff/block_op.hpp"
#include "autodiff/errors.hpp"
#include "autodiff/hot.hpp"
#include "autodiff/op.hpp"
#include "autodiff/tape_activation.hpp"
#include "autodiff/tape_adjoints.hpp"
#include "autodiff/tape_anomaly.hpp"
#include "autodiff/tape_blocks.hpp"
#include "autodiff/tape_columns.hpp"
#include "autodiff/tape_options.hpp"
#include "autodiff/tape_recordings.hpp"
#include "autodiff/var.hpp"

namespace tapegrad {

template <class S = double>
class BasicTape {
 public:
  explicit BasicTape(TapeOptions options = {})
      : options_(options), owner_(std::make_shared<detail::TapeOwner>()) {
    col_.arg_end.push_back(0);
    if (options_.trace) col_.operand_end.push_back(0);
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
    check_thread("input");
    if (!col_.has_room(0)) [[unlikely]]
      col_.make_room(options_.max_nodes, 0);
    // The name first: if storing it throws, no node has been appended.
    if (!name.empty()) names_.insert_or_assign(size(), std::string(name));
    return append_node(Op::input, value);
  }

  // ---- names (cost nothing when unused) ----
  void set_name(const BasicVar<S>& v, std::string_view name) {
    check_thread("set_name");
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
    return {size(),         col_.arg_node.size(),    blocks_.size(),        col_.operands.size(),
            blocks_.arena().mark(), recordings_.identity(), recordings_.stamp()};
  }
  // Discards everything recorded after `to` (everything, by default) and keeps the capacity, so
  // a training loop that records the same graph each iteration stops allocating after the first.
  // Vars recorded after `to` become invalid; using one throws StaleVarError. A position of
  // another tape, or one an earlier rewind discarded, throws BadPositionError.
  void rewind(TapePosition to = {}) {
    check_thread("rewind");
    if (to.tape_ != 0 && to.tape_ != recordings_.identity())
      throw BadPositionError(to.nodes_, BadPositionError::Reason::foreign);
    if (to.tape_ != 0 && !recordings_.position_is_valid(to.stamp_, to.nodes_))
      throw BadPositionError(to.nodes_, BadPositionError::Reason::discarded);
    recordings_.rewind(to.nodes_);  // may throw; nothing after it does
    col_.truncate(to.nodes_, to.arguments_, to.operands_, options_.trace);
    blocks_.truncate(to.blocks_, to.arena_);
    names_.erase(names_.lower_bound(to.nodes_), names_.end());
  }
  void reserve(std::size_t nodes, std::size_t arguments) {
    col_.reserve(options_.max_nodes, nodes, arguments);
  }
  TapeStats stats() const {
    TapeStats s = col_.stats();
    s.blocks = blocks_.size();
    s.bytes_reserved += blocks_.arena().bytes_reserved();
    return s;
  }
  const TapeOptions& options() const noexcept { return options_; }
  NodeIndex size() const noexcept { return col_.size(); }

  // ---- reading the record (for explain, checking and tests) ----
  Op op(NodeIndex node) const { return col_.ops[node]; }
  const S& value(NodeIndex node) const { return col_.values[node]; }
  // The recorded inputs of a node and their partials, in operand order (constants left out).
  std::span<const NodeIndex> arg_nodes(NodeIndex node) const {
    return {col_.arg_node.data() + col_.arg_end[node], col_.arg_node.data() + col_.arg_end[node + 1]};
  }
  std::span<const S> arg_partials(NodeIndex node) const {
    return {col_.partials.data() + col_.arg_end[node], col_.partials.data() + col_.arg_end[node + 1]};
  }
  // In trace mode: every operand of a node, constants included (node == no_node for those).
  using Operand = detail::TapeOperand<S>;
  std::span<const Operand> operands(NodeIndex node) const {
    if (!options_.trace) return {};
    return {col_.operands.data() + col_.operand_end[node],
            col_.operands.data() + col_.operand_end[node + 1]};
  }
  // The block op whose outputs include `node`, or nullptr.
  const BlockOp<S>* block_of(NodeIndex node) const { return blocks_.block_of(node); }

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
    check_thread("backward");
    if (outputs.size() != seeds.size())
      throw TapeMisuseError("backward: the number of seeds must equal the number of outputs");
    adjoints.tape_ = this;
    const NodeIndex end = seed(outputs, seeds, adjoints.values_);
    sweep(std::span<S>(adjoints.values_), end);
    // Anomaly mode (tape_anomaly.hpp): on a checked tape, an adjoint that overflowed is reported,
    // found by sweeping again from the same seeds, step by step.
    if (options_.checked && !detail::all_finite(std::span<const S>(adjoints.values_.data(), end)))
        [[unlikely]] {
      std::vector<S> seeded;
      seed(outputs, seeds, seeded);
      detail::find_backward_anomaly(*this, std::move(seeded), end);
    }
  }

  // ---- recording (used by the operators in var_ops.hpp and by block ops) ----
  // Throws unless `v` is a recorded Var that is valid on this tape now.
  TAPEGRAD_HOT void check(const BasicVar<S>& v) const {
    if (v.stamp() == recordings_.stamp()) [[likely]]
      return;
    if (v.is_recorded()) recordings_.check_slow(v.stamp(), v.index());
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
    check_thread("record");
    if (!col_.has_room(N)) [[unlikely]]  // one test for all five columns
      col_.make_room(options_.max_nodes, N);
    for (std::size_t k = 0; k < N; ++k) {
      if (operands[k]->is_recorded()) {
        col_.arg_node.push_unchecked(operands[k]->index());
        col_.partials.push_unchecked(partials[k]);
      }
    }
    if (options_.trace) [[unlikely]] {
      for (const auto* v : operands) col_.operands.push_unchecked({v->index(), v->value()});
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
    check_thread("record");
    if (!col_.has_room(n)) [[unlikely]]
      col_.make_room(options_.max_nodes, n);
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
      col_.arg_node.push_unchecked(input[k]);
      col_.partials.push_unchecked(partial[k]);
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
    return append_block(values, BlockPtr(op_in_arena, typename Blocks::Deleter{.owned = false}));
  }
  // values.size() new leaf nodes in one step (the elements of a matrix input, matrix_var.hpp):
  // the first's Var; the rest follow at consecutive indices.
  BasicVar<S> inputs(std::span<const S> values) {
    if (values.empty()) throw TapeMisuseError("inputs: no values to enter");
    check_thread("inputs");
    return append_nodes(values, Op::input);
  }
  // Where block ops keep their results and what their backward reads; rewound with the tape.
  BlockArena& arena() noexcept { return blocks_.arena(); }
  // The Var of an existing node of the current recording (e.g. an element of a block's output).
  BasicVar<S> var_at(NodeIndex node) const {
    if (node >= size()) throw TapeMisuseError("var_at: no such node on the tape");
    return BasicVar<S>(col_.values[node], node, recordings_.stamp());
  }

 private:
  using Blocks = detail::TapeBlocks<S>;
  using BlockPtr = typename Blocks::Ptr;

  // Appends a node; the caller has made room for it.
  TAPEGRAD_HOT BasicVar<S> append_node(Op op, const S& value) {
    const BasicVar<S> v(value, size(), recordings_.stamp());
    col_.values.push_unchecked(value);
    col_.arg_end.push_unchecked(static_cast<std::uint32_t>(col_.arg_node.size()));
    col_.ops.push_unchecked(op);  // last: a one-byte store may alias anything, forcing reloads
    if (options_.trace) [[unlikely]] {
      col_.operand_end.push_unchecked(static_cast<std::uint32_t>(col_.operands.size()));
    }
    return v;
  }
  // Appends nodes with no recorded inputs in bulk (a matrix op's output is thousands of them);
  // returns the first's Var, the rest follow at consecutive indices with the same stamp.
  BasicVar<S> append_nodes(std::span<const S> values, Op op) {
    const NodeIndex first = size();
    col_.make_room(options_.max_nodes, 0, values.size());
    col_.values.append(values);
    col_.arg_end.append_n(values.size(), static_cast<std::uint32_t>(col_.arg_node.size()));
    col_.ops.append_n(values.size(), op);
    if (options_.trace) [[unlikely]] {
      for (std::size_t k = 0; k < values.size(); ++k)
        col_.operand_end.push_unchecked(static_cast<std::uint32_t>(col_.operands.size()));
    }
    return BasicVar<S>(values[0], first, recordings_.stamp());
  }
  BasicVar<S> append_block(std::span<const S> values, BlockPtr op) {
    if (values.empty()) throw TapeMisuseError("a block op needs at least one output");
    check_thread("record_block");
    blocks_.make_room();  // before the nodes, so that a failure leaves no block-less nodes
    const BasicVar<S> first = append_nodes(values, Op::block);
    blocks_.push(first.index(), size(), std::move(op));  // cannot throw now
    return first;
  }

  // Throws TapeThreadError when this tape is active on another thread: one compare when it is
  // the active tape here (the operators have just read that pointer).
  TAPEGRAD_HOT void check_thread(const char* what) const {
    if (detail::active<S> != this) [[unlikely]]
      owner_->check(what);
  }

  // Zeroes `adjoint` for every node and adds each output's seed at the output; returns the end of
  // the sweep (one past the last seeded node).
  NodeIndex seed(std::span<const BasicVar<S>> outputs, std::span<const S> seeds,
                 std::vector<S>& adjoint) const {
    adjoint.assign(size(), S(0));
    NodeIndex end = 0;
    for (std::size_t k = 0; k < outputs.size(); ++k) {
      if (!outputs[k].is_recorded()) continue;  // a constant output has no dependence on anything
      check(outputs[k]);
      adjoint[outputs[k].index()] += seeds[k];
      end = std::max(end, outputs[k].index() + 1);
    }
    return end;
  }

  // The chain rule, from the last node back to the first: each node passes its adjoint to each
  // of its inputs, weighted by the partial ∂node/∂input. Creation order guarantees that a node's
  // adjoint is complete before it is read. Block ops run their own vector-Jacobian product at
  // their place in that order.
  void sweep(std::span<S> adjoint, NodeIndex end) const {
    blocks_.for_each_before(end, [&](const typename Blocks::Block& block) {
      sweep_scalars(adjoint, block.last, end);
      block.op->backward(adjoint, block.first);
      end = block.first;
    });
    sweep_scalars(adjoint, 0, end);
  }
  void sweep_scalars(std::span<S> adjoint, NodeIndex begin, NodeIndex end) const {
    // Nodes with no recorded inputs (inputs, block outputs) pass nothing back, and they come in
    // long runs (a matrix input is thousands). arg_end never decreases, so two binary searches
    // trim such runs at both ends of the range instead of visiting every node.
    if (begin >= end) return;  // the output is inside the block that ends this range
    const std::uint32_t* ends = col_.arg_end.data();
    begin = static_cast<NodeIndex>(
        std::upper_bound(ends + begin + 1, ends + end + 1, ends[begin]) - ends - 1);
    if (begin >= end) return;
    end = static_cast<NodeIndex>(std::lower_bound(ends + begin, ends + end + 1, ends[end]) - ends);
    S* adj = adjoint.data();
    const NodeIndex* input = col_.arg_node.data();
    const S* partial = col_.partials.data();
    for (NodeIndex i = end; i-- > begin;) {
      const S a = adj[i];
      for (std::uint32_t k = ends[i]; k < ends[i + 1]; ++k) adj[input[k]] += partial[k] * a;
    }
  }

  friend class TapeScope<S>;

  TapeOptions options_;
  std::shared_ptr<detail::TapeOwner> owner_;
  detail::TapeRecordings recordings_;
  detail::TapeColumns<S> col_;
  Blocks blocks_;
  std::map<NodeIndex, std::string> names_;
};

using Tape = BasicTape<double>;

}  // namespace tapegrad
