// SPDX-License-Identifier: MIT
// The op codes of the tape: one per primitive. Each has exactly one row in op_rules.hpp, in this
// order (a static_assert there checks it). Adding an op: a value here and a row there.
#pragma once

#include <cstdint>

namespace tapegrad {

enum class Op : std::uint8_t {
  input,  // a leaf: a parameter or data the user entered; no partials
  block,  // one output element of a matrix-level or custom operation (see block_op.hpp)
  statement,  // a whole C++ statement of several ops, recorded as one node (see statement.hpp)
  // infix arithmetic
  add,
  sub,
  mul,
  div,
  neg,
  // powers, exponentials, logarithms
  pow,
  exp,
  exp2,
  expm1,
  log,
  log2,
  log10,
  log1p,
  sqrt,
  cbrt,
  // trigonometric and hyperbolic
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  atan2,
  sinh,
  cosh,
  tanh,
  asinh,
  acosh,
  atanh,
  // piecewise
  abs,
  min,
  max,
  fmin,
  fmax,
  relu,
  floor,
  ceil,
  round,
  // special functions and activations
  hypot,
  erf,
  erfc,
  sigmoid,
  softplus,
  count  // not an op: the number of ops
};

inline constexpr std::size_t op_count = static_cast<std::size_t>(Op::count);

}  // namespace tapegrad
