// SPDX-License-Identifier: MIT
// Adjoints: what one reverse sweep of a tape computes, indexed by node (adjoints[v] = ∂output/∂v),
// checked against the tape so that a discarded or foreign Var is refused, not misread.
#pragma once

#include <span>
#include <vector>

#include "autodiff/var.hpp"

namespace tapegrad {

template <class S>
class BasicTape;

template <class S>
class Adjoints {
 public:
  Adjoints() = default;
  // ∂output/∂v; 0 for a constant.
  S operator[](const BasicVar<S>& v) const {
    if (!v.is_recorded()) return S(0);
    tape_->check(v);
    return v.index() < values_.size() ? values_[v.index()] : S(0);
  }
  std::span<const S> all() const noexcept { return values_; }

 private:
  friend class BasicTape<S>;
  const BasicTape<S>* tape_ = nullptr;
  std::vector<S> values_;
};

}  // namespace tapegrad
