// SPDX-License-Identifier: MIT
// MatrixVar: a matrix-valued variable recorded at matrix level. It holds its value (an
// Eigen::MatrixXd) and the first node of a contiguous block of nodes on the tape, one per element
// in column-major order, so its adjoint is a contiguous block of the adjoint array that
// Eigen::Map reads directly. An element is a Var on that node (no new node). A MatrixVar made from
// a plain Eigen matrix is a constant: operations on constants only record nothing.
// The operations live in matrix_ops.hpp; this header also offers the recording helpers they and
// custom ops (custom_op.hpp) use.
#pragma once

#include <Eigen/Core>
#include <concepts>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "autodiff/block_op.hpp"
#include "autodiff/errors.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var.hpp"

namespace tapegrad {

class MatrixVar {
 public:
  // The empty constant (0×0).
  MatrixVar() = default;
  // A constant: records nothing and has no adjoint. Implicit, so that data mixes into expressions.
  MatrixVar(Eigen::MatrixXd value) : value_(std::move(value)) {}  // NOLINT: implicit, like data
  // The same from any Eigen matrix expression of doubles (Eigen::MatrixXd::Ones(1, 4), A.transpose()).
  template <class Derived>
    requires std::same_as<typename Derived::Scalar, double>
  MatrixVar(const Eigen::MatrixBase<Derived>& value) : value_(value) {}  // NOLINT: implicit
  // A scalar Var as a 1×1 matrix on the Var's own node (no new node): how scalars broadcast.
  explicit MatrixVar(const Var& scalar) : value_(1, 1), first_(scalar) {
    value_(0, 0) = scalar.value();
  }

  // A new block of input nodes on `tape` holding `value`: parameters or data to differentiate by.
  static MatrixVar input(Tape& tape, const Eigen::MatrixXd& value) {
    if (value.size() == 0) return MatrixVar(value);
    Var first = tape.input(value.data()[0]);
    for (Eigen::Index i = 1; i < value.size(); ++i) tape.input(value.data()[i]);
    return MatrixVar(value, first);
  }
  // The same on the active tape.
  static MatrixVar input(const Eigen::MatrixXd& value) { return input(active_tape<double>(), value); }
  // A constant (the same as the implicit conversion, spelled out).
  static MatrixVar constant(Eigen::MatrixXd value) { return MatrixVar(std::move(value)); }

  Eigen::Index rows() const noexcept { return value_.rows(); }
  Eigen::Index cols() const noexcept { return value_.cols(); }
  Eigen::Index size() const noexcept { return value_.size(); }
  const Eigen::MatrixXd& value() const noexcept { return value_; }
  // Whether this matrix has nodes on a tape (is not a constant).
  bool is_recorded() const noexcept { return first_.is_recorded(); }
  // The node of element 0; element (r, c) is node first() + r + c·rows(). no_node for a constant.
  NodeIndex first() const noexcept { return first_.index(); }
  // The Var of the first node (carries the recording stamp that validity checks use).
  const Var& first_var() const noexcept { return first_; }

  // Element (r, c) as a Var on its node (a constant Var for a constant matrix). Needs the active
  // tape to be the one the matrix was recorded on.
  Var operator()(Eigen::Index r, Eigen::Index c) const {
    check_index(r, c);
    return element(r + c * rows());
  }
  // Element i in column-major order (for vectors: the i-th entry).
  Var operator[](Eigen::Index i) const {
    if (i < 0 || i >= size())
      throw Error("MatrixVar: element index " + std::to_string(i) + " out of range for a " +
                  std::to_string(rows()) + "×" + std::to_string(cols()) + " matrix");
    return element(i);
  }

