// SPDX-License-Identifier: MIT
// BlockOp: one tape entry for an operation with many outputs — a matrix product, a reduction, a
// user's custom operation. Its outputs are a contiguous block of nodes (so their adjoints are a
// contiguous block of the adjoint array, ready for Eigen::Map), and its backward is a
// vector-Jacobian product: read the outputs' adjoints, add into the inputs' adjoints.
#pragma once

#include <span>
#include <string_view>

#include "autodiff/var.hpp"

namespace tapegrad {

template <class S>
class BlockOp {
 public:
  virtual ~BlockOp() = default;
  // Adds ∂loss/∂input = Σ_out adjoint(out)·∂out/∂input into the inputs' adjoints. `adjoints` is
  // the whole adjoint array indexed by node; `first` is this block's first output node.
  virtual void backward(std::span<S> adjoints, NodeIndex first) const = 0;
  // The operation's name, for explain and error messages.
  virtual std::string_view name() const = 0;
};

}  // namespace tapegrad
