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
inline Dual exp(const Dual& a) {
  const double y = std::exp(a.v);
  return {y, y * a.d};
}
inline Dual exp2(const Dual& a) {
  const double y = std::exp2(a.v);
  return {y, std::numbers::ln2 * y * a.d};
}
inline Dual expm1(const Dual& a) { return {std::expm1(a.v), std::exp(a.v) * a.d}; }
inline Dual log(const Dual& a) { return {std::log(a.v), a.d / a.v}; }
inline Dual log2(const Dual& a) { return {std::log2(a.v), a.d / (std::numbers::ln2 * a.v)}; }
inline Dual log10(const Dual& a) { return {std::log10(a.v), a.d / (std::numbers::ln10 * a.v)}; }
inline Dual log1p(const Dual& a) { return {std::log1p(a.v), a.d / (1.0 + a.v)}; }
inline Dual sqrt(const Dual& a) {
  const double y = std::sqrt(a.v);
  return {y, a.d / (2.0 * y)};
}
inline Dual cbrt(const Dual& a) {
  const double y = std::cbrt(a.v);
  return {y, a.d / (3.0 * y * y)};
}
inline Dual sin(const Dual& a) { return {std::sin(a.v), std::cos(a.v) * a.d}; }
inline Dual cos(const Dual& a) { return {std::cos(a.v), -std::sin(a.v) * a.d}; }
inline Dual tan(const Dual& a) {
  const double y = std::tan(a.v);
  return {y, (1.0 + y * y) * a.d};
}
inline Dual asin(const Dual& a) { return {std::asin(a.v), a.d / std::sqrt(1.0 - a.v * a.v)}; }
inline Dual acos(const Dual& a) { return {std::acos(a.v), -a.d / std::sqrt(1.0 - a.v * a.v)}; }
inline Dual atan(const Dual& a) { return {std::atan(a.v), a.d / (1.0 + a.v * a.v)}; }
inline Dual sinh(const Dual& a) { return {std::sinh(a.v), std::cosh(a.v) * a.d}; }
inline Dual cosh(const Dual& a) { return {std::cosh(a.v), std::sinh(a.v) * a.d}; }
inline Dual tanh(const Dual& a) {
  const double y = std::tanh(a.v);
  return {y, (1.0 - y * y) * a.d};
}
inline Dual asinh(const Dual& a) { return {std::asinh(a.v), a.d / std::sqrt(a.v * a.v + 1.0)}; }
inline Dual acosh(const Dual& a) { return {std::acosh(a.v), a.d / std::sqrt(a.v * a.v - 1.0)}; }
inline Dual atanh(const Dual& a) { return {std::atanh(a.v), a.d / (1.0 - a.v * a.v)}; }
inline Dual abs(const Dual& a) { return a.v < 0.0 ? -a : (a.v > 0.0 ? a : Dual(0.0, 0.0)); }
inline Dual fabs(const Dual& a) { return abs(a); }
// floor, ceil and round are flat between jumps.
inline Dual floor(const Dual& a) { return {std::floor(a.v), 0.0}; }
inline Dual ceil(const Dual& a) { return {std::ceil(a.v), 0.0}; }
inline Dual round(const Dual& a) { return {std::round(a.v), 0.0}; }
// erf' = 2/√π·exp(−a²)
inline Dual erf(const Dual& a) {
  return {std::erf(a.v), 2.0 * std::numbers::inv_sqrtpi * std::exp(-a.v * a.v) * a.d};
}
inline Dual erfc(const Dual& a) {
  return {std::erfc(a.v), -2.0 * std::numbers::inv_sqrtpi * std::exp(-a.v * a.v) * a.d};
}
// d atan2(a, b) = (b·da − a·db)/(a² + b²); 0 at the origin, as the rule table.
inline Dual atan2(const Dual& a, const Dual& b) {
  const double r2 = a.v * a.v + b.v * b.v;
  return {std::atan2(a.v, b.v), r2 == 0.0 ? 0.0 : (b.v * a.d - a.v * b.d) / r2};
}
inline Dual hypot(const Dual& a, const Dual& b) {
  const double y = std::hypot(a.v, b.v);
  return {y, y == 0.0 ? 0.0 : (a.v * a.d + b.v * b.d) / y};
}
// d(a^b) = b·a^(b−1)·da + ln(a)·a^b·db; each term only where it is needed and defined, as in
// the rule table (a constant exponent contributes no ln(a), so negative bases with integer
// exponents work).
inline Dual pow(const Dual& a, const Dual& b) {
  const double y = std::pow(a.v, b.v);
  double d = 0.0;
  if (a.d != 0.0 && b.v != 0.0) d += b.v * std::pow(a.v, b.v - 1.0) * a.d;
  if (b.d != 0.0 && a.v != 0.0) d += std::log(a.v) * y * b.d;
  return {y, d};
}
inline Dual pow(const Dual& a, double b) { return pow(a, Dual(b)); }
inline Dual pow(double a, const Dual& b) { return pow(Dual(a), b); }
inline bool isfinite(const Dual& a) { return std::isfinite(a.v) && std::isfinite(a.d); }
inline bool isnan(const Dual& a) { return std::isnan(a.v); }

}  // namespace tapegrad
