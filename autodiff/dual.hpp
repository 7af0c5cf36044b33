// SPDX-License-Identifier: MIT
// Dual: a forward-mode dual number v + d·ε (ε² = 0), the scalar that turns the reverse tape into a
// second-order tool. Offers arithmetic with Dual and double, comparisons (on the value), the
// <cmath> functions the rule table uses (found by argument-dependent lookup) and primal(). With it,
// BasicTape<Dual> and BasicVar<Dual> work unchanged: recording x = Dual(x, v) and sweeping back
// gives the gradient in the values and the Hessian-vector product H·v in the tangents.
#pragma once


#include <cmath>
#include <compare>
#include <numbers>
#include <ostream>

#include "autodiff/op_rules.hpp"
#include "autodiff/scalar.hpp"

namespace tapegrad {

struct Dual {
  double v = 0.0;  // the value
  double d = 0.0;  // the tangent: the derivative along the seeded direction

  constexpr Dual() = default;
  constexpr Dual(double value, double tangent = 0.0) : v(value), d(tangent) {}  // NOLINT: implicit

  constexpr Dual& operator+=(const Dual& b) { return *this = *this + b; }
  constexpr Dual& operator-=(const Dual& b) { return *this = *this - b; }
  constexpr Dual& operator*=(const Dual& b) { return *this = *this * b; }
  constexpr Dual& operator/=(const Dual& b) { return *this = *this / b; }

  // Arithmetic: the product and quotient rules on the tangent.
  friend constexpr Dual operator+(const Dual& a, const Dual& b) { return {a.v + b.v, a.d + b.d}; }
  friend constexpr Dual operator-(const Dual& a, const Dual& b) { return {a.v - b.v, a.d - b.d}; }
  friend constexpr Dual operator*(const Dual& a, const Dual& b) {
    return {a.v * b.v, a.d * b.v + a.v * b.d};
  }
  // (a/b)' = (a' − (a/b)·b')/b
  friend constexpr Dual operator/(const Dual& a, const Dual& b) {
    const double y = a.v / b.v;
    return {y, (a.d - y * b.d) / b.v};
  }
  friend constexpr Dual operator-(const Dual& a) { return {-a.v, -a.d}; }
  friend constexpr Dual operator+(const Dual& a) { return a; }

  // Comparisons look at the value only, as branches in the rule table expect.
  friend constexpr bool operator==(const Dual& a, const Dual& b) { return a.v == b.v; }
  friend constexpr std::partial_ordering operator<=>(const Dual& a, const Dual& b) {
    return a.v <=> b.v;
  }
};

// The plain number inside a dual.
constexpr double primal(const Dual& x) noexcept { return x.v; }

inline std::ostream& operator<<(std::ostream& os, const Dual& x) {
  return os << x.v << " + " << x.d << "ε";
}

// ---- <cmath> on duals: f(v + dε) = f(v) + f'(v)·d·ε. Kept out of the rule table on purpose:
// these are the scalar's own arithmetic, like std::exp for double, not tape ops. ----
// Forward mode reads the same rule table as the tape: value and partial from the op's row,
// times the tangent. A tangent of 0 contributes nothing, so a partial that is not needed is never
// evaluated (no ln(a) for a constant exponent, no 0·∞ at sqrt(0)).
template <Op op>
Dual from_rule(const Dual& a) {
  const auto& row = rule<op>();
  const double y = row.value(a.v);
  return {y, a.d == 0.0 ? 0.0 : row.d0(a.v, y) * a.d};
}
template <Op op>
Dual from_rule(const Dual& a, const Dual& b) {
  const auto& row = rule<op>();
  const double y = row.value(a.v, b.v);
  double d = 0.0;
  if (a.d != 0.0) d += row.d0(a.v, b.v, y) * a.d;
  if (b.d != 0.0) d += row.d1(a.v, b.v, y) * b.d;
  return {y, d};
}

inline Dual exp(const Dual& a) { return from_rule<Op::exp>(a); }
inline Dual exp2(const Dual& a) { return from_rule<Op::exp2>(a); }
inline Dual expm1(const Dual& a) { return from_rule<Op::expm1>(a); }
inline Dual log(const Dual& a) { return from_rule<Op::log>(a); }
inline Dual log2(const Dual& a) { return from_rule<Op::log2>(a); }
inline Dual log10(const Dual& a) { return from_rule<Op::log10>(a); }
inline Dual log1p(const Dual& a) { return from_rule<Op::log1p>(a); }
inline Dual sqrt(const Dual& a) { return from_rule<Op::sqrt>(a); }
inline Dual cbrt(const Dual& a) { return from_rule<Op::cbrt>(a); }
inline Dual sin(const Dual& a) { return from_rule<Op::sin>(a); }
inline Dual cos(const Dual& a) { return from_rule<Op::cos>(a); }
inline Dual tan(const Dual& a) { return from_rule<Op::tan>(a); }
inline Dual asin(const Dual& a) { return from_rule<Op::asin>(a); }
inline Dual acos(const Dual& a) { return from_rule<Op::acos>(a); }
inline Dual atan(const Dual& a) { return from_rule<Op::atan>(a); }
inline Dual sinh(const Dual& a) { return from_rule<Op::sinh>(a); }
inline Dual cosh(const Dual& a) { return from_rule<Op::cosh>(a); }
inline Dual tanh(const Dual& a) { return from_rule<Op::tanh>(a); }
inline Dual asinh(const Dual& a) { return from_rule<Op::asinh>(a); }
inline Dual acosh(const Dual& a) { return from_rule<Op::acosh>(a); }
inline Dual atanh(const Dual& a) { return from_rule<Op::atanh>(a); }
inline Dual abs(const Dual& a) { return from_rule<Op::abs>(a); }
inline Dual fabs(const Dual& a) { return abs(a); }
inline Dual floor(const Dual& a) { return from_rule<Op::floor>(a); }
inline Dual ceil(const Dual& a) { return from_rule<Op::ceil>(a); }
inline Dual round(const Dual& a) { return from_rule<Op::round>(a); }
inline Dual erf(const Dual& a) { return from_rule<Op::erf>(a); }
inline Dual erfc(const Dual& a) { return from_rule<Op::erfc>(a); }
inline Dual atan2(const Dual& a, const Dual& b) { return from_rule<Op::atan2>(a, b); }
inline Dual hypot(const Dual& a, const Dual& b) { return from_rule<Op::hypot>(a, b); }
inline Dual pow(const Dual& a, const Dual& b) { return from_rule<Op::pow>(a, b); }
inline Dual pow(const Dual& a, double b) { return pow(a, Dual(b)); }
inline Dual pow(double a, const Dual& b) { return pow(Dual(a), b); }
inline bool isfinite(const Dual& a) { return std::isfinite(a.v) && std::isfinite(a.d); }
inline bool isnan(const Dual& a) { return std::isnan(a.v); }

}  // namespace tapegrad
