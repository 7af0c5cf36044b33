// SPDX-License-Identifier: MIT
// TapeColumns: the tape's per-node and per-input storage (struct of arrays, so the reverse sweep
// streams through only what it reads), how it grows, and how much it holds. The tape appends to
// these columns on its hot path; everything about capacity lives here.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "autodiff/errors.hpp"
#include "autodiff/hot.hpp"
#include "autodiff/op.hpp"
#include "autodiff/tape_column.hpp"
#include "autodiff/tape_options.hpp"
#include "autodiff/var.hpp"

namespace tapegrad::detail {

// In trace mode: one operand of a node, constants included (node == no_node for those).
template <class S>
struct TapeOperand {
  NodeIndex node;
  S constant;
};

template <class S>
struct TapeColumns {
  // Per node.
  Column<S> values;
  Column<Op> ops;
  Column<std::uint32_t> arg_end;  // node i's inputs are arg_end[i] .. arg_end[i+1]
  // Per recorded input.
  Column<NodeIndex> arg_node;
  Column<S> partials;
  // How many nodes fit before the columns must grow: min(capacity, max_nodes).
  std::size_t node_room = 0;
  // Trace mode only (operand_end has capacity exactly when the tape traces).
  Column<TapeOperand<S>> operands;
  Column<std::uint32_t> operand_end;

  NodeIndex size() const noexcept { return static_cast<NodeIndex>(values.size()); }
  // Whether one more node with `arguments` recorded inputs fits without growing: the one test
  // the hot path makes for all five columns.
  TAPEGRAD_HOT bool has_room(std::size_t arguments) const noexcept {
    return values.size() < node_room && arg_node.capacity() - arg_node.size() >= arguments;
  }

  // The slow path of recording: grows the columns (doubling, so a tape reaches its steady size in
  // a few steps) so that `nodes` more nodes with `arguments` inputs in all fit; throws when the
  // tape would hold more than `max_nodes`. In trace mode it also makes room for `arguments`
  // operands and keeps node_room at 0, so that every trace-mode record comes here.
  // Strong guarantee: every column's new storage is allocated first and adopted only when all
  // allocations succeeded, so a std::bad_alloc leaves the tape exactly as it was.
  [[gnu::noinline]] void make_room(NodeIndex max_nodes, std::size_t arguments,
                                   std::size_t nodes = 1) {
    if (nodes > std::size_t(max_nodes) - size()) throw TapeFullError(max_nodes);
    const std::size_t node_capacity = needed(values, nodes);
    const std::size_t arg_capacity = needed(arg_node, arguments);
    const bool trace = operand_end.capacity() != 0;
    const std::size_t operand_capacity = trace ? needed(operands, arguments) : 0;
    const std::size_t operand_end_capacity = trace ? needed(operand_end, nodes) : 0;
    // Phase 1: allocate (may throw; nothing has changed yet).
    auto v = grow(values, node_capacity);
    auto o = grow(ops, node_capacity);
    auto e = grow(arg_end, node_capacity + 1);  // one entry more than there are nodes
    auto a = grow(arg_node, arg_capacity);
    auto p = grow(partials, arg_capacity);
    auto t = grow(operands, operand_capacity);
    auto te = grow(operand_end, operand_end_capacity);
    // Phase 2: commit (cannot throw).
    values.adopt(std::move(v));
    ops.adopt(std::move(o));
    arg_end.adopt(std::move(e));
    arg_node.adopt(std::move(a));
    partials.adopt(std::move(p));
    operands.adopt(std::move(t));
    operand_end.adopt(std::move(te));
    node_room = trace ? 0 : std::min<std::size_t>(values.capacity(), max_nodes);
  }
  void reserve(NodeIndex max_nodes, std::size_t nodes, std::size_t arguments) {
    if (nodes > values.size()) make_room(max_nodes, 0, nodes - values.size());
    if (arguments > arg_node.size()) make_room(max_nodes, arguments - arg_node.size(), 0);
  }
  // Keeps the first `nodes` nodes, `arguments` inputs and `operand_count` operands; keeps the
  // capacity.
  void truncate(NodeIndex nodes, std::size_t arguments, std::size_t operand_count, bool trace) {
    values.resize(nodes);
    ops.resize(nodes);
    arg_end.resize(nodes + 1);
    arg_node.resize(arguments);
    partials.resize(arguments);
    if (trace) {
      operands.resize(operand_count);
      operand_end.resize(nodes + 1);
    }
  }

  // The capacity a column needs for `more` elements: its own, or doubled (at least 64).
  template <class T>
  static std::size_t needed(const Column<T>& c, std::size_t more) {
    if (c.capacity() - c.size() >= more) return c.capacity();
    return std::max<std::size_t>({64, 2 * c.capacity(), c.size() + more});
  }
  template <class T>
  static typename Column<T>::Grown grow(const Column<T>& c, std::size_t capacity) {
    if (capacity <= c.capacity()) return {};
    return c.grown(capacity);
  }

  // What the columns hold and have reserved (the arena and blocks are added by the tape).
  TapeStats stats() const {
    const std::size_t per_node = sizeof(S) + sizeof(Op) + sizeof(std::uint32_t);
    const std::size_t per_arg = sizeof(NodeIndex) + sizeof(S);
    TapeStats s;
    s.nodes = size();
    s.arguments = arg_node.size();
    s.bytes_used = s.nodes * per_node + s.arguments * per_arg;
    s.bytes_reserved = values.capacity() * sizeof(S) + ops.capacity() * sizeof(Op) +
                       arg_end.capacity() * sizeof(std::uint32_t) +
                       arg_node.capacity() * sizeof(NodeIndex) + partials.capacity() * sizeof(S);
    return s;
  }
};

}  // namespace tapegrad::detail
