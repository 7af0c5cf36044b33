// SPDX-License-Identifier: MIT
// remembered<op>(x): the value and the partial of a unary op whose value calls libm (exp, log, sin,
// ...), remembered per thread for the last x asked about.
//
// Why: a reduction over data (reduce.hpp) calls the per-sample loss once for every packet of 8
// rows, and a part of the loss that depends on the parameters only — `log(sigma)` in a normal
// likelihood — has the same input every time. libm's log costs some 20 cycles, a third of such a
// packet; the lookup costs a compare. Inputs are compared bit for bit, so −0 and +0 (sqrt, 1/x)
// and NaNs are never confused.
#pragma once

#include <bit>
#include <cstdint>

#include "autodiff/hot.hpp"
#include "autodiff/op.hpp"
#include "autodiff/op_rules.hpp"

namespace tapegrad {

// Whether op is unary and its value calls a libm function: worth remembering.
constexpr bool calls_libm(Op op) {
  switch (op) {
    case Op::exp: case Op::exp2: case Op::expm1: case Op::log: case Op::log2: case Op::log10:
    case Op::log1p: case Op::cbrt: case Op::sin: case Op::cos: case Op::tan: case Op::asin:
    case Op::acos: case Op::atan: case Op::sinh: case Op::cosh: case Op::tanh: case Op::asinh:
    case Op::acosh: case Op::atanh: case Op::erf: case Op::erfc: case Op::sigmoid:
    case Op::softplus:
      return true;
    default:
      return false;
  }
}

template <Op op>
class Remembered {
 public:
  static Remembered& here() {
    static thread_local Remembered r;
    return r;
  }
  TAPEGRAD_HOT double value(double x) {
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
    if (!known_ || bits != bits_) [[unlikely]] {
      y_ = rule<op>().value(x);
      bits_ = bits;
      known_ = true;
      has_d_ = false;
    }
    return y_;
  }
  // ∂op/∂x, where y = value(x) was the last value asked for.
  TAPEGRAD_HOT double partial(double x, double y) {
    if (!has_d_ || std::bit_cast<std::uint64_t>(x) != bits_) [[unlikely]] {
      d_ = rule<op>().d0(x, y);
      has_d_ = std::bit_cast<std::uint64_t>(x) == bits_;
    }
    return d_;
  }

 private:
  std::uint64_t bits_ = 0;
  bool known_ = false;
  bool has_d_ = false;
  double y_ = 0.0;
  double d_ = 0.0;
};

}  // namespace tapegrad
