// SPDX-License-Identifier: MIT
// The operations on MatrixVar, each recorded as ONE tape entry (a block op) whose backward is a
// few Eigen lines on the adjoint array:
//   + − (matrix or scalar, with broadcasting), cwise_product, cwise_quotient, scalar · and /,
//   matrix product (operator*), transpose,
//   elementwise exp log sqrt tanh sigmoid relu softplus abs pow — value and partial from the
//   rule table (op_rules.hpp), so no derivative is written twice,
//   sum / mean (all → Var; row_sums, row_means → column; col_sums, col_means → row), dot,
//   squared_norm, log_sum_exp, softmax and log_softmax (numerically stable),
//   fused losses: mse, bce_with_logits, softmax_cross_entropy (integer labels).
// Broadcasting: an elementwise operation accepts equal shapes, or an operand that is a row vector
// (1×n), a column vector (m×1) or 1×1 and is repeated along the other operand's rows or columns.
// A scalar Var or double is a 1×1 operand. Mismatched shapes throw ShapeError.
// In checked mode (TapeOptions::checked) the elementwise ops check every element as the scalar
// ops do, and a DomainError names the op and the element.
// Cost: results and what a backward needs live in the tape's arena (nothing is allocated once a
// rewound loop has run once); operands are read in backward from their values (constants shared,
// never copied), and partials are computed there rather than stored.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/matrix_var.hpp"
#include "autodiff/op_rules.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var_ops.hpp"

