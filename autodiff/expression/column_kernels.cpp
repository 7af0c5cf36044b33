// SPDX-License-Identifier: MIT
// The column kernels: for each op of the rule table, loops over a column built at compile time
// from its row (as op_dispatch.cpp does for single Vars), indexed by op code at run time.
#include "autodiff/expression/column_kernels.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cmath>
#include <limits>
#include <utility>

#include "autodiff/errors.hpp"
#include "autodiff/op_rules.hpp"

namespace tapegrad::detail {
namespace {

// 1 when v is ±∞ or NaN (all exponent bits set), else 0: integer operations only, so that the
// loops below vectorise (an OR reduction); adding 1 to an all-ones exponent carries into bit 63.
inline std::uint64_t not_finite(double v) {
  constexpr std::uint64_t exponent = 0x7FF0000000000000ULL, one = 0x0010000000000000ULL;
  return ((std::bit_cast<std::uint64_t>(v) & exponent) + one) >> 63;
}

using UnaryForward = bool (*)(const double*, double*, std::size_t);
using BinaryForward = bool (*)(const double*, const double*, double*, std::size_t);
using UnaryBackward = bool (*)(const double*, const double*, const double*, double*, std::size_t);
using BinaryBackward = bool (*)(const double*, const double*, const double*, const double*, double*,
                                double*, std::size_t);

template <Op op>
bool unary_forward(const double* __restrict a, double* __restrict y, std::size_t n) {
  const auto& row = rule<op>();
  std::uint64_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = row.value(a[i]);
    y[i] = v;
    bad |= not_finite(v);
  }
  return bad != 0;
}

template <Op op, bool ac, bool bc>
bool binary_forward(const double* __restrict a, const double* __restrict b, double* __restrict y,
                    std::size_t n) {
  const auto& row = rule<op>();
  const double a0 = a[0], b0 = b[0];
  std::uint64_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = row.value(ac ? a[i] : a0, bc ? b[i] : b0);
    y[i] = v;
    bad |= not_finite(v);
  }
  return bad != 0;
}

// ∂y/∂a = d0(a, y): the chain rule's step adj_a += ∂y/∂a · adj_y, row by row.
template <Op op>
bool unary_backward(const double* __restrict a, const double* __restrict y,
                    const double* __restrict adj_y, double* __restrict adj_a, std::size_t n) {
  const auto& row = rule<op>();
  std::uint64_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = row.d0(a[i], y[i]);
    bad |= not_finite(d);
    adj_a[i] += d * adj_y[i];
  }
  return bad != 0;
}

template <Op op, int k, bool ac, bool bc>
bool binary_backward(const double* __restrict a, const double* __restrict b,
                     const double* __restrict y, const double* __restrict adj_y, double* adj_in,
                     double* __restrict scratch, std::size_t n) {
  const auto& row = rule<op>();
  constexpr bool to_column = k == 0 ? ac : bc;
  double* __restrict out = to_column ? adj_in : scratch;
  const double a0 = a[0], b0 = b[0];
  std::uint64_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double ai = ac ? a[i] : a0;
    const double bi = bc ? b[i] : b0;
    double d;
    if constexpr (k == 0)
      d = row.d0(ai, bi, y[i]);
    else
      d = row.d1(ai, bi, y[i]);
    bad |= not_finite(d);
    if constexpr (to_column)
      out[i] += d * adj_y[i];
    else
      out[i] = d * adj_y[i];
  }
  // A broadcast input is used by every row: its adjoint is the sum of the rows' contributions.
  if constexpr (!to_column) adj_in[0] += column_sum(scratch, n);
  return bad != 0;
}

// The tables: one entry per op code, nullptr where the arity does not fit.
template <Op op>
constexpr auto arity() {
  return rule<op>().info.arity;
}

