// SPDX-License-Identifier: MIT
// The exceptions tapegrad throws. Library code never prints or exits: every misuse and every
// domain error is one of these, carrying what went wrong and where, so that tests can inspect it
// and `main` can map it to a message and an exit code.
#pragma once

#include <cstdint>
#include <string_view>
#include <string>
#include <vector>

#include "autodiff/error_base.hpp"
#include "autodiff/op.hpp"

namespace tapegrad {

// Using the tape the wrong way: no active tape, a Var from elsewhere, a full tape, a bad position.
class TapeMisuseError : public Error {
 public:
  using Error::Error;
};

// An operation on a recorded Var while no tape is active on this thread.
class NoActiveTapeError : public TapeMisuseError {
 public:
  NoActiveTapeError();
};

// A Var recorded on another tape than the active one.
class ForeignVarError : public TapeMisuseError {
 public:
  ForeignVarError(std::uint32_t node, const std::string& name);
};

// A Var whose node was discarded by a rewind of the tape (or, when that cannot be told apart,
// that belongs to another tape).
class StaleVarError : public TapeMisuseError {
 public:
  StaleVarError(std::uint32_t node, const std::string& name, bool may_be_foreign);
};

// A rewind to a position that is not a place on this tape now: it was taken on another tape, or
// an earlier rewind to an earlier position discarded it.
class BadPositionError : public TapeMisuseError {
 public:
  enum class Reason { foreign, discarded };
  BadPositionError(std::uint32_t nodes, Reason reason);
  Reason reason() const noexcept { return reason_; }

 private:
  Reason reason_;
};

// Using a tape from a thread other than the one that has it active (tape.hpp: one tape, one
// thread at a time).
class TapeThreadError : public TapeMisuseError {
 public:
  // `operation`: what was attempted ("activate", "record", "rewind", ...).
  explicit TapeThreadError(const char* operation);
};

// Recording one more node would exceed the tape's node limit (the 32-bit index or
// TapeOptions::max_nodes).
class TapeFullError : public TapeMisuseError {
 public:
  explicit TapeFullError(std::uint64_t max_nodes);
};

// In checked mode: an operation left its domain, or turned finite inputs into NaN or ±∞
// (in its value or in a partial).
class DomainError : public Error {
 public:
  struct Input {
    double value;
    std::string name;  // the input's name on the tape, or "" for a constant or unnamed node
  };
  DomainError(Op op, std::vector<Input> inputs, std::string problem);

  Op op() const noexcept { return op_; }
  const std::vector<Input>& inputs() const noexcept { return inputs_; }
  const std::string& problem() const noexcept { return problem_; }

 protected:
  // For a subclass that words the whole message itself.
  DomainError(std::string message, Op op, std::vector<Input> inputs, std::string problem);

 private:
  Op op_;
  std::vector<Input> inputs_;
  std::string problem_;
};

// Anomaly mode's backward half (checked mode): a step of the reverse pass turned finite numbers
// into ±∞ — adjoint · partial overflowed, or the paths meeting at a node added up past the largest
// double. Names the node that passed the adjoint down (its op and name; op() is Op::block for a
// block op such as matmul, named in the message), its recorded inputs, and the input whose
// adjoint overflowed.
class BackwardDomainError : public DomainError {
 public:
  BackwardDomainError(Op op, std::string op_name, std::uint32_t node, const std::string& node_name,
                      std::vector<Input> inputs, std::uint32_t input, const std::string& input_name,
                      std::string problem);

  std::uint32_t node() const noexcept { return node_; }    // the node whose step overflowed
  std::uint32_t input() const noexcept { return input_; }  // the input whose adjoint did

 private:
  std::uint32_t node_;
  std::uint32_t input_;
};

// The sentences of anomaly mode's backward half (tape_anomaly.hpp), in the chosen language: a block
// op's vector-Jacobian product that made an adjoint infinite, adjoint · partial overflowing, and
// the paths meeting at a node adding up past the largest double.
namespace detail {
std::string block_overflow(std::string_view op, std::uint32_t first, std::uint32_t last, double value);
std::string product_overflow(double adjoint, double partial);
std::string sum_overflow(double adjoint, double product);
}  // namespace detail

// A matrix operation got operands whose shapes do not fit together. The message names the
// operation, both shapes and what the operation expects.
class ShapeError : public Error {
 public:
  struct Shape {
    std::int64_t rows;
    std::int64_t cols;
  };
  ShapeError(std::string operation, Shape a, Shape b, std::string expected);

  const std::string& operation() const noexcept { return operation_; }
  Shape a() const noexcept { return a_; }
  Shape b() const noexcept { return b_; }

 private:
  std::string operation_;
  Shape a_;
  Shape b_;
};

}  // namespace tapegrad
