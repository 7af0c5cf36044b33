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
                                std::size_t);

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

// ∂y/∂a = d0(a, y): the chain rule's step adj_a += ∂y/∂a · adj_y, row by row (adj_a = ... when
// `assign`: the first contribution to a column, which then needs no zeroing first).
template <Op op, bool assign>
bool unary_backward(const double* __restrict a, const double* __restrict y,
                    const double* __restrict adj_y, double* __restrict adj_a, std::size_t n) {
  const auto& row = rule<op>();
  std::uint64_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = row.d0(a[i], y[i]);
    bad |= not_finite(d);
    if constexpr (assign)
      adj_a[i] = d * adj_y[i];
    else
      adj_a[i] += d * adj_y[i];
  }
  return bad != 0;
}

template <Op op, int k, bool ac, bool bc>
double partial(const double* __restrict a, const double* __restrict b, const double* __restrict y,
               double a0, double b0, std::size_t i) {
  const double ai = ac ? a[i] : a0;
  const double bi = bc ? b[i] : b0;
  if constexpr (k == 0)
    return rule<op>().d0(ai, bi, y[i]);
  else
    return rule<op>().d1(ai, bi, y[i]);
}

template <Op op, int k, bool ac, bool bc, bool assign>
bool binary_backward(const double* __restrict a, const double* __restrict b,
                     const double* __restrict y, const double* __restrict adj_y,
                     double* __restrict adj_in, std::size_t n) {
  const double a0 = a[0], b0 = b[0];
  std::uint64_t bad = 0;
  if constexpr (k == 0 ? ac : bc) {
    for (std::size_t i = 0; i < n; ++i) {
      const double d = partial<op, k, ac, bc>(a, b, y, a0, b0, i);
      bad |= not_finite(d);
      if constexpr (assign)
        adj_in[i] = d * adj_y[i];
      else
        adj_in[i] += d * adj_y[i];
    }
  } else {
    // A broadcast input is used by every row: its adjoint is the sum of the rows' contributions,
    // summed in column_sum's order (eight interleaved sums) in the same pass.
    std::array<double, 8> s{};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      for (std::size_t j = 0; j < 8; ++j) {
        const double d = partial<op, k, ac, bc>(a, b, y, a0, b0, i + j);
        bad |= not_finite(d);
        s[j] += d * adj_y[i + j];
      }
    }
    double total = 0.0;
    for (std::size_t j = 0; j < 8; ++j) total += s[j];
    for (; i < n; ++i) {
      const double d = partial<op, k, ac, bc>(a, b, y, a0, b0, i);
      bad |= not_finite(d);
      total += d * adj_y[i];
    }
    adj_in[0] += total;
  }
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
template <bool assign, std::size_t... I>
constexpr auto unary_backward_table(std::index_sequence<I...>) {
  return std::array<UnaryBackward, op_count>{[] {
    constexpr Op op = static_cast<Op>(I);
    if constexpr (arity<op>() == 1) return &unary_backward<op, assign>;
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
template <int k, bool ac, bool bc, bool assign, std::size_t... I>
constexpr auto binary_backward_table(std::index_sequence<I...>) {
  return std::array<BinaryBackward, op_count>{[] {
    constexpr Op op = static_cast<Op>(I);
    if constexpr (arity<op>() == 2) return &binary_backward<op, k, ac, bc, assign>;
    else return BinaryBackward{nullptr};
  }()...};
}

constexpr auto ops = std::make_index_sequence<op_count>();
constexpr auto unary_forwards = unary_forward_table(ops);
// [assign][op]
constexpr std::array<std::array<UnaryBackward, op_count>, 2> unary_backwards{
    {unary_backward_table<false>(ops), unary_backward_table<true>(ops)}};
constexpr std::array<std::array<std::array<BinaryForward, op_count>, 2>, 2> binary_forwards{{
    {{binary_forward_table<false, false>(ops), binary_forward_table<false, true>(ops)}},
    {{binary_forward_table<true, false>(ops), binary_forward_table<true, true>(ops)}},
}};
// [a is a column][b is a column][op]; assigning kernels only where input k is a column.
template <int k, bool assign>
constexpr std::array<std::array<std::array<BinaryBackward, op_count>, 2>, 2> binary_backwards{{
    {{binary_backward_table<k, false, false, false>(ops),
      binary_backward_table<k, false, true, assign && k == 1>(ops)}},
    {{binary_backward_table<k, true, false, assign && k == 0>(ops),
      binary_backward_table<k, true, true, assign>(ops)}},
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
                     std::size_t n, bool assign) {
  return checked(unary_backwards[assign][index(op)], op, 1)(a, y, adj_y, adj_a, n);
}

bool column_backward(Op op, int k, const double* a, bool a_column, const double* b, bool b_column,
                     const double* y, const double* adj_y, double* adj_in, std::size_t n,
                     bool assign) {
  if (!a_column && !b_column) a_column = b_column = true, n = 1, assign = false;
  const std::size_t i = index(op);
  const auto& table = k == 0 ? (assign ? binary_backwards<0, true> : binary_backwards<0, false>)
                              : (assign ? binary_backwards<1, true> : binary_backwards<1, false>);
  const BinaryBackward f = table[a_column][b_column][i];
  return checked(f, op, 2)(a, b, y, adj_y, adj_in, n);
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
