// SPDX-License-Identifier: MIT
// MatrixVar: a matrix-valued variable recorded at matrix level. It holds its value and the first
// node of a contiguous block of nodes on the tape, one per element in column-major order, so its
// adjoint is a contiguous block of the adjoint array that Eigen::Map reads directly. An element is
// a Var on that node (no new node). A MatrixVar made from a plain Eigen matrix is a constant:
// operations on constants only record nothing.
// Storage: a constant's value is shared and immutable (copying the MatrixVar, or an op that needs
// it in its backward, shares it: no copy); a recorded matrix's value lives in its tape's arena
// (block_arena.hpp), so a rewound training loop allocates nothing.
// The operations live in matrix_ops.hpp; this header also offers the recording helpers they and
// custom ops (custom_op.hpp) use.
#pragma once

#include <Eigen/Core>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "autodiff/block_arena.hpp"
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
  // Makes one shared copy of `value` (moved in, not copied, from an rvalue): build data constants
  // once, outside a training loop.
  MatrixVar(Eigen::MatrixXd value)  // NOLINT: implicit, like data
      : rows_(value.rows()), cols_(value.cols()) {
    auto shared = std::make_shared<const Eigen::MatrixXd>(std::move(value));
    storage_ = {shared, reinterpret_cast<const std::byte*>(shared->data())};
  }
  // The same from any Eigen matrix expression of doubles (Eigen::MatrixXd::Ones(1, 4), A.transpose()).
  template <class Derived>
    requires std::same_as<typename Derived::Scalar, double>
  MatrixVar(const Eigen::MatrixBase<Derived>& value)  // NOLINT: implicit
      : MatrixVar(Eigen::MatrixXd(value)) {}
  // A scalar Var as a 1×1 matrix on the Var's own node (no new node): how scalars broadcast.
  explicit MatrixVar(const Var& scalar) : rows_(1), cols_(1), scalar_(scalar.value()), first_(scalar) {}

  // A new block of input nodes on `tape` holding `value`: parameters or data to differentiate by.
  static MatrixVar input(Tape& tape, const Eigen::Ref<const Eigen::MatrixXd>& value) {
    if (value.size() == 0) return MatrixVar(Eigen::MatrixXd(value));
    const ArenaMark before = tape.arena().mark();
    try {
      std::size_t chunk = 0;
      double* data = allocate_recorded(tape, value.size(), &chunk);
      Eigen::Map<Eigen::MatrixXd>(data, value.rows(), value.cols()) = value;
      const Var first = tape.inputs(std::span<const double>(data, std::size_t(value.size())));
      return recorded(tape, chunk, data, value.rows(), value.cols(), first);
    } catch (...) {
      tape.arena().rewind(before);  // a failed input leaves the tape as it was
      throw;
    }
  }
  // The same on the active tape.
  static MatrixVar input(const Eigen::Ref<const Eigen::MatrixXd>& value) {
    return input(active_tape<double>(), value);
  }
  // A constant (the same as the implicit conversion, spelled out).
  static MatrixVar constant(Eigen::MatrixXd value) { return MatrixVar(std::move(value)); }

  Eigen::Index rows() const noexcept { return rows_; }
  Eigen::Index cols() const noexcept { return cols_; }
  Eigen::Index size() const noexcept { return rows_ * cols_; }
  // The value. For a recorded matrix it stays readable until its tape records over it after a
  // rewind; reading it then throws StaleVarError (it never reads freed memory).
  Eigen::Map<const Eigen::MatrixXd> value() const {
    if (has_stamp()) check_stamp();
    return {data(), rows_, cols_};
  }
  // The value's elements (column-major) without the staleness check of value(): for ops, which
  // check a recorded operand on the active tape first.
  const double* data() const noexcept {
    return storage_ ? reinterpret_cast<const double*>(storage_.get()) : &scalar_;
  }
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

  // The shared storage of a constant (null otherwise): what an op keeps to read it in backward.
  const std::shared_ptr<const std::byte>& constant_storage() const noexcept {
    static const std::shared_ptr<const std::byte> none;
    return is_recorded() ? none : storage_;
  }

 private:
  friend struct MatrixRecorder;
  friend class Operand;

  // A recorded value's storage in the arena: a stamp (which recording, which first node) in front
  // of the elements, so that value() can tell when a rewind has let the tape reuse the memory.
  struct Stamp {
    std::uint64_t magic;
    std::uint32_t recording;
    NodeIndex first;
  };
  static constexpr std::uint64_t stamp_magic = 0x7461706567726164;  // "tapegrad"
  static constexpr std::size_t header_bytes = BlockArena::alignment;  // keeps the data aligned

  static double* allocate_recorded(Tape& tape, Eigen::Index n, std::size_t* chunk) {
    auto* p = static_cast<std::byte*>(
        tape.arena().allocate(header_bytes + std::size_t(n) * sizeof(double), chunk));
    return reinterpret_cast<double*>(p + header_bytes);
  }
  // The MatrixVar of a value written at `data` (from allocate_recorded) whose first node is `first`.
  static MatrixVar recorded(Tape& tape, std::size_t chunk, double* data, Eigen::Index rows,
                            Eigen::Index cols, const Var& first) {
    const Stamp stamp{stamp_magic, first.stamp(), first.index()};
    std::memcpy(reinterpret_cast<std::byte*>(data) - sizeof(Stamp), &stamp, sizeof stamp);
    MatrixVar m;
    m.rows_ = rows;
    m.cols_ = cols;
    m.storage_ = tape.arena().share(chunk, data);
    m.first_ = first;
    return m;
  }
  bool has_stamp() const noexcept { return storage_ != nullptr && is_recorded(); }
  void check_stamp() const {
    Stamp stamp;
    std::memcpy(&stamp, storage_.get() - sizeof(Stamp), sizeof stamp);
    if (stamp.magic != stamp_magic || stamp.recording != first_.stamp() || stamp.first != first())
      throw StaleVarError(first(), "", false);
  }

  void check_index(Eigen::Index r, Eigen::Index c) const {
    if (r < 0 || r >= rows() || c < 0 || c >= cols())
      throw Error("MatrixVar: element (" + std::to_string(r) + ", " + std::to_string(c) +
                  ") out of range for a " + std::to_string(rows()) + "×" +
                  std::to_string(cols()) + " matrix");
  }
  Var element(Eigen::Index i) const {
    if (!is_recorded()) return Var(data()[i]);
    Tape& tape = active_tape<double>();
    tape.check(first_);
    return tape.var_at(first() + static_cast<NodeIndex>(i));
  }

  Eigen::Index rows_ = 0;
  Eigen::Index cols_ = 0;
  // The elements: a constant's shared matrix, or the arena of the tape that recorded this;
  // null for a 1×1 made from a Var, whose value is scalar_.
  std::shared_ptr<const std::byte> storage_;
  double scalar_ = 0.0;
  Var first_;  // the node of element 0, or a constant
};

