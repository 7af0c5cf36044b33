// SPDX-License-Identifier: MIT
// The operators and math functions on Var: each is a one-line forwarder to `apply<Op::...>`, which
// evaluates the op's row of the rule table (value and partials), checks it in checked mode, and
// records one node on the active tape. A plain number on either side is a constant: it records
// nothing. Comparisons compare values and record nothing.
#pragma once

#include <array>
#include <cmath>
#include <compare>
#include <concepts>
#include <string>
#include <type_traits>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/op_rules.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var.hpp"

namespace tapegrad {

template <class T>
inline constexpr bool is_var = false;
template <class S>
inline constexpr bool is_var<BasicVar<S>> = true;

// Operands of a binary operation on Vars: a Var with a Var of the same scalar, a plain number, or
// the Var's own scalar type, on either side.
template <class A, class B>
concept VarOperands =
    (is_var<A> && (std::same_as<A, B> || std::is_arithmetic_v<B> ||
                   std::same_as<B, typename A::Scalar>)) ||
    (is_var<B> && (std::is_arithmetic_v<A> || std::same_as<A, typename B::Scalar>));

namespace detail {

template <class A, class B>
using scalar_of = typename std::conditional_t<is_var<A>, A, B>::Scalar;

// A Var as itself (by reference: a copy costs a store-forwarding stall), a number as a constant.
template <class S, class T>
TAPEGRAD_HOT decltype(auto) as_var(const T& x) {
  if constexpr (is_var<T>)
    return (x);
  else
    return BasicVar<S>(static_cast<S>(x));
}

template <class S>
bool is_finite(const S& x) {
  return std::isfinite(primal(x));
}

// Checked mode: the op must stay in its domain, and finite inputs must give a finite value and
// finite partials. Throws DomainError naming the op, its inputs and their names.
template <Op op, class S, std::size_t N>
[[gnu::noinline, gnu::cold]] void check_domain(const BasicTape<S>& tape,
                                               const BasicVar<S> (&operands)[N],
                                               const S (&partials)[N], const S& y) {
  const auto& row = rule<op>();
  bool inputs_finite = true;
  for (const auto& v : operands) inputs_finite = inputs_finite && is_finite(v.value());
  bool in_domain = false;
  if constexpr (N == 1)
    in_domain = row.in_domain(primal(operands[0].value()));
  else
    in_domain = row.in_domain(primal(operands[0].value()), primal(operands[1].value()));

  std::string problem;
  if (!in_domain) {
    problem = "outside the domain " + std::string(row.info.domain_text);
  } else if (inputs_finite && !is_finite(y)) {
    problem = "the value is " + std::to_string(primal(y)) + " although the inputs are finite";
  } else if (inputs_finite) {
    for (std::size_t k = 0; k < N; ++k) {
      if (operands[k].is_recorded() && !is_finite(partials[k])) {
        problem = std::string("the partial derivative with respect to ") + (k == 0 ? "a" : "b") +
                  " is " + std::to_string(primal(partials[k])) + " (" +
                  std::string(row.info.partial_text[k]) + "): no finite slope here";
        break;
      }
    }
  }
  if (problem.empty()) return;
  std::vector<DomainError::Input> inputs;
  for (const auto& v : operands)
    inputs.push_back({primal(v.value()),
                      v.is_recorded() ? std::string(tape.name(v.index())) : std::string()});
  throw DomainError(op, std::move(inputs), std::move(problem));
}

// Records one unary op: value and partial from its row, one node on the active tape.
template <Op op, class S>
TAPEGRAD_HOT BasicVar<S> apply(const BasicVar<S>& a) {
  const auto& row = rule<op>();
  const S y = row.value(a.value());
  if (!a.is_recorded()) return BasicVar<S>(y);
  BasicTape<S>& tape = active_tape<S>();
  tape.check(a);
  const S partial = row.d0(a.value(), y);
  if (tape.options().checked) [[unlikely]]
    check_domain<op>(tape, {a}, {partial}, y);
  return tape.record(op, y, std::array{&a}, {partial});
}

// Records one binary op; only the partials of recorded operands are evaluated.
template <Op op, class S>
TAPEGRAD_HOT BasicVar<S> apply(const BasicVar<S>& a, const BasicVar<S>& b) {
  const auto& row = rule<op>();
  const S y = row.value(a.value(), b.value());
  if (!a.is_recorded() && !b.is_recorded()) return BasicVar<S>(y);
  BasicTape<S>& tape = active_tape<S>();
  S da{}, db{};
  if (a.is_recorded()) {
    tape.check(a);
    da = row.d0(a.value(), b.value(), y);
  }
  if (b.is_recorded()) {
    tape.check(b);
    db = row.d1(a.value(), b.value(), y);
  }
  if (tape.options().checked) [[unlikely]]
    check_domain<op>(tape, {a, b}, {da, db}, y);
  return tape.record(op, y, std::array{&a, &b}, {da, db});
}

template <Op op, class A, class B>
TAPEGRAD_HOT auto apply_mixed(const A& a, const B& b) {
  using S = scalar_of<A, B>;
  return apply<op>(as_var<S>(a), as_var<S>(b));
}

template <class T>
auto plain_value(const T& x) {
  if constexpr (is_var<T>)
    return primal(x.value());
  else
    return primal(x);
}

}  // namespace detail

// ---- arithmetic ----
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto operator+(const A& a, const B& b) { return detail::apply_mixed<Op::add>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto operator-(const A& a, const B& b) { return detail::apply_mixed<Op::sub>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto operator*(const A& a, const B& b) { return detail::apply_mixed<Op::mul>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto operator/(const A& a, const B& b) { return detail::apply_mixed<Op::div>(a, b); }

template <class S>
TAPEGRAD_HOT BasicVar<S> operator-(const BasicVar<S>& a) { return detail::apply<Op::neg>(a); }
template <class S>
BasicVar<S> operator+(const BasicVar<S>& a) { return a; }

template <class S, class T> requires VarOperands<BasicVar<S>, T>
TAPEGRAD_HOT BasicVar<S>& operator+=(BasicVar<S>& a, const T& b) { return a = a + b; }
template <class S, class T> requires VarOperands<BasicVar<S>, T>
TAPEGRAD_HOT BasicVar<S>& operator-=(BasicVar<S>& a, const T& b) { return a = a - b; }
template <class S, class T> requires VarOperands<BasicVar<S>, T>
TAPEGRAD_HOT BasicVar<S>& operator*=(BasicVar<S>& a, const T& b) { return a = a * b; }
template <class S, class T> requires VarOperands<BasicVar<S>, T>
TAPEGRAD_HOT BasicVar<S>& operator/=(BasicVar<S>& a, const T& b) { return a = a / b; }

// ---- comparisons: on values; they record nothing ----
template <class A, class B> requires VarOperands<A, B>
bool operator==(const A& a, const B& b) { return detail::plain_value(a) == detail::plain_value(b); }
template <class A, class B> requires VarOperands<A, B>
std::partial_ordering operator<=>(const A& a, const B& b) {
  return detail::plain_value(a) <=> detail::plain_value(b);
}

// ---- functions of two arguments (Var or number on either side) ----
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto pow(const A& a, const B& b) { return detail::apply_mixed<Op::pow>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto atan2(const A& a, const B& b) { return detail::apply_mixed<Op::atan2>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto min(const A& a, const B& b) { return detail::apply_mixed<Op::min>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto max(const A& a, const B& b) { return detail::apply_mixed<Op::max>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto fmin(const A& a, const B& b) { return detail::apply_mixed<Op::fmin>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto fmax(const A& a, const B& b) { return detail::apply_mixed<Op::fmax>(a, b); }
template <class A, class B> requires VarOperands<A, B>
TAPEGRAD_HOT auto hypot(const A& a, const B& b) { return detail::apply_mixed<Op::hypot>(a, b); }

// ---- functions of one argument ----
template <class S>
TAPEGRAD_HOT BasicVar<S> exp(const BasicVar<S>& a) { return detail::apply<Op::exp>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> exp2(const BasicVar<S>& a) { return detail::apply<Op::exp2>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> expm1(const BasicVar<S>& a) { return detail::apply<Op::expm1>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> log(const BasicVar<S>& a) { return detail::apply<Op::log>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> log2(const BasicVar<S>& a) { return detail::apply<Op::log2>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> log10(const BasicVar<S>& a) { return detail::apply<Op::log10>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> log1p(const BasicVar<S>& a) { return detail::apply<Op::log1p>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> sqrt(const BasicVar<S>& a) { return detail::apply<Op::sqrt>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> cbrt(const BasicVar<S>& a) { return detail::apply<Op::cbrt>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> sin(const BasicVar<S>& a) { return detail::apply<Op::sin>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> cos(const BasicVar<S>& a) { return detail::apply<Op::cos>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> tan(const BasicVar<S>& a) { return detail::apply<Op::tan>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> asin(const BasicVar<S>& a) { return detail::apply<Op::asin>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> acos(const BasicVar<S>& a) { return detail::apply<Op::acos>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> atan(const BasicVar<S>& a) { return detail::apply<Op::atan>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> sinh(const BasicVar<S>& a) { return detail::apply<Op::sinh>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> cosh(const BasicVar<S>& a) { return detail::apply<Op::cosh>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> tanh(const BasicVar<S>& a) { return detail::apply<Op::tanh>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> asinh(const BasicVar<S>& a) { return detail::apply<Op::asinh>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> acosh(const BasicVar<S>& a) { return detail::apply<Op::acosh>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> atanh(const BasicVar<S>& a) { return detail::apply<Op::atanh>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> abs(const BasicVar<S>& a) { return detail::apply<Op::abs>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> relu(const BasicVar<S>& a) { return detail::apply<Op::relu>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> floor(const BasicVar<S>& a) { return detail::apply<Op::floor>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> ceil(const BasicVar<S>& a) { return detail::apply<Op::ceil>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> round(const BasicVar<S>& a) { return detail::apply<Op::round>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> erf(const BasicVar<S>& a) { return detail::apply<Op::erf>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> erfc(const BasicVar<S>& a) { return detail::apply<Op::erfc>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> sigmoid(const BasicVar<S>& a) { return detail::apply<Op::sigmoid>(a); }
template <class S>
TAPEGRAD_HOT BasicVar<S> softplus(const BasicVar<S>& a) { return detail::apply<Op::softplus>(a); }

// Gives an intermediate result a name for explain and error messages (`label(y_hat, "y_hat")`).
template <class S>
const BasicVar<S>& label(const BasicVar<S>& v, std::string_view name) {
  if (v.is_recorded()) active_tape<S>().set_name(v, name);
  return v;
}

// The plain value of a Var, for code written for both double and Var.
template <class S>
const S& value_of(const BasicVar<S>& v) { return v.value(); }
inline double value_of(double x) { return x; }

}  // namespace tapegrad
