// SPDX-License-Identifier: MIT
// Var: a scalar that the tape records. A small value type (value, node index, recording stamp:
// 16 bytes for double) that is trivially copyable. A Var made from a plain number is a constant:
// it has no node, and operations on constants only record nothing.
#pragma once

#include <concepts>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace tapegrad {

template <class S>
class BasicTape;

// The index of a node on its tape. 32 bits keeps the tape small; the tape refuses to grow past it.
using NodeIndex = std::uint32_t;
inline constexpr NodeIndex no_node = std::numeric_limits<NodeIndex>::max();

template <class S>
class BasicVar {
 public:
  using Scalar = S;

  // The constant 0 (Eigen and containers default-construct scalars).
  constexpr BasicVar() = default;
  // A constant: records nothing, and has no adjoint.
  constexpr BasicVar(const S& value) : value_(value) {}  // NOLINT: implicit, like a double
  template <class T>
    requires(std::is_arithmetic_v<T> && !std::same_as<T, S>)
  constexpr BasicVar(T value) : value_(static_cast<S>(value)) {}  // NOLINT
  // A whole statement such as `sin(x) * x + 1`, recorded as one node (see statement.hpp).
  // Inlined: returned through memory, a Var's fields written one by one and read back whole stall
  // the store buffer, which cost a sum over data half its time (see bench/).
  template <class E>
    requires(E::is_statement && std::same_as<typename E::Scalar, S>)
  [[gnu::always_inline]] BasicVar(const E& statement)  // NOLINT: implicit, like a double
      : BasicVar(record_statement(statement)) {}

  constexpr const S& value() const noexcept { return value_; }
  // Whether this Var has a node on a tape (an input or a recorded result), i.e. is not a constant.
  constexpr bool is_recorded() const noexcept { return stamp_ != 0; }
  // The node's index on its tape; no_node for a constant.
  constexpr NodeIndex index() const noexcept { return index_; }
  // The recording this Var belongs to (0 for a constant); see BasicTape::check.
  constexpr std::uint32_t stamp() const noexcept { return stamp_; }

 private:
  friend class BasicTape<S>;
  constexpr BasicVar(const S& value, NodeIndex index, std::uint32_t stamp)
      : value_(value), index_(index), stamp_(stamp) {}

  S value_{};
  NodeIndex index_ = no_node;
  std::uint32_t stamp_ = 0;
};

using Var = BasicVar<double>;

static_assert(sizeof(Var) <= 16 && std::is_trivially_copyable_v<Var>,
              "Var must stay a 16-byte trivially copyable value");

}  // namespace tapegrad