// The shape of a matrix for error messages.
inline ShapeError::Shape shape_of(const MatrixVar& m) { return {m.rows(), m.cols()}; }
template <class Derived>
ShapeError::Shape shape_of(const Eigen::DenseBase<Derived>& m) {
  return {m.rows(), m.cols()};
}

// A block op whose backward is a callable: how matrix ops become one tape entry. It lives in the
// tape's arena; `backward(adjoint_array, first)` adds into the inputs' adjoints. The name is a
// view of a string with static storage (an op's name from the rule table, a literal) or, for a
// custom op, its own std::string.
template <class F, class Name = std::string_view>
class CallableBlock final : public BlockOp<double> {
 public:
  CallableBlock(Name name, F backward) : name_(std::move(name)), backward_(std::move(backward)) {}
  void backward(std::span<double> adjoints, NodeIndex first) const override {
    backward_(adjoints.data(), first);
  }
  std::string_view name() const override { return name_; }

 private:
  Name name_;
  F backward_;
};

// An operand as a block's backward reads it: its value (shared if a constant; in the arena, which
// outlives the block, if recorded; copied if a 1×1 made from a Var), shape and first node.
class Operand {
 public:
  explicit Operand(const MatrixVar& m)
      : data_(m.storage_ ? m.data() : nullptr),
        keep_(m.constant_storage()),
        scalar_(m.storage_ ? 0.0 : m.scalar_),
        rows(m.rows()),
        cols(m.cols()),
        node(m.first()) {}
  const double* data() const noexcept { return data_ != nullptr ? data_ : &scalar_; }
  Eigen::Map<const Eigen::MatrixXd> value() const noexcept { return {data(), rows, cols}; }
  bool recorded() const noexcept { return node != no_node; }