  // ∂output/∂element for every element, read from a reverse sweep's adjoints (zeros for a
  // constant).
  Eigen::MatrixXd adjoint(const Adjoints<double>& adjoints) const {
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(rows(), cols());
    if (!is_recorded() || size() == 0) return g;
    (void)adjoints[first_];  // validity check: throws for a stale or foreign matrix
    const auto all = adjoints.all();
    for (Eigen::Index i = 0; i < size(); ++i) {
      const std::size_t node = std::size_t(first()) + std::size_t(i);
      g.data()[i] = node < all.size() ? all[node] : 0.0;
    }
    return g;
  }

 private:
  friend struct MatrixRecorder;
  MatrixVar(Eigen::MatrixXd value, const Var& first) : value_(std::move(value)), first_(first) {}

  void check_index(Eigen::Index r, Eigen::Index c) const {
    if (r < 0 || r >= rows() || c < 0 || c >= cols())
      throw Error("MatrixVar: element (" + std::to_string(r) + ", " + std::to_string(c) +
                  ") out of range for a " + std::to_string(rows()) + "×" +
                  std::to_string(cols()) + " matrix");
  }
  Var element(Eigen::Index i) const {
    if (!is_recorded()) return Var(value_.data()[i]);
    Tape& tape = active_tape<double>();
    tape.check(first_);
    return tape.var_at(first() + static_cast<NodeIndex>(i));
  }

  Eigen::MatrixXd value_;
  Var first_;  // the node of element 0, or a constant
};

// The shape of a matrix for error messages.
inline ShapeError::Shape shape_of(const MatrixVar& m) { return {m.rows(), m.cols()}; }
inline ShapeError::Shape shape_of(const Eigen::MatrixXd& m) { return {m.rows(), m.cols()}; }

// A block op whose backward is a callable: how matrix ops and custom ops become one tape entry.
// `backward(adjoint_array, first)` adds into the inputs' adjoints.
template <class F>
class CallableBlock final : public BlockOp<double> {
 public:
  CallableBlock(std::string name, F backward) : name_(std::move(name)), backward_(std::move(backward)) {}
  void backward(std::span<double> adjoints, NodeIndex first) const override {
    backward_(adjoints.data(), first);
  }
  std::string_view name() const override { return name_; }

 private:
  std::string name_;
  F backward_;
};

// The recording side of MatrixVar, for ops: which operands are on the tape, and appending one
// block whose outputs hold a result.
struct MatrixRecorder {
  // The adjoint block of a matrix as an Eigen matrix (column-major, rows × cols).
  static Eigen::Map<Eigen::MatrixXd> adjoint_block(double* adjoints, NodeIndex first,
                                                  Eigen::Index rows, Eigen::Index cols) {
    return {adjoints + first, rows, cols};
  }
  // Whether any operand is recorded; checks that the recorded ones are valid on the active tape.
  template <class... M>
  static bool any_recorded(const M&... m) {
    const bool any = (m.is_recorded() || ...);
    if (any) {
      Tape& tape = active_tape<double>();
      (check_one(tape, m), ...);
    }
    return any;
  }
  // Records `value` as one block op with the given backward (or returns a constant when no
  // operand is recorded).
  template <class F>
  static MatrixVar record(std::string_view name, Eigen::MatrixXd value, bool recorded, F backward) {
    if (!recorded || value.size() == 0) return MatrixVar(std::move(value));
    Tape& tape = active_tape<double>();
    const Var first = tape.record_block(
        std::span<const double>(value.data(), std::size_t(value.size())),
        std::make_unique<CallableBlock<F>>(std::string(name), std::move(backward)));
    return MatrixVar(std::move(value), first);
  }
  // The same for an op whose result is one scalar.
  template <class F>
  static Var record_scalar(std::string_view name, double value, bool recorded, F backward) {
    if (!recorded) return Var(value);
    Tape& tape = active_tape<double>();
    const double values[] = {value};
    return tape.record_block(std::span<const double>(values),
                             std::make_unique<CallableBlock<F>>(std::string(name), std::move(backward)));
  }

 private:
  static void check_one(Tape& tape, const MatrixVar& m) {
    if (m.is_recorded()) tape.check(m.first_var());
  }
};

}  // namespace tapegrad
