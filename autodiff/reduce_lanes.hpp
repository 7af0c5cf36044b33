// SPDX-License-Identifier: MIT
// Lanes<W>: W rows of one data column side by side, the number type a reduction (reduce.hpp) gives
// a generic per-sample loss, so that the loss written for one sample runs on W samples at once.
//
// It is an Eigen fixed-size array (SIMD arithmetic, Eigen's vectorised exp/log/sin/...) with the
// operators and math functions of a double. A plain number broadcasts to every lane. A comparison
// gives a LaneMask, which converts to bool only when every lane agrees; a branch on data that
// differs between lanes (`x > 0 ? a : b`) throws MixedLanes, and the reduction then evaluates those
// rows one at a time — never a wrong answer, only a slower one.
#pragma once

#include <Eigen/Core>
#include <cmath>

namespace tapegrad {

// Thrown by LaneMask's bool conversion when the lanes disagree; caught by the reduction.
struct MixedLanes {};

template <int W>
struct LaneMask {
  Eigen::Array<bool, W, 1> m;
  explicit operator bool() const {
    if (m.all()) return true;
    if (!m.any()) return false;
    throw MixedLanes{};
  }
  LaneMask operator!() const { return {!m}; }
};

template <int W>
struct Lanes {
  using Array = Eigen::Array<double, W, 1>;
  Array v;

  Lanes() = default;
  Lanes(double c) : v(Array::Constant(c)) {}  // NOLINT: broadcasts, as S(0) in the rule table
  template <class D>
  explicit Lanes(const Eigen::ArrayBase<D>& a) : v(a) {}
  double operator[](int k) const { return v[k]; }

  Lanes& operator+=(const Lanes& b) { v += b.v; return *this; }
  Lanes& operator-=(const Lanes& b) { v -= b.v; return *this; }
  Lanes& operator*=(const Lanes& b) { v *= b.v; return *this; }
  Lanes& operator/=(const Lanes& b) { v /= b.v; return *this; }

  friend Lanes operator+(const Lanes& a, const Lanes& b) { return Lanes(a.v + b.v); }
  friend Lanes operator-(const Lanes& a, const Lanes& b) { return Lanes(a.v - b.v); }
  friend Lanes operator*(const Lanes& a, const Lanes& b) { return Lanes(a.v * b.v); }
  friend Lanes operator/(const Lanes& a, const Lanes& b) { return Lanes(a.v / b.v); }
  friend Lanes operator+(const Lanes& a, double b) { return Lanes(a.v + b); }
  friend Lanes operator-(const Lanes& a, double b) { return Lanes(a.v - b); }
  friend Lanes operator*(const Lanes& a, double b) { return Lanes(a.v * b); }
  friend Lanes operator/(const Lanes& a, double b) { return Lanes(a.v / b); }
  friend Lanes operator+(double a, const Lanes& b) { return Lanes(a + b.v); }
  friend Lanes operator-(double a, const Lanes& b) { return Lanes(a - b.v); }
  friend Lanes operator*(double a, const Lanes& b) { return Lanes(a * b.v); }
  friend Lanes operator/(double a, const Lanes& b) { return Lanes(a / b.v); }
  friend Lanes operator-(const Lanes& a) { return Lanes(-a.v); }

  friend LaneMask<W> operator<(const Lanes& a, const Lanes& b) { return {a.v < b.v}; }
  friend LaneMask<W> operator>(const Lanes& a, const Lanes& b) { return {a.v > b.v}; }
  friend LaneMask<W> operator<=(const Lanes& a, const Lanes& b) { return {a.v <= b.v}; }
  friend LaneMask<W> operator>=(const Lanes& a, const Lanes& b) { return {a.v >= b.v}; }
  friend LaneMask<W> operator==(const Lanes& a, const Lanes& b) { return {a.v == b.v}; }
  friend LaneMask<W> operator!=(const Lanes& a, const Lanes& b) { return {a.v != b.v}; }
  friend LaneMask<W> operator<(const Lanes& a, double b) { return {a.v < b}; }
  friend LaneMask<W> operator>(const Lanes& a, double b) { return {a.v > b}; }
  friend LaneMask<W> operator<=(const Lanes& a, double b) { return {a.v <= b}; }
  friend LaneMask<W> operator>=(const Lanes& a, double b) { return {a.v >= b}; }
  friend LaneMask<W> operator==(const Lanes& a, double b) { return {a.v == b}; }
  friend LaneMask<W> operator!=(const Lanes& a, double b) { return {a.v != b}; }

  // Math functions, found by argument-dependent lookup as std::exp is for a double.
  friend Lanes exp(const Lanes& a) { return Lanes(a.v.exp()); }
  friend Lanes expm1(const Lanes& a) { return Lanes(a.v.expm1()); }
  friend Lanes log(const Lanes& a) { return Lanes(a.v.log()); }
  friend Lanes log1p(const Lanes& a) { return Lanes(a.v.log1p()); }
  friend Lanes log10(const Lanes& a) { return Lanes(a.v.log10()); }
  friend Lanes sqrt(const Lanes& a) { return Lanes(a.v.sqrt()); }
  friend Lanes sin(const Lanes& a) { return Lanes(a.v.sin()); }
  friend Lanes cos(const Lanes& a) { return Lanes(a.v.cos()); }
  friend Lanes tan(const Lanes& a) { return Lanes(a.v.tan()); }
  friend Lanes asin(const Lanes& a) { return Lanes(a.v.asin()); }
  friend Lanes acos(const Lanes& a) { return Lanes(a.v.acos()); }
  friend Lanes atan(const Lanes& a) { return Lanes(a.v.atan()); }
  friend Lanes sinh(const Lanes& a) { return Lanes(a.v.sinh()); }
  friend Lanes cosh(const Lanes& a) { return Lanes(a.v.cosh()); }
  friend Lanes tanh(const Lanes& a) { return Lanes(a.v.tanh()); }
  friend Lanes abs(const Lanes& a) { return Lanes(a.v.abs()); }
  // Small integer exponents by multiplication (x² is the common case, and Eigen's pow is a loop
  // over std::pow).
  friend Lanes pow(const Lanes& a, double b) {
    if (b == 2.0) return Lanes(a.v * a.v);
    if (b == 1.0) return a;
    if (b == 0.0) return Lanes(1.0);
    if (b == 3.0) return Lanes(a.v * a.v * a.v);
    if (b == -1.0) return Lanes(a.v.inverse());
    if (b == 0.5) return Lanes(a.v.sqrt());
    return Lanes(a.v.pow(b));
  }
  friend Lanes pow(const Lanes& a, const Lanes& b) { return Lanes(a.v.pow(b.v)); }
  friend Lanes pow(double a, const Lanes& b) { return Lanes(Array::Constant(a).pow(b.v)); }
};

}  // namespace tapegrad