 private:
  const double* data_;
  std::shared_ptr<const std::byte> keep_;  // a constant's storage, kept alive with the block
  double scalar_;

 public:
  Eigen::Index rows, cols;
  NodeIndex node;
};

// The recording side of MatrixVar, for ops: which operands are on the tape, where a result goes,
// and appending one block whose outputs hold it.
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

  // Where an op writes its result: the active tape's arena when the result is recorded, a new
  // shared constant otherwise. Then record() appends the block, or returns the constant.
  class Result {
   public:
    Result(bool recorded, Eigen::Index rows, Eigen::Index cols) : rows_(rows), cols_(cols) {
      if (recorded && rows * cols > 0) {
        tape_ = &active_tape<double>();
        before_ = tape_->arena().mark();
        data_ = MatrixVar::allocate_recorded(*tape_, rows * cols, &chunk_);
      } else {
        constant_ = std::make_shared<Eigen::MatrixXd>(rows, cols);
        data_ = constant_->data();
      }
    }
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
    // An op that throws before record() succeeded gives back what it took from the arena since
    // the Result was made, so the tape is as it was before the op.
    ~Result() {
      if (tape_ != nullptr && !recorded_) tape_->arena().rewind(before_);
    }
    double* data() const noexcept { return data_; }
    Eigen::Map<Eigen::MatrixXd> map() const noexcept { return {data_, rows_, cols_}; }
    // Records the result as one block op with the given backward (or returns the constant).
    template <class F, class Name = std::string_view>
    MatrixVar record(Name name, F backward) {
      if (tape_ == nullptr) return constant();
      auto* op = tape_->arena().create<CallableBlock<F, Name>>(std::move(name), std::move(backward));
      const Var first =
          tape_->record_block(std::span<const double>(data_, std::size_t(rows_ * cols_)), op);
      MatrixVar m = MatrixVar::recorded(*tape_, chunk_, data_, rows_, cols_, first);
      recorded_ = true;
      return m;
    }
    // The result as a constant, when no operand is recorded.
    MatrixVar constant() {
      MatrixVar m;
      m.rows_ = rows_;
      m.cols_ = cols_;
      m.storage_ = {constant_, reinterpret_cast<const std::byte*>(constant_->data())};
      return m;
    }

   private:
    Eigen::Index rows_, cols_;
    Tape* tape_ = nullptr;
    ArenaMark before_{};
    bool recorded_ = false;
    std::size_t chunk_ = 0;
    double* data_ = nullptr;
    std::shared_ptr<Eigen::MatrixXd> constant_;
  };

  // Room in the active tape's arena for n values that a backward keeps (rewound with the block).
  static double* keep(Eigen::Index n) {
    return active_tape<double>().arena().allocate_doubles(std::size_t(std::max<Eigen::Index>(n, 1)));
  }

  // Records an op whose result is one scalar as one block op (or returns a constant when no
  // operand is recorded).
  template <class F, class Name = std::string_view>
  static Var record_scalar(Name name, double value, bool recorded, F backward) {
    if (!recorded) return Var(value);
    Tape& tape = active_tape<double>();
    const double values[] = {value};
    const ArenaMark before = tape.arena().mark();
    auto* op = tape.arena().create<CallableBlock<F, Name>>(std::move(name), std::move(backward));
    try {
      return tape.record_block(std::span<const double>(values), op);
    } catch (...) {
      tape.arena().rewind(before);  // destroys the op: the tape is as it was
      throw;
    }
  }

 private:
  static void check_one(Tape& tape, const MatrixVar& m) {
    if (m.is_recorded()) tape.check(m.first_var());
  }
};

}  // namespace tapegrad