template <std::size_t... I>
constexpr auto unary_forward_table(std::index_sequence<I...>) {
  return std::array<UnaryForward, op_count>{[] {
    constexpr Op op = static_cast<Op>(I);
    if constexpr (arity<op>() == 1) return &unary_forward<op>;
    else return UnaryForward{nullptr};
  }()...};
}
template <std::size_t... I>
constexpr auto unary_backward_table(std::index_sequence<I...>) {
  return std::array<UnaryBackward, op_count>{[] {
    constexpr Op op = static_cast<Op>(I);
    if constexpr (arity<op>() == 1) return &unary_backward<op>;
    else return UnaryBackward{nullptr};
  }()...};
}
// Binary kernels by [op][a is a column][b is a column]; both broadcast is called with n = 1 as
// columns of one row.
template <bool ac, bool bc, std::size_t... I>
constexpr auto binary_forward_table(std::index_sequence<I...>) {
  return std::array<BinaryForward, op_count>{[] {
    constexpr Op op = static_cast<Op>(I);
    if constexpr (arity<op>() == 2) return &binary_forward<op, ac, bc>;
    else return BinaryForward{nullptr};
  }()...};
}
template <int k, bool ac, bool bc, std::size_t... I>
constexpr auto binary_backward_table(std::index_sequence<I...>) {
  return std::array<BinaryBackward, op_count>{[] {
    constexpr Op op = static_cast<Op>(I);
    if constexpr (arity<op>() == 2) return &binary_backward<op, k, ac, bc>;
    else return BinaryBackward{nullptr};
  }()...};
}

constexpr auto ops = std::make_index_sequence<op_count>();
constexpr auto unary_forwards = unary_forward_table(ops);
constexpr auto unary_backwards = unary_backward_table(ops);
constexpr std::array<std::array<std::array<BinaryForward, op_count>, 2>, 2> binary_forwards{{
    {{binary_forward_table<false, false>(ops), binary_forward_table<false, true>(ops)}},
    {{binary_forward_table<true, false>(ops), binary_forward_table<true, true>(ops)}},
}};
template <int k>
constexpr std::array<std::array<std::array<BinaryBackward, op_count>, 2>, 2> binary_backwards{{
    {{binary_backward_table<k, false, false>(ops), binary_backward_table<k, false, true>(ops)}},
    {{binary_backward_table<k, true, false>(ops), binary_backward_table<k, true, true>(ops)}},
}};

template <class F>
F checked(F f, Op op, int arity) {
  if (f == nullptr)
    throw TapeMisuseError("column kernel: the op code " + std::to_string(static_cast<int>(op)) +
                          " does not take " + std::to_string(arity) + " operand(s)");
  return f;
}

std::size_t index(Op op) {
  const auto i = static_cast<std::size_t>(op);
  if (i >= op_count) throw TapeMisuseError("column kernel: not an op code");
  return i;
}

}  // namespace

bool column_forward(Op op, const double* a, double* y, std::size_t n) {
  return checked(unary_forwards[index(op)], op, 1)(a, y, n);
}

bool column_forward(Op op, const double* a, bool a_column, const double* b, bool b_column, double* y,
                    std::size_t n) {
  if (!a_column && !b_column) a_column = b_column = true, n = 1;
  return checked(binary_forwards[a_column][b_column][index(op)], op, 2)(a, b, y, n);
}

bool column_backward(Op op, const double* a, const double* y, const double* adj_y, double* adj_a,
                     std::size_t n) {
  return checked(unary_backwards[index(op)], op, 1)(a, y, adj_y, adj_a, n);
}

bool column_backward(Op op, int k, const double* a, bool a_column, const double* b, bool b_column,
                     const double* y, const double* adj_y, double* adj_in, double* scratch,
                     std::size_t n) {
  if (!a_column && !b_column) a_column = b_column = true, n = 1;
  const std::size_t i = index(op);
  const BinaryBackward f = k == 0 ? binary_backwards<0>[a_column][b_column][i]
                                  : binary_backwards<1>[a_column][b_column][i];
  return checked(f, op, 2)(a, b, y, adj_y, adj_in, scratch, n);
}

double column_sum(const double* v, std::size_t n) {
  std::array<double, 8> s{};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (std::size_t j = 0; j < 8; ++j) s[j] += v[i + j];
  double total = 0.0;
  for (std::size_t j = 0; j < 8; ++j) total += s[j];
  for (; i < n; ++i) total += v[i];
  return total;
}

}  // namespace tapegrad::detail
