// SPDX-License-Identifier: MIT
// What the tape asks of its scalar type. The tape and Var are templates over the scalar (double by
// default; a forward-mode dual number gives Hessian-vector products). A scalar S must support
// + − * / with S and double, comparisons with S and double, the <cmath> functions found by
// argument-dependent lookup, and primal(S) → double: the plain number inside it.
#pragma once

#include <cmath>

namespace tapegrad {

// The plain number carried by a scalar: the identity for double. A dual number overloads this.
constexpr double primal(double x) noexcept { return x; }

// Whether a scalar is NaN, written with == so that it works for any scalar with comparisons.
template <class S>
constexpr bool is_nan(const S& x) noexcept {
  return !(x == x);
}

}  // namespace tapegrad
