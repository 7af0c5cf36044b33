// SPDX-License-Identifier: MIT
// The operators and math functions on Var: each is a one-line forwarder that builds one op of a
// statement (statement.hpp) from the op's row of the rule table. The statement computes its value
// at once and is recorded when it becomes a Var: as one node on a plain tape, op by op on a checked
// or trace tape. A plain number on either side is a constant: it records nothing. Comparisons
// compare values; they record nothing, except that a checked tape records a statement operand
// first, so that its domain is checked.
#pragma once

#include <cmath>
#include <compare>
#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "autodiff/statement.hpp"
#include "autodiff/var.hpp"

namespace tapegrad {

// Operands of a binary operation: a Var or statement on one side, and on the other a Var or
// statement of the same scalar, a plain number, or the scalar type itself.
template <class A, class B>
concept VarOperands =
    (Recordable<A> && ((Recordable<B> && std::same_as<typename A::Scalar, typename B::Scalar>) ||
                       std::is_arithmetic_v<B> || std::same_as<B, typename A::Scalar>)) ||
    (Recordable<B> && (std::is_arithmetic_v<A> || std::same_as<A, typename B::Scalar>));

namespace detail {

// A comparison reads values only; but on a checked tape a statement is recorded first, so that
// `if (sqrt(x) < 1)` with x < 0 reports the domain error as it would outside a comparison.
template <class T>
auto plain_value(const T& x) {
  if constexpr (is_statement<T>) {
    using S = typename T::Scalar;
    if (x.any_recorded() && active_tape<S>().options().checked) (void)BasicVar<S>(x);
  }
  if constexpr (Recordable<T>)
    return primal(x.value());
  else
    return primal(x);
}

}  // namespace detail

// ---- arithmetic ----
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto operator+(const A& a, const B& b) { return detail::binary<Op::add>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto operator-(const A& a, const B& b) { return detail::binary<Op::sub>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto operator*(const A& a, const B& b) { return detail::binary<Op::mul>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto operator/(const A& a, const B& b) { return detail::binary<Op::div>(a, b); }

template <Recordable A>
TAPEGRAD_HOT auto operator-(const A& a) { return detail::unary<Op::neg>(a); }
template <Recordable A>
A operator+(const A& a) { return a; }

template <class S, class T> requires VarOperands<BasicVar<S>, T>
TAPEGRAD_HOT BasicVar<S>& operator+=(BasicVar<S>& a, const T& b) { return a = BasicVar<S>(a + b); }
template <class S, class T> requires VarOperands<BasicVar<S>, T>
TAPEGRAD_HOT BasicVar<S>& operator-=(BasicVar<S>& a, const T& b) { return a = BasicVar<S>(a - b); }
template <class S, class T> requires VarOperands<BasicVar<S>, T>
TAPEGRAD_HOT BasicVar<S>& operator*=(BasicVar<S>& a, const T& b) { return a = BasicVar<S>(a * b); }
template <class S, class T> requires VarOperands<BasicVar<S>, T>
TAPEGRAD_HOT BasicVar<S>& operator/=(BasicVar<S>& a, const T& b) { return a = BasicVar<S>(a / b); }

// ---- comparisons: on values; they record nothing ----
template <class A, class B> requires VarOperands<A, B>
bool operator==(const A& a, const B& b) { return detail::plain_value(a) == detail::plain_value(b); }
template <class A, class B> requires VarOperands<A, B>
std::partial_ordering operator<=>(const A& a, const B& b) {
  return detail::plain_value(a) <=> detail::plain_value(b);
}

// ---- functions of two arguments (Var or number on either side) ----
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto pow(const A& a, const B& b) { return detail::binary<Op::pow>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto atan2(const A& a, const B& b) { return detail::binary<Op::atan2>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto min(const A& a, const B& b) { return detail::binary<Op::min>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto max(const A& a, const B& b) { return detail::binary<Op::max>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto fmin(const A& a, const B& b) { return detail::binary<Op::fmin>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto fmax(const A& a, const B& b) { return detail::binary<Op::fmax>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto hypot(const A& a, const B& b) { return detail::binary<Op::hypot>(a, b); }

// ---- functions of one argument ----
template <Recordable A>
TAPEGRAD_HOT auto exp(const A& a) { return detail::unary<Op::exp>(a); }
template <Recordable A>
TAPEGRAD_HOT auto exp2(const A& a) { return detail::unary<Op::exp2>(a); }
template <Recordable A>
TAPEGRAD_HOT auto expm1(const A& a) { return detail::unary<Op::expm1>(a); }
template <Recordable A>
TAPEGRAD_HOT auto log(const A& a) { return detail::unary<Op::log>(a); }
template <Recordable A>
TAPEGRAD_HOT auto log2(const A& a) { return detail::unary<Op::log2>(a); }
template <Recordable A>
TAPEGRAD_HOT auto log10(const A& a) { return detail::unary<Op::log10>(a); }
template <Recordable A>
TAPEGRAD_HOT auto log1p(const A& a) { return detail::unary<Op::log1p>(a); }
template <Recordable A>
TAPEGRAD_HOT auto sqrt(const A& a) { return detail::unary<Op::sqrt>(a); }
template <Recordable A>
TAPEGRAD_HOT auto cbrt(const A& a) { return detail::unary<Op::cbrt>(a); }
template <Recordable A>
TAPEGRAD_HOT auto sin(const A& a) { return detail::unary<Op::sin>(a); }
template <Recordable A>
TAPEGRAD_HOT auto cos(const A& a) { return detail::unary<Op::cos>(a); }
template <Recordable A>
TAPEGRAD_HOT auto tan(const A& a) { return detail::unary<Op::tan>(a); }
template <Recordable A>
TAPEGRAD_HOT auto asin(const A& a) { return detail::unary<Op::asin>(a); }
template <Recordable A>
TAPEGRAD_HOT auto acos(const A& a) { return detail::unary<Op::acos>(a); }
template <Recordable A>
TAPEGRAD_HOT auto atan(const A& a) { return detail::unary<Op::atan>(a); }
template <Recordable A>
TAPEGRAD_HOT auto sinh(const A& a) { return detail::unary<Op::sinh>(a); }
template <Recordable A>
TAPEGRAD_HOT auto cosh(const A& a) { return detail::unary<Op::cosh>(a); }
template <Recordable A>
TAPEGRAD_HOT auto tanh(const A& a) { return detail::unary<Op::tanh>(a); }
template <Recordable A>
TAPEGRAD_HOT auto asinh(const A& a) { return detail::unary<Op::asinh>(a); }
template <Recordable A>
TAPEGRAD_HOT auto acosh(const A& a) { return detail::unary<Op::acosh>(a); }
template <Recordable A>
TAPEGRAD_HOT auto atanh(const A& a) { return detail::unary<Op::atanh>(a); }
template <Recordable A>
TAPEGRAD_HOT auto abs(const A& a) { return detail::unary<Op::abs>(a); }
template <Recordable A>
TAPEGRAD_HOT auto relu(const A& a) { return detail::unary<Op::relu>(a); }
template <Recordable A>
TAPEGRAD_HOT auto floor(const A& a) { return detail::unary<Op::floor>(a); }
template <Recordable A>
TAPEGRAD_HOT auto ceil(const A& a) { return detail::unary<Op::ceil>(a); }
template <Recordable A>
TAPEGRAD_HOT auto round(const A& a) { return detail::unary<Op::round>(a); }
template <Recordable A>
TAPEGRAD_HOT auto erf(const A& a) { return detail::unary<Op::erf>(a); }
template <Recordable A>
TAPEGRAD_HOT auto erfc(const A& a) { return detail::unary<Op::erfc>(a); }
template <Recordable A>
TAPEGRAD_HOT auto sigmoid(const A& a) { return detail::unary<Op::sigmoid>(a); }
template <Recordable A>
TAPEGRAD_HOT auto softplus(const A& a) { return detail::unary<Op::softplus>(a); }

// Gives an intermediate result a name for explain and error messages (`label(y_hat, "y_hat")`).
template <class S>
const BasicVar<S>& label(const BasicVar<S>& v, std::string_view name) {
  if (v.is_recorded()) active_tape<S>().set_name(v, name);
  return v;
}
// The same for a statement: records it, names its node and returns it as a Var.
template <class E>
  requires is_statement<E>
BasicVar<typename E::Scalar> label(const E& statement, std::string_view name) {
  const BasicVar<typename E::Scalar> v = statement;
  label(v, name);
  return v;
}

// The plain value of a Var or statement, for code written for both double and Var.
template <Recordable A>
const auto& value_of(const A& v) { return v.value(); }
inline double value_of(double x) { return x; }

}  // namespace tapegrad