namespace tapegrad {
namespace detail {

using Eigen::Index;
using Eigen::MatrixXd;
using ConstMap = Eigen::Map<const MatrixXd>;
using MutableMap = Eigen::Map<MatrixXd>;

inline constexpr const char* broadcast_hint =
    "elementwise operations need equal shapes, or one operand a row vector (1×n), a column "
    "vector (m×1) or 1×1, which is repeated along the other operand's rows or columns";

// The shape of a broadcast elementwise result: per dimension equal, or 1 on one side.
inline std::pair<Index, Index> broadcast_shape(std::string_view op, const MatrixVar& a,
                                               const MatrixVar& b) {
  const auto fits = [](Index x, Index y) { return x == y || x == 1 || y == 1; };
  if (!fits(a.rows(), b.rows()) || !fits(a.cols(), b.cols()))
    throw ShapeError(std::string(op), shape_of(a), shape_of(b), broadcast_hint);
  const auto pick = [](Index x, Index y) { return x == 1 ? y : x; };
  return {pick(a.rows(), b.rows()), pick(a.cols(), b.cols())};
}

// How an operand of shape rows × cols is read at element (i, j) of a broadcast result of shape
// r × c: at i·row + j·col, the stride being 0 along a repeated dimension (nothing is copied).
struct Broadcast {
  Index row, col;
  Broadcast(Index rows, Index cols, Index r, Index c)
      : row(rows == r ? 1 : 0), col(cols == c ? rows : 0) {}
};

// Calls column(k, ka, kb, sa, sb) for each column of an r × c broadcast result: k, ka, kb are the
// first elements of the column in the result and the two operands, sa and sb the operands' row
// strides as compile-time constants (0 or 1), so that the loop over a column vectorises.
template <class F>
void for_each_column(Index r, Index c, Broadcast a, Broadcast b, F&& column) {
  using One = std::integral_constant<Index, 1>;
  using Zero = std::integral_constant<Index, 0>;
  const auto run = [&](auto sa, auto sb) {
    for (Index j = 0; j < c; ++j) column(j * r, j * a.col, j * b.col, sa, sb);
  };
  if (a.row == 1 && b.row == 1)
    run(One{}, One{});
  else if (a.row == 1)
    run(One{}, Zero{});
  else if (b.row == 1)
    run(Zero{}, One{});
  else
    run(Zero{}, Zero{});
}

// Σ_{i<n} term(i), with eight running sums so that the loop vectorises (a single sum would wait
// on each addition in turn).
template <class T>
double sum_of(Index n, T term) {
  double s[8] = {};
  Index i = 0;
  for (; i + 8 <= n; i += 8)
    for (int l = 0; l < 8; ++l) s[l] += term(i + l);
  for (; i < n; ++i) s[0] += term(i);
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

inline std::string element_text(Index k, Index rows, Index cols) {
  return "at element (" + std::to_string(k % std::max<Index>(rows, 1)) + ", " +
         std::to_string(k / std::max<Index>(rows, 1)) + ") of a " + std::to_string(rows) + "×" +
         std::to_string(cols) + " matrix, ";
}

// Checked mode for one element: the scalar ops' check (domain, finite value), plus finite
// partials for the recorded operands; the DomainError says which element.
template <Op op, std::size_t N>
void check_element(const Tape& tape, const double (&in)[N], const double (&partials)[N],
                   const bool (&recorded)[N], double y, Index k, Index rows, Index cols) {
  const auto& row = rule<op>();
  BasicVar<double> operands[N];
  for (std::size_t i = 0; i < N; ++i) operands[i] = BasicVar<double>(in[i]);
  try {
    check_domain<op>(tape, operands, partials, y);
  } catch (const DomainError& e) {
    throw DomainError(op, e.inputs(), element_text(k, rows, cols) + e.problem());
  }
  bool finite_inputs = true;
  for (double x : in) finite_inputs = finite_inputs && std::isfinite(x);
  for (std::size_t i = 0; i < N; ++i) {
    if (finite_inputs && recorded[i] && !std::isfinite(partials[i])) {
      std::vector<DomainError::Input> inputs;
      for (double x : in) inputs.push_back({x, ""});
      throw DomainError(op, std::move(inputs),
                        element_text(k, rows, cols) + "the partial derivative with respect to " +
                            (i == 0 ? "a" : "b") + " is " + std::to_string(partials[i]) + " (" +
                            std::string(row.info.partial_text[i]) + "): no finite slope here");
    }
  }
}

// An elementwise unary op from the rule table: value and partial from the op's row. The partial
// is computed in backward from the input and the output (both kept), not stored:
// dA += dY ⊙ d0(A, Y).
template <Op op>
MatrixVar elementwise(const MatrixVar& a) {
  const auto& row = rule<op>();
  const bool recorded = MatrixRecorder::any_recorded(a);
  const Index n = a.size(), r = a.rows(), c = a.cols();
  MatrixRecorder::Result result(recorded, r, c);
  const double* x = a.data();
  double* y = result.data();
  for (Index k = 0; k < n; ++k) y[k] = row.value(x[k]);
  if (recorded && active_tape<double>().options().checked) [[unlikely]] {
    for (Index k = 0; k < n; ++k)
      check_element<op>(active_tape<double>(), {x[k]}, {row.d0(x[k], y[k])}, {true}, y[k], k, r, c);
  }
  return result.record(row.info.name, [in = Operand(a), y, n](double* adj, NodeIndex first) {
    const auto& row = rule<op>();
    const double* x = in.data();
    const double* dy = adj + first;
    double* dx = adj + in.node;
    for (Index k = 0; k < n; ++k) dx[k] += dy[k] * row.d0(x[k], y[k]);
  });
}

// Adds Σ_broadcast dY ⊙ ∂Y/∂(operand `which`) into that operand's adjoint, the partial from the
// rule's row at each element; summed over the dimensions along which the operand was repeated.
template <Op op, int which>
void add_binary_partials(double* adj, NodeIndex first, Index r, Index c, const Operand& a,
                         const Operand& b, const double* y) {
  const auto& row = rule<op>();
  const Broadcast ba(a.rows, a.cols, r, c), bb(b.rows, b.cols, r, c);
  const Broadcast own = which == 0 ? ba : bb;
  const double* av = a.data();
  const double* bv = b.data();
  const double* dy = adj + first;
  double* dx = adj + (which == 0 ? a.node : b.node);
  const auto partial = [&](Index k, Index ka, Index kb) {
    if constexpr (which == 0)
      return row.d0(av[ka], bv[kb], y[k]);
    else
      return row.d1(av[ka], bv[kb], y[k]);
  };
  for_each_column(r, c, ba, bb, [&](Index k, Index ka, Index kb, auto sa, auto sb) {
    if (own.row == 1) {
      double* d = dx + (which == 0 ? ka : kb);
      for (Index i = 0; i < r; ++i) d[i] += dy[k + i] * partial(k + i, ka + sa * i, kb + sb * i);
    } else {  // repeated down the rows: one sum per column
      dx[which == 0 ? ka : kb] +=
          sum_of(r, [&](Index i) { return dy[k + i] * partial(k + i, ka + sa * i, kb + sb * i); });
    }
  });
}

// An elementwise binary op from the rule table, with broadcasting; backward adds dY ⊙ P into
// each recorded operand (summed over broadcast dimensions), P computed from the kept values.
template <Op op>
MatrixVar elementwise(const MatrixVar& a, const MatrixVar& b) {
  const auto& row = rule<op>();
  const auto [r, c] = broadcast_shape(row.info.name, a, b);
  const bool recorded = MatrixRecorder::any_recorded(a, b);
  MatrixRecorder::Result result(recorded, r, c);
  const double* av = a.data();
  const double* bv = b.data();
  double* y = result.data();
  const Broadcast ba(a.rows(), a.cols(), r, c), bb(b.rows(), b.cols(), r, c);
  for_each_column(r, c, ba, bb, [&](Index k, Index ka, Index kb, auto sa, auto sb) {
    for (Index i = 0; i < r; ++i) y[k + i] = row.value(av[ka + sa * i], bv[kb + sb * i]);
  });
  if (recorded && active_tape<double>().options().checked) [[unlikely]] {
    const bool ra = a.is_recorded(), rb = b.is_recorded();
    for_each_column(r, c, ba, bb, [&](Index k, Index ka, Index kb, auto sa, auto sb) {
      for (Index i = 0; i < r; ++i) {
        const double x0 = av[ka + sa * i], x1 = bv[kb + sb * i], yk = y[k + i];
        check_element<op>(active_tape<double>(), {x0, x1},
                          {ra ? row.d0(x0, x1, yk) : 0.0, rb ? row.d1(x0, x1, yk) : 0.0},
                          {ra, rb}, yk, k + i, r, c);
      }
    });
  }
  return result.record(row.info.name, [ia = Operand(a), ib = Operand(b), y, r = r, c = c](
                                          double* adj, NodeIndex first) {
    if (ia.recorded()) add_binary_partials<op, 0>(adj, first, r, c, ia, ib, y);
    if (ib.recorded()) add_binary_partials<op, 1>(adj, first, r, c, ia, ib, y);
  });
}

// The sum of all elements of a, times `scale` (1 for sum, 1/count for mean); backward
// dA += scale·dy everywhere.
inline Var total(std::string_view name, const MatrixVar& a, double scale) {
  const bool recorded = MatrixRecorder::any_recorded(a);
  const Index n = a.size();
  const double y = Eigen::Map<const Eigen::ArrayXd>(a.data(), n).sum() * scale;
  return MatrixRecorder::record_scalar(name, y, recorded,
                                       [ia = a.first(), n, scale](double* adj, NodeIndex first) {
                                         Eigen::Map<Eigen::ArrayXd>(adj + ia, n) += adj[first] * scale;
                                       });
}

// A reduction of a to rows × cols (1×1: everything; m×1: each row; 1×n: each column), times
// `scale` (1 for sums, 1/count for means). Backward repeats the adjoint back over a's shape.
inline MatrixVar reduce(std::string_view name, const MatrixVar& a, Index rows, Index cols,
                        double scale) {
  const bool recorded = MatrixRecorder::any_recorded(a);
  MatrixRecorder::Result result(recorded, rows, cols);
  const ConstMap x(a.data(), a.rows(), a.cols());
  auto y = result.map();
  if (rows == 1 && cols == 1)
    y(0, 0) = x.sum() * scale;
  else if (cols == 1)
    y.noalias() = x.rowwise().sum() * scale;
  else
    y.noalias() = x.colwise().sum() * scale;
  const NodeIndex ia = a.first();
  const Index ar = a.rows(), ac = a.cols();
  return result.record(name, [=](double* adj, NodeIndex first) {
    auto da = MatrixRecorder::adjoint_block(adj, ia, ar, ac);
    const auto dy = MatrixRecorder::adjoint_block(adj, first, rows, cols);
    // Column by column: Eigen's colwise() += would first copy the scaled adjoint.
    if (rows == 1 && cols == 1)
      da.array() += dy(0, 0) * scale;
    else if (cols == 1)
      for (Index j = 0; j < ac; ++j) da.col(j) += scale * dy.col(0);
    else
      for (Index j = 0; j < ac; ++j) da.col(j).array() += scale * dy(0, j);
  });
}

// The groups softmax normalises, as the rows of a `rows × cols` view of the same elements: a
// vector (one row or one column) is one group, so a column vector m×1 is viewed as 1×m.
inline std::pair<Index, Index> group_shape(const MatrixVar& m) {
  if (m.cols() == 1 && m.rows() != 1) return {1, m.rows()};
  return {m.rows(), m.cols()};
}

// log Σ_j exp(z_ij) of each row into `out`, as max + log Σ exp(z − max) (never overflows).
template <class Out>
void row_log_sum_exp(const ConstMap& z, Out&& out) {
  out = z.rowwise().maxCoeff();
  for (Index i = 0; i < out.size(); ++i)
    if (!std::isfinite(out[i])) out[i] = 0.0;  // all −∞ (or ±∞): leave the sum to say so
  for (Index i = 0; i < out.size(); ++i)
    out[i] += std::log((z.row(i).array() - out[i]).exp().sum());
}

}  // namespace detail

// ---- + − and elementwise * / (with broadcasting; a Var or double is a 1×1 operand) ----
inline MatrixVar operator+(const MatrixVar& a, const MatrixVar& b) { return detail::elementwise<Op::add>(a, b); }
inline MatrixVar operator+(const MatrixVar& a, const Var& s) { return a + MatrixVar(s); }
inline MatrixVar operator+(const Var& s, const MatrixVar& a) { return MatrixVar(s) + a; }
inline MatrixVar operator-(const MatrixVar& a, const MatrixVar& b) { return detail::elementwise<Op::sub>(a, b); }
inline MatrixVar operator-(const MatrixVar& a, const Var& s) { return a - MatrixVar(s); }
inline MatrixVar operator-(const Var& s, const MatrixVar& a) { return MatrixVar(s) - a; }
inline MatrixVar operator-(const MatrixVar& a) { return detail::elementwise<Op::neg>(a); }
// The elementwise (Hadamard) product and quotient.
inline MatrixVar cwise_product(const MatrixVar& a, const MatrixVar& b) { return detail::elementwise<Op::mul>(a, b); }
inline MatrixVar cwise_quotient(const MatrixVar& a, const MatrixVar& b) { return detail::elementwise<Op::div>(a, b); }
// Scalar times or over a matrix.
inline MatrixVar operator*(const Var& s, const MatrixVar& a) { return cwise_product(MatrixVar(s), a); }
inline MatrixVar operator*(const MatrixVar& a, const Var& s) { return cwise_product(a, MatrixVar(s)); }
inline MatrixVar operator/(const MatrixVar& a, const Var& s) { return cwise_quotient(a, MatrixVar(s)); }
inline MatrixVar operator/(const Var& s, const MatrixVar& a) { return cwise_quotient(MatrixVar(s), a); }

// ---- the matrix product: C = A·B; backward dA += dC·Bᵀ, dB += Aᵀ·dC ----
// The backward reads A and B where they are (a constant such as the data is shared, not copied).
inline MatrixVar matmul(const MatrixVar& a, const MatrixVar& b) {
  if (a.cols() != b.rows())
    throw ShapeError("matmul", shape_of(a), shape_of(b),
                     "the matrix product a·b needs a's column count to equal b's row count");
  const bool recorded = MatrixRecorder::any_recorded(a, b);
  MatrixRecorder::Result result(recorded, a.rows(), b.cols());
  result.map().noalias() = detail::ConstMap(a.data(), a.rows(), a.cols()) *
                           detail::ConstMap(b.data(), b.rows(), b.cols());
  return result.record("matmul", [ia = Operand(a), ib = Operand(b)](double* adj, NodeIndex first) {
    const auto dc = MatrixRecorder::adjoint_block(adj, first, ia.rows, ib.cols);
    if (ia.recorded())
      MatrixRecorder::adjoint_block(adj, ia.node, ia.rows, ia.cols).noalias() += dc * ib.value().transpose();
    if (ib.recorded())
      MatrixRecorder::adjoint_block(adj, ib.node, ib.rows, ib.cols).noalias() += ia.value().transpose() * dc;
  });
}
inline MatrixVar operator*(const MatrixVar& a, const MatrixVar& b) { return matmul(a, b); }

// Aᵀ; backward dA += dCᵀ.
inline MatrixVar transpose(const MatrixVar& a) {
  const bool recorded = MatrixRecorder::any_recorded(a);
  const NodeIndex ia = a.first();
  const Eigen::Index r = a.rows(), c = a.cols();
  MatrixRecorder::Result result(recorded, c, r);
  result.map() = detail::ConstMap(a.data(), r, c).transpose();
  return result.record("transpose", [=](double* adj, NodeIndex first) {
    MatrixRecorder::adjoint_block(adj, ia, r, c) +=
        MatrixRecorder::adjoint_block(adj, first, c, r).transpose();
  });
}

// ---- elementwise functions: rows of the rule table ----
inline MatrixVar exp(const MatrixVar& a) { return detail::elementwise<Op::exp>(a); }
inline MatrixVar log(const MatrixVar& a) { return detail::elementwise<Op::log>(a); }
inline MatrixVar sqrt(const MatrixVar& a) { return detail::elementwise<Op::sqrt>(a); }
inline MatrixVar tanh(const MatrixVar& a) { return detail::elementwise<Op::tanh>(a); }
inline MatrixVar sigmoid(const MatrixVar& a) { return detail::elementwise<Op::sigmoid>(a); }
inline MatrixVar relu(const MatrixVar& a) { return detail::elementwise<Op::relu>(a); }
inline MatrixVar softplus(const MatrixVar& a) { return detail::elementwise<Op::softplus>(a); }
inline MatrixVar abs(const MatrixVar& a) { return detail::elementwise<Op::abs>(a); }
// a^b elementwise; b a matrix (broadcast), a Var or a number.
inline MatrixVar pow(const MatrixVar& a, const MatrixVar& b) { return detail::elementwise<Op::pow>(a, b); }
inline MatrixVar pow(const MatrixVar& a, const Var& b) { return pow(a, MatrixVar(b)); }

// ---- reductions ----
// Σ of all elements, and the mean.
inline Var sum(const MatrixVar& a) { return detail::total("sum", a, 1.0); }
inline Var mean(const MatrixVar& a) { return detail::total("mean", a, 1.0 / double(a.size())); }
// The sum (mean) of each row: a column vector with a.rows() entries.
inline MatrixVar row_sums(const MatrixVar& a) { return detail::reduce("row_sums", a, a.rows(), 1, 1.0); }
inline MatrixVar row_means(const MatrixVar& a) {
  return detail::reduce("row_means", a, a.rows(), 1, 1.0 / double(a.cols()));
}
// The sum (mean) of each column: a row vector with a.cols() entries.
inline MatrixVar col_sums(const MatrixVar& a) { return detail::reduce("col_sums", a, 1, a.cols(), 1.0); }
inline MatrixVar col_means(const MatrixVar& a) {
  return detail::reduce("col_means", a, 1, a.cols(), 1.0 / double(a.rows()));
}

// Σ a_ij·b_ij (equal shapes); backward dA += dy·B, dB += dy·A.
inline Var dot(const MatrixVar& a, const MatrixVar& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols())
    throw ShapeError("dot", shape_of(a), shape_of(b), "dot needs two operands of the same shape");
  const bool recorded = MatrixRecorder::any_recorded(a, b);
  const detail::ConstMap av(a.data(), a.rows(), a.cols()), bv(b.data(), b.rows(), b.cols());
  const double y = av.cwiseProduct(bv).sum();
  return MatrixRecorder::record_scalar(
      "dot", y, recorded, [ia = Operand(a), ib = Operand(b)](double* adj, NodeIndex first) {
        const double dy = adj[first];
        if (ia.recorded()) MatrixRecorder::adjoint_block(adj, ia.node, ia.rows, ia.cols) += dy * ib.value();
        if (ib.recorded()) MatrixRecorder::adjoint_block(adj, ib.node, ib.rows, ib.cols) += dy * ia.value();
      });
}

// Σ a_ij²; backward dA += 2·dy·A.
inline Var squared_norm(const MatrixVar& a) {
  const bool recorded = MatrixRecorder::any_recorded(a);
  const double y = detail::ConstMap(a.data(), a.rows(), a.cols()).squaredNorm();
  return MatrixRecorder::record_scalar(
      "squared_norm", y, recorded, [ia = Operand(a)](double* adj, NodeIndex first) {
        MatrixRecorder::adjoint_block(adj, ia.node, ia.rows, ia.cols) += (2.0 * adj[first]) * ia.value();
      });
}

// log Σ exp(a_ij) over all elements, as max + log Σ exp(a − max); backward dA += dy·softmax(a),
// softmax(a) = exp(a − max)/Σ exp(a − max), whose numerators the forward pass keeps.
inline Var log_sum_exp(const MatrixVar& a) {
  const bool recorded = MatrixRecorder::any_recorded(a);
  const Eigen::Index n = a.size();
  const Eigen::Map<const Eigen::ArrayXd> x(a.data(), n);
  double m = n == 0 ? 0.0 : x.maxCoeff();
  if (!std::isfinite(m)) m = 0.0;  // all −∞ (or ±∞): leave the sum to say so
  Eigen::ArrayXd unkept;
  double* numerators = recorded ? MatrixRecorder::keep(n) : (unkept.resize(n), unkept.data());
  Eigen::Map<Eigen::ArrayXd> e(numerators, n);
  e = (x - m).exp();
  const double total = e.sum();
  return MatrixRecorder::record_scalar(
      "log_sum_exp", m + std::log(total), recorded,
      [ia = a.first(), n, total, numerators](double* adj, NodeIndex first) {
        Eigen::Map<Eigen::ArrayXd>(adj + ia, n) +=
            (adj[first] / total) * Eigen::Map<const Eigen::ArrayXd>(numerators, n);
      });
}

// softmax of each row of a matrix, or of the whole of a vector (one row or one column):
// exp(z − max)/Σ exp(z − max). Backward dZ = S ⊙ (dS − Σ_row dS ⊙ S).
inline MatrixVar softmax(const MatrixVar& a) {
  const bool recorded = MatrixRecorder::any_recorded(a);
  const auto [gr, gc] = detail::group_shape(a);
  MatrixRecorder::Result result(recorded, a.rows(), a.cols());
  const detail::ConstMap z(a.data(), gr, gc);
  detail::MutableMap s(result.data(), gr, gc);
  // Per group: the max, then the sum; the backward's per-group sums reuse the same room.
  Eigen::VectorXd unkept;
  double* room = recorded ? MatrixRecorder::keep(gr) : (unkept.resize(gr), unkept.data());
  Eigen::Map<Eigen::VectorXd> per_group(room, gr);
  per_group = z.rowwise().maxCoeff();
  s = (z.colwise() - per_group).array().exp().matrix();
  per_group = s.rowwise().sum();
  s.array().colwise() /= per_group.array();
  return result.record("softmax", [ia = a.first(), gr = gr, gc = gc, sv = result.data(), room](
                                      double* adj, NodeIndex first) {
    const detail::ConstMap s(sv, gr, gc), ds(adj + first, gr, gc);
    Eigen::Map<Eigen::VectorXd> inner(room, gr);
    inner = ds.cwiseProduct(s).rowwise().sum();
    detail::MutableMap(adj + ia, gr, gc) += s.cwiseProduct(ds.colwise() - inner);
  });
}

// log softmax, row by row as softmax: z − log Σ exp(z). Backward dZ = dL − S ⊙ Σ_row dL, with
// S = exp(L) from the kept output.
inline MatrixVar log_softmax(const MatrixVar& a) {
  const bool recorded = MatrixRecorder::any_recorded(a);
  const auto [gr, gc] = detail::group_shape(a);
  MatrixRecorder::Result result(recorded, a.rows(), a.cols());
  const detail::ConstMap z(a.data(), gr, gc);
  Eigen::VectorXd unkept;
  double* room = recorded ? MatrixRecorder::keep(gr) : (unkept.resize(gr), unkept.data());
  Eigen::Map<Eigen::VectorXd> per_group(room, gr);
  detail::row_log_sum_exp(z, per_group);
  detail::MutableMap(result.data(), gr, gc) = z.colwise() - per_group;
  return result.record("log_softmax", [ia = a.first(), gr = gr, gc = gc, lv = result.data(), room](
                                          double* adj, NodeIndex first) {
    const detail::ConstMap l(lv, gr, gc), dl(adj + first, gr, gc);
    Eigen::Map<Eigen::VectorXd> total(room, gr);
    total = dl.rowwise().sum();
    detail::MutableMap(adj + ia, gr, gc) += dl - (l.array().exp().colwise() * total.array()).matrix();
  });
}

// ---- fused losses (one tape entry each) ----

// Mean squared error mean((pred − target)²) over all elements; equal shapes.
// Backward dPred += 2·dy·(pred − target)/N, dTarget −= the same (the residual recomputed from
// the kept operands: cheaper than storing it).
inline Var mse(const MatrixVar& pred, const MatrixVar& target) {
  if (pred.rows() != target.rows() || pred.cols() != target.cols())
    throw ShapeError("mse", shape_of(pred), shape_of(target),
                     "the prediction and the target need the same shape");
  const bool recorded = MatrixRecorder::any_recorded(pred, target);
  const Eigen::Index n = pred.size();
  const Eigen::Map<const Eigen::ArrayXd> p(pred.data(), n), t(target.data(), n);
  const double y = (p - t).square().sum() / double(n);
  return MatrixRecorder::record_scalar(
      "mse", y, recorded, [ip = Operand(pred), it = Operand(target), n](double* adj, NodeIndex first) {
        const double k = 2.0 * adj[first] / double(n);
        const Eigen::Map<const Eigen::ArrayXd> p(ip.data(), n), t(it.data(), n);
        if (ip.recorded()) Eigen::Map<Eigen::ArrayXd>(adj + ip.node, n) += k * (p - t);
        if (it.recorded()) Eigen::Map<Eigen::ArrayXd>(adj + it.node, n) -= k * (p - t);
      });
}

// Binary cross-entropy of labels y ∈ [0, 1] given logits z, averaged over all elements:
// mean(softplus(z) − y·z), which is −mean(y·log σ(z) + (1 − y)·log(1 − σ(z))) computed without
// overflow as softplus(z) = max(z, 0) + log1p(e), e = exp(−|z|). Backward dz += dy·(σ(z) − y)/N,
// dLabels += −dy·z/N, with σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) below, from the kept e.
// Equal shapes.
inline Var bce_with_logits(const MatrixVar& logits, const MatrixVar& labels) {
  if (logits.rows() != labels.rows() || logits.cols() != labels.cols())
    throw ShapeError("bce_with_logits", shape_of(logits), shape_of(labels),
                     "the logits and the labels need the same shape");
  const bool recorded = MatrixRecorder::any_recorded(logits, labels);
  const Eigen::Index n = logits.size();
  const Eigen::Map<const Eigen::ArrayXd> z(logits.data(), n), t(labels.data(), n);
  Eigen::ArrayXd unkept;
  double* room = recorded ? MatrixRecorder::keep(n) : (unkept.resize(n), unkept.data());
  Eigen::Map<Eigen::ArrayXd> e(room, n);
  e = (-z.abs()).exp();
  const double total = (z.max(0.0) + e.log1p() - t * z).sum();
  return MatrixRecorder::record_scalar(
      "bce_with_logits", total / double(n), recorded,
      [iz = Operand(logits), it = Operand(labels), n, room](double* adj, NodeIndex first) {
        const double k = adj[first] / double(n);
        const Eigen::Map<const Eigen::ArrayXd> z(iz.data(), n), t(it.data(), n), e(room, n);
        if (iz.recorded())
          Eigen::Map<Eigen::ArrayXd>(adj + iz.node, n) +=
              k * ((z >= 0.0).select(1.0, e) / (1.0 + e) - t);
        if (it.recorded()) Eigen::Map<Eigen::ArrayXd>(adj + it.node, n) -= k * z;
      });
}

// Softmax cross-entropy with integer class labels: logits is n×k (one row per sample), labels[i]
// in [0, k) is row i's class; the loss is mean_i(log Σ_j exp z_ij − z_i,label_i).
// Backward dZ += dy·(softmax(Z) − onehot(labels))/n, softmax from the kept log Σ exp of each row.
inline Var softmax_cross_entropy(const MatrixVar& logits, std::span<const int> labels) {
  const Eigen::Index n = logits.rows(), k = logits.cols();
  if (Eigen::Index(labels.size()) != n)
    throw ShapeError("softmax_cross_entropy", shape_of(logits),
                     {static_cast<std::int64_t>(labels.size()), 1},
                     "there must be one label per row of the logits");
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] < 0 || labels[i] >= k)
      throw Error("softmax_cross_entropy: label " + std::to_string(labels[i]) + " of row " +
                  std::to_string(i) + " is not a class index in [0, " + std::to_string(k) +
                  "); labels must count classes from 0");
  const bool recorded = MatrixRecorder::any_recorded(logits);
  const detail::ConstMap z(logits.data(), n, k);
  Eigen::VectorXd unkept;
  double* room = recorded ? MatrixRecorder::keep(n) : (unkept.resize(n), unkept.data());
  Eigen::Map<Eigen::VectorXd> lse(room, n);
  detail::row_log_sum_exp(z, lse);
  double total = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) total += lse[i] - z(i, labels[std::size_t(i)]);
  // The labels, kept for the backward (the caller's span may not outlive the recording).
  int* classes = nullptr;
  if (recorded) {
    classes = static_cast<int*>(
        active_tape<double>().arena().allocate(std::max<std::size_t>(labels.size(), 1) * sizeof(int)));
    std::copy(labels.begin(), labels.end(), classes);
  }
  return MatrixRecorder::record_scalar(
      "softmax_cross_entropy", n == 0 ? 0.0 : total / double(n), recorded,
      [iz = Operand(logits), room, classes, n, k](double* adj, NodeIndex first) {
        const double scale = adj[first] / double(n);
        const detail::ConstMap z(iz.data(), n, k);
        const Eigen::Map<const Eigen::VectorXd> lse(room, n);
        auto dz = MatrixRecorder::adjoint_block(adj, iz.node, n, k);
        dz += scale * (z.colwise() - lse).array().exp().matrix();
        for (Eigen::Index i = 0; i < n; ++i) dz(i, classes[i]) -= scale;
      });
}
inline Var softmax_cross_entropy(const MatrixVar& logits, const Eigen::VectorXi& labels) {
  return softmax_cross_entropy(logits, std::span<const int>(labels.data(), std::size_t(labels.size())));
}

}  // namespace tapegrad
