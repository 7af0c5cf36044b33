// SPDX-License-Identifier: MIT
// Column kernels: one op of the rule table applied to a whole column of rows (forward: values;
// backward: adjoint times partial, added into the input's adjoint), chosen at run time by Op code.
// The loops call the row's value/d0/d1 directly, so every derivative still comes from op_rules.hpp.
// An operand is a column (n values) or one value broadcast to every row. Used by columnwise.cpp.
#pragma once

#include <cstddef>

#include "autodiff/op.hpp"

namespace tapegrad::detail {

// y[i] = op(a[i]) for i < n. Returns true when some y[i] is not finite.
bool column_forward(Op op, const double* a, double* y, std::size_t n);
// y[i] = op(a[i], b[i]); an operand that is not a column is a[0] (b[0]) for every row; at least one
// of them is a column. Returns true when some y[i] is not finite.
bool column_forward(Op op, const double* a, bool a_column, const double* b, bool b_column, double* y,
                    std::size_t n);

// Unary backward: adj_a[i] += adj_y[i]·∂y/∂a (a, y and the adjoints columns of n values); with
// `assign`, adj_a[i] = ... (the first contribution to a column, which then needs no zeroing).
// Returns true when some partial is not finite.
bool column_backward(Op op, const double* a, const double* y, const double* adj_y, double* adj_a,
                     std::size_t n, bool assign);
// Binary backward for input k (0: a, 1: b): adjoint times partial, added into adj_in[i] (assigned,
// with `assign`) when input k is a column, else summed over the rows into adj_in[0] (always
// added). Returns true when some partial is not finite.
bool column_backward(Op op, int k, const double* a, bool a_column, const double* b, bool b_column,
                     const double* y, const double* adj_y, double* adj_in, std::size_t n,
                     bool assign);

// Σ v[i] in a fixed order (eight interleaved partial sums, then added in order): fast, and the same
// bits on every run for the same n.
double column_sum(const double* v, std::size_t n);

}  // namespace tapegrad::detail
