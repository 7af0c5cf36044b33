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
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>
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

// `m` repeated to rows × cols (m is that shape already, or 1 in the dimensions that differ).
// Refers to m itself when no repetition is needed, so the common equal-shape case copies nothing.
class Expanded {
 public:
  Expanded(const MatrixXd& m, Index rows, Index cols) : p_(&m) {
    if (m.rows() == rows && m.cols() == cols) return;
    storage_ = m.replicate(m.rows() == rows ? 1 : rows, m.cols() == cols ? 1 : cols);
    p_ = &storage_;
  }
  const MatrixXd& operator*() const { return *p_; }

 private:
  MatrixXd storage_;
  const MatrixXd* p_;
};

// Adds g (rows_g × cols_g) into the adjoint block of an operand of shape rows × cols, summing g
// over the dimensions along which that operand was broadcast (the adjoint of repetition).
template <class G>
void accumulate(double* adjoints, NodeIndex node, Index rows, Index cols, const G& g) {
  auto a = MatrixRecorder::adjoint_block(adjoints, node, rows, cols);
  const bool same_rows = g.rows() == rows, same_cols = g.cols() == cols;
  if (same_rows && same_cols)
    a += g;
  else if (same_rows)
    a += g.rowwise().sum();
  else if (same_cols)
    a += g.colwise().sum();
  else
    a.array() += g.sum();
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

// An elementwise unary op from the rule table: value and partial from the op's row, computed
// while recording (a Jacobian tape at matrix level); backward dA += dY ⊙ P.
template <Op op>
MatrixVar elementwise(const MatrixVar& a) {
  const auto& row = rule<op>();
  const Index n = a.size();
  MatrixXd y(a.rows(), a.cols());
  for (Index k = 0; k < n; ++k) y.data()[k] = row.value(a.value().data()[k]);
  if (!MatrixRecorder::any_recorded(a)) return y;
  MatrixXd p(a.rows(), a.cols());
  for (Index k = 0; k < n; ++k) p.data()[k] = row.d0(a.value().data()[k], y.data()[k]);
  const Tape& tape = active_tape<double>();
  if (tape.options().checked) [[unlikely]] {
    for (Index k = 0; k < n; ++k)
      check_element<op>(tape, {a.value().data()[k]}, {p.data()[k]}, {true}, y.data()[k], k,
                        a.rows(), a.cols());
  }
  const NodeIndex ia = a.first();
  const Index r = a.rows(), c = a.cols();
  return MatrixRecorder::record(row.info.name, std::move(y), true,
                                [ia, r, c, p = std::move(p)](double* adj, NodeIndex first) {
                                  MatrixRecorder::adjoint_block(adj, ia, r, c).array() +=
                                      MatrixRecorder::adjoint_block(adj, first, r, c).array() *
                                      p.array();
                                });
}

// An elementwise binary op from the rule table, with broadcasting; the partials are computed
// while recording, backward adds dY ⊙ P into each recorded operand (summed over broadcast
// dimensions).
template <Op op>
MatrixVar elementwise(const MatrixVar& a, const MatrixVar& b) {
  const auto& row = rule<op>();
  const auto [r, c] = broadcast_shape(row.info.name, a, b);
  const Expanded ea(a.value(), r, c), eb(b.value(), r, c);
  const double* av = (*ea).data();
  const double* bv = (*eb).data();
  const Index n = r * c;
  MatrixXd y(r, c);
  for (Index k = 0; k < n; ++k) y.data()[k] = row.value(av[k], bv[k]);
  if (!MatrixRecorder::any_recorded(a, b)) return y;
  const bool ra = a.is_recorded(), rb = b.is_recorded();
  MatrixXd pa(ra ? r : 0, ra ? c : 0), pb(rb ? r : 0, rb ? c : 0);
  for (Index k = 0; k < n; ++k) {
    if (ra) pa.data()[k] = row.d0(av[k], bv[k], y.data()[k]);
    if (rb) pb.data()[k] = row.d1(av[k], bv[k], y.data()[k]);
  }
  const Tape& tape = active_tape<double>();
  if (tape.options().checked) [[unlikely]] {
    for (Index k = 0; k < n; ++k)
      check_element<op>(tape, {av[k], bv[k]}, {ra ? pa.data()[k] : 0.0, rb ? pb.data()[k] : 0.0},
                        {ra, rb}, y.data()[k], k, r, c);
  }
  const NodeIndex ia = a.first(), ib = b.first();
  const Index ar = a.rows(), ac = a.cols(), br = b.rows(), bc = b.cols();
  return MatrixRecorder::record(
      row.info.name, std::move(y), true,
      [=, r = r, c = c, pa = std::move(pa), pb = std::move(pb)](double* adj, NodeIndex first) {
        const auto dy = MatrixRecorder::adjoint_block(adj, first, r, c);
        if (ia != no_node) accumulate(adj, ia, ar, ac, dy.cwiseProduct(pa));
        if (ib != no_node) accumulate(adj, ib, br, bc, dy.cwiseProduct(pb));
      });
}

// A reduction of a to rows × cols (1×1: everything; m×1: each row; 1×n: each column), times
// `scale` (1 for sums, 1/count for means). Backward repeats the adjoint back over a's shape.
inline MatrixVar reduce(std::string_view name, const MatrixVar& a, Index rows, Index cols,
                        double scale) {
  MatrixXd y;
  if (rows == 1 && cols == 1)
    y = MatrixXd::Constant(1, 1, a.value().sum() * scale);
  else if (cols == 1)
    y = a.value().rowwise().sum() * scale;
  else
    y = a.value().colwise().sum() * scale;
  const bool recorded = MatrixRecorder::any_recorded(a);
  const NodeIndex ia = a.first();
  const Index ar = a.rows(), ac = a.cols();
  return MatrixRecorder::record(name, std::move(y), recorded,
                                [=](double* adj, NodeIndex first) {
                                  auto da = MatrixRecorder::adjoint_block(adj, ia, ar, ac);
                                  const auto dy = MatrixRecorder::adjoint_block(adj, first, rows, cols);
                                  if (rows == 1 && cols == 1)
                                    da.array() += dy(0, 0) * scale;
                                  else if (cols == 1)
                                    da.colwise() += (dy * scale).col(0);
                                  else
                                    da.rowwise() += (dy * scale).row(0);
                                });
}

// The element of a 1×1 MatrixVar as a Var (used by reductions to a scalar).
inline Var only_element(const MatrixVar& m) { return m(0, 0); }

// Rows of m as the groups softmax normalises: a vector (one row or one column) is one group.
inline bool is_column_vector(const MatrixXd& m) { return m.cols() == 1 && m.rows() != 1; }

// The stable softmax of each row: exp(z − max) / Σ exp(z − max).
inline MatrixXd row_softmax(const MatrixXd& z) {
  MatrixXd s = (z.colwise() - z.rowwise().maxCoeff()).array().exp().matrix();
  s.array().colwise() /= s.rowwise().sum().array();
  return s;
}
// log Σ_j exp(z_ij) for each row, as max + log Σ exp(z − max) (never overflows).
inline Eigen::VectorXd row_log_sum_exp(const MatrixXd& z) {
  Eigen::VectorXd m = z.rowwise().maxCoeff();
  for (Index i = 0; i < m.size(); ++i)
    if (!std::isfinite(m[i])) m[i] = 0.0;  // all −∞ (or ±∞): leave the sum to say so
  return m.array() + (z.colwise() - m).array().exp().rowwise().sum().log();
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
inline MatrixVar matmul(const MatrixVar& a, const MatrixVar& b) {
  if (a.cols() != b.rows())
    throw ShapeError("matmul", shape_of(a), shape_of(b),
                     "the matrix product a·b needs a's column count to equal b's row count");
  Eigen::MatrixXd c = a.value() * b.value();
  const bool recorded = MatrixRecorder::any_recorded(a, b);
  if (!recorded) return c;
  // Keep only what the backward reads: B for dA, A for dB (data matrices are not copied).
  Eigen::MatrixXd av = b.is_recorded() ? a.value() : Eigen::MatrixXd();
  Eigen::MatrixXd bv = a.is_recorded() ? b.value() : Eigen::MatrixXd();
  const NodeIndex ia = a.first(), ib = b.first();
  const Eigen::Index m = a.rows(), k = a.cols(), n = b.cols();
  return MatrixRecorder::record(
      "matmul", std::move(c), true,
      [=, av = std::move(av), bv = std::move(bv)](double* adj, NodeIndex first) {
        const auto dc = MatrixRecorder::adjoint_block(adj, first, m, n);
        if (ia != no_node) MatrixRecorder::adjoint_block(adj, ia, m, k).noalias() += dc * bv.transpose();
        if (ib != no_node) MatrixRecorder::adjoint_block(adj, ib, k, n).noalias() += av.transpose() * dc;
      });
}
inline MatrixVar operator*(const MatrixVar& a, const MatrixVar& b) { return matmul(a, b); }

// Aᵀ; backward dA += dCᵀ.
inline MatrixVar transpose(const MatrixVar& a) {
  const bool recorded = MatrixRecorder::any_recorded(a);
  const NodeIndex ia = a.first();
  const Eigen::Index r = a.rows(), c = a.cols();
  return MatrixRecorder::record("transpose", a.value().transpose(), recorded,
                                [=](double* adj, NodeIndex first) {
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
inline Var sum(const MatrixVar& a) { return detail::only_element(detail::reduce("sum", a, 1, 1, 1.0)); }
inline Var mean(const MatrixVar& a) {
  return detail::only_element(detail::reduce("mean", a, 1, 1, 1.0 / double(a.size())));
}
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
  const double y = a.value().cwiseProduct(b.value()).sum();
  if (!recorded) return Var(y);
  Eigen::MatrixXd av = b.is_recorded() ? a.value() : Eigen::MatrixXd();
  Eigen::MatrixXd bv = a.is_recorded() ? b.value() : Eigen::MatrixXd();
  const NodeIndex ia = a.first(), ib = b.first();
  const Eigen::Index r = a.rows(), c = a.cols();
  return MatrixRecorder::record_scalar(
      "dot", y, true, [=, av = std::move(av), bv = std::move(bv)](double* adj, NodeIndex first) {
        const double dy = adj[first];
        if (ia != no_node) MatrixRecorder::adjoint_block(adj, ia, r, c) += dy * bv;
        if (ib != no_node) MatrixRecorder::adjoint_block(adj, ib, r, c) += dy * av;
      });
}

// Σ a_ij²; backward dA += 2·dy·A.
inline Var squared_norm(const MatrixVar& a) {
  const bool recorded = MatrixRecorder::any_recorded(a);
  const NodeIndex ia = a.first();
  const Eigen::Index r = a.rows(), c = a.cols();
  return MatrixRecorder::record_scalar(
      "squared_norm", a.value().squaredNorm(), recorded,
      [=, av = recorded ? a.value() : Eigen::MatrixXd()](double* adj, NodeIndex first) {
        MatrixRecorder::adjoint_block(adj, ia, r, c) += (2.0 * adj[first]) * av;
      });
}

// log Σ exp(a_ij) over all elements, as max + log Σ exp(a − max); backward dA += dy·softmax(a).
inline Var log_sum_exp(const MatrixVar& a) {
  const bool recorded = MatrixRecorder::any_recorded(a);
  const Eigen::Map<const Eigen::MatrixXd> flat(a.value().data(), 1, a.size());
  const double y = detail::row_log_sum_exp(flat)[0];
  const NodeIndex ia = a.first();
  const Eigen::Index r = a.rows(), c = a.cols();
  return MatrixRecorder::record_scalar(
      "log_sum_exp", y, recorded,
      [=, s = recorded ? Eigen::MatrixXd((a.value().array() - y).exp()) : Eigen::MatrixXd()](
          double* adj, NodeIndex first) {
        MatrixRecorder::adjoint_block(adj, ia, r, c) += adj[first] * s;
      });
}

// softmax of each row of a matrix, or of the whole of a vector (one row or one column):
// exp(z − max)/Σ exp(z − max). Backward dZ = S ⊙ (dS − Σ_row dS ⊙ S).
inline MatrixVar softmax(const MatrixVar& a) {
  const bool column = detail::is_column_vector(a.value());
  const Eigen::MatrixXd z = column ? Eigen::MatrixXd(a.value().transpose()) : a.value();
  Eigen::MatrixXd s = detail::row_softmax(z);
  const bool recorded = MatrixRecorder::any_recorded(a);
  const NodeIndex ia = a.first();
  const Eigen::Index r = a.rows(), c = a.cols();
  Eigen::MatrixXd y = column ? Eigen::MatrixXd(s.transpose()) : s;
  return MatrixRecorder::record(
      "softmax", std::move(y), recorded,
      [=, s = recorded ? std::move(s) : Eigen::MatrixXd()](double* adj, NodeIndex first) {
        const auto dy = MatrixRecorder::adjoint_block(adj, first, r, c);
        const Eigen::MatrixXd ds = column ? Eigen::MatrixXd(dy.transpose()) : Eigen::MatrixXd(dy);
        const Eigen::VectorXd inner = ds.cwiseProduct(s).rowwise().sum();
        const Eigen::MatrixXd dz = s.cwiseProduct(ds.colwise() - inner);
        auto da = MatrixRecorder::adjoint_block(adj, ia, r, c);
        if (column)
          da += dz.transpose();
        else
          da += dz;
      });
}

// log softmax, row by row as softmax: z − log Σ exp(z). Backward dZ = dL − S ⊙ Σ_row dL.
inline MatrixVar log_softmax(const MatrixVar& a) {
  const bool column = detail::is_column_vector(a.value());
  const Eigen::MatrixXd z = column ? Eigen::MatrixXd(a.value().transpose()) : a.value();
  const Eigen::MatrixXd l = z.colwise() - detail::row_log_sum_exp(z);
  const bool recorded = MatrixRecorder::any_recorded(a);
  const NodeIndex ia = a.first();
  const Eigen::Index r = a.rows(), c = a.cols();
  Eigen::MatrixXd y = column ? Eigen::MatrixXd(l.transpose()) : l;
  return MatrixRecorder::record(
      "log_softmax", std::move(y), recorded,
      [=, s = recorded ? Eigen::MatrixXd(l.array().exp()) : Eigen::MatrixXd()](double* adj,
                                                                             NodeIndex first) {
        const auto dy = MatrixRecorder::adjoint_block(adj, first, r, c);
        const Eigen::MatrixXd dl = column ? Eigen::MatrixXd(dy.transpose()) : Eigen::MatrixXd(dy);
        const Eigen::MatrixXd dz = dl - s.cwiseProduct(dl.rowwise().sum().replicate(1, s.cols()));
        auto da = MatrixRecorder::adjoint_block(adj, ia, r, c);
        if (column)
          da += dz.transpose();
        else
          da += dz;
      });
}

// ---- fused losses (one tape entry each) ----

// Mean squared error mean((pred − target)²) over all elements; equal shapes.
// Backward dPred += 2·dy·(pred − target)/N, dTarget −= the same.
inline Var mse(const MatrixVar& pred, const MatrixVar& target) {
  if (pred.rows() != target.rows() || pred.cols() != target.cols())
    throw ShapeError("mse", shape_of(pred), shape_of(target),
                     "the prediction and the target need the same shape");
  const bool recorded = MatrixRecorder::any_recorded(pred, target);
  Eigen::MatrixXd residual = pred.value() - target.value();
  const double n = double(residual.size());
  const double y = residual.squaredNorm() / n;
  const NodeIndex ip = pred.first(), it = target.first();
  const Eigen::Index r = pred.rows(), c = pred.cols();
  return MatrixRecorder::record_scalar(
      "mse", y, recorded, [=, residual = std::move(residual)](double* adj, NodeIndex first) {
        const double k = 2.0 * adj[first] / n;
        if (ip != no_node) MatrixRecorder::adjoint_block(adj, ip, r, c) += k * residual;
        if (it != no_node) MatrixRecorder::adjoint_block(adj, it, r, c) -= k * residual;
      });
}

// Binary cross-entropy of labels y ∈ [0, 1] given logits z, averaged over all elements:
// mean(softplus(z) − y·z), which is −mean(y·log σ(z) + (1 − y)·log(1 − σ(z))) computed without
// overflow. Backward dz += dy·(σ(z) − y)/N, dLabels += −dy·z/N. Equal shapes.
inline Var bce_with_logits(const MatrixVar& logits, const MatrixVar& labels) {
  if (logits.rows() != labels.rows() || logits.cols() != labels.cols())
    throw ShapeError("bce_with_logits", shape_of(logits), shape_of(labels),
                     "the logits and the labels need the same shape");
  const bool recorded = MatrixRecorder::any_recorded(logits, labels);
  const auto& softplus_row = rule<Op::softplus>();
  const auto& sigmoid_row = rule<Op::sigmoid>();
  const Eigen::MatrixXd& z = logits.value();
  const Eigen::MatrixXd& t = labels.value();
  const double n = double(z.size());
  double total = 0.0;
  Eigen::MatrixXd g(z.rows(), z.cols());
  for (Eigen::Index k = 0; k < z.size(); ++k) {
    total += softplus_row.value(z.data()[k]) - t.data()[k] * z.data()[k];
    g.data()[k] = sigmoid_row.value(z.data()[k]) - t.data()[k];
  }
  const NodeIndex iz = logits.first(), it = labels.first();
  const Eigen::Index r = z.rows(), c = z.cols();
  return MatrixRecorder::record_scalar(
      "bce_with_logits", total / n, recorded,
      [=, g = std::move(g), zv = labels.is_recorded() ? z : Eigen::MatrixXd()](double* adj,
                                                                              NodeIndex first) {
        const double k = adj[first] / n;
        if (iz != no_node) MatrixRecorder::adjoint_block(adj, iz, r, c) += k * g;
        if (it != no_node) MatrixRecorder::adjoint_block(adj, it, r, c) -= k * zv;
      });
}

// Softmax cross-entropy with integer class labels: logits is n×k (one row per sample), labels[i]
// in [0, k) is row i's class; the loss is mean_i(log Σ_j exp z_ij − z_i,label_i).
// Backward dZ += dy·(softmax(Z) − onehot(labels))/n.
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
  const Eigen::MatrixXd& z = logits.value();
  const Eigen::VectorXd lse = detail::row_log_sum_exp(z);
  double total = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) total += lse[i] - z(i, labels[std::size_t(i)]);
  Eigen::MatrixXd g;
  if (recorded) {
    g = (z.colwise() - lse).array().exp().matrix();
    for (Eigen::Index i = 0; i < n; ++i) g(i, labels[std::size_t(i)]) -= 1.0;
  }
  const NodeIndex iz = logits.first();
  return MatrixRecorder::record_scalar(
      "softmax_cross_entropy", n == 0 ? 0.0 : total / double(n), recorded,
      [=, g = std::move(g)](double* adj, NodeIndex first) {
        MatrixRecorder::adjoint_block(adj, iz, n, k) += (adj[first] / double(n)) * g;
      });
}
inline Var softmax_cross_entropy(const MatrixVar& logits, const Eigen::VectorXi& labels) {
  return softmax_cross_entropy(logits, std::span<const int>(labels.data(), std::size_t(labels.size())));
}

}  // namespace tapegrad
