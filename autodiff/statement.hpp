// SPDX-License-Identifier: MIT
// Statement-level recording: `Var y = sin(x) * x + exp(-x * x);` is one node on the tape, not six.
//
// The operators on Var (var_ops.hpp) do not record; they build a small expression object that
// computes its value at once, like a double would, and remembers its operands. When it becomes a
// Var — assigned, passed to a function taking a Var, returned as one — `record_statement` applies
// the chain rule inside the statement, from the root down to each Var leaf:
//
//     ∂y/∂leaf = product of the rule table's partials on the path from y to that leaf
//
// and appends one node whose recorded inputs are the leaves, each with that product. The reverse
// sweep then does one `adj[leaf] += partial * adj[y]` per leaf, instead of one per op. The
// derivative rules are still only the rows of op_rules.hpp.
//
// Checked and trace tapes record op by op instead (record_op.hpp), so that explain can show every
// intermediate and a domain error names the op that left its domain.
//
// A statement holds copies of its operands, so `auto e = x * x;` is safe to keep, and means what it
// would for doubles (the values at that point); but each use of `e` as a Var records it again.
// Prefer `Var e = x * x;` for an intermediate that is used more than once.
#pragma once

#include <concepts>
#include <cstddef>
#include <type_traits>

#include "autodiff/op.hpp"
#include "autodiff/op_rules.hpp"
#include "autodiff/record_op.hpp"
#include "autodiff/remembered.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var.hpp"

namespace tapegrad {

template <class T>
inline constexpr bool is_var = false;
template <class S>
inline constexpr bool is_var<BasicVar<S>> = true;

// A Var at a leaf of a statement: the statement's recorded inputs are its recorded Var leaves.
template <class S>
struct VarLeaf {
  using Scalar = S;
  static constexpr std::size_t leaves = 1;
  static constexpr bool is_leaf = true;
  BasicVar<S> var;

  TAPEGRAD_HOT const S& value() const { return var.value(); }
  TAPEGRAD_HOT bool any_recorded() const { return var.is_recorded(); }
  template <class F>
  TAPEGRAD_HOT void for_each_var(F&& f) const {
    if (var.is_recorded()) f(var);
  }
  // Called only when any_recorded(): this leaf, the statement's leaf number `slot`, has
  // ∂y/∂leaf = `path`.
  template <std::size_t slot, class F>
  TAPEGRAD_HOT void propagate(const S& path, F&& sink) const {
    sink(std::integral_constant<std::size_t, slot>{}, var, path);
  }
  BasicVar<S> record_each_op() const { return var; }
};

// A plain number in a statement: no input, no partial.
template <class S>
struct ConstantLeaf {
  using Scalar = S;
  static constexpr std::size_t leaves = 0;
  static constexpr bool is_leaf = true;
  S constant;

  TAPEGRAD_HOT const S& value() const { return constant; }
  TAPEGRAD_HOT bool any_recorded() const { return false; }
  template <class F>
  TAPEGRAD_HOT void for_each_var(F&&) const {}
  template <std::size_t slot, class F>
  TAPEGRAD_HOT void propagate(const S&, F&&) const {}
  BasicVar<S> record_each_op() const { return BasicVar<S>(constant); }
};

// op(a): the value at once; the partial only when the statement is recorded. An op that calls
// libm remembers its last input (remembered.hpp), for the loss a reduction calls once a packet.
template <Op op, class A>
struct [[nodiscard("a statement records nothing until it becomes a Var")]] UnaryStatement {
  using Scalar = typename A::Scalar;
  using S = Scalar;
  static constexpr bool is_statement = true;
  static constexpr std::size_t leaves = A::leaves;
  static constexpr bool is_leaf = false;
  // The op code of the recorded node: the op itself when the statement is one op on leaves (so a
  // tape of single ops reads as before), else Op::statement.
  static constexpr Op node_op = A::is_leaf ? op : Op::statement;
  A a;
  S y;

  static constexpr bool remember = calls_libm(op) && std::same_as<S, double>;

  TAPEGRAD_HOT explicit UnaryStatement(const A& operand) : a(operand) {
    if constexpr (remember)
      y = Remembered<op>::here().value(operand.value());
    else
      y = rule<op>().value(operand.value());
  }
  TAPEGRAD_HOT const S& value() const { return y; }
  TAPEGRAD_HOT bool any_recorded() const { return a.any_recorded(); }
  template <class F>
  TAPEGRAD_HOT void for_each_var(F&& f) const {
    a.for_each_var(f);
  }
  template <std::size_t slot, class F>
  TAPEGRAD_HOT void propagate(const S& path, F&& sink) const {
    if constexpr (remember)
      a.template propagate<slot>(path * Remembered<op>::here().partial(a.value(), y), sink);
    else
      a.template propagate<slot>(path * rule<op>().d0(a.value(), y), sink);
  }
  BasicVar<S> record_each_op() const { return detail::apply<op>(a.record_each_op()); }
};

// a op b. Only the partials of operands with a recorded leaf are evaluated, as in the rule table's
// contract (so the exponent's partial of x^2 is never taken).
template <Op op, class A, class B>
struct [[nodiscard("a statement records nothing until it becomes a Var")]] BinaryStatement {
  static_assert(std::same_as<typename A::Scalar, typename B::Scalar>);
  using Scalar = typename A::Scalar;
  using S = Scalar;
  static constexpr bool is_statement = true;
  static constexpr std::size_t leaves = A::leaves + B::leaves;
  static constexpr bool is_leaf = false;
  static constexpr Op node_op = A::is_leaf && B::is_leaf ? op : Op::statement;
  A a;
  B b;
  S y;

  TAPEGRAD_HOT BinaryStatement(const A& left, const B& right)
      : a(left), b(right), y(rule<op>().value(left.value(), right.value())) {}
  TAPEGRAD_HOT const S& value() const { return y; }
  TAPEGRAD_HOT bool any_recorded() const { return a.any_recorded() || b.any_recorded(); }
  template <class F>
  TAPEGRAD_HOT void for_each_var(F&& f) const {
    a.for_each_var(f);
    b.for_each_var(f);
  }
  // Leaves are numbered left to right: a's from `slot`, b's after them.
  template <std::size_t slot, class F>
  TAPEGRAD_HOT void propagate(const S& path, F&& sink) const {
    if constexpr (A::leaves > 0)
      if (a.any_recorded())
        a.template propagate<slot>(path * rule<op>().d0(a.value(), b.value(), y), sink);
    if constexpr (B::leaves > 0)
      if (b.any_recorded())
        b.template propagate<slot + A::leaves>(path * rule<op>().d1(a.value(), b.value(), y), sink);
  }
  BasicVar<S> record_each_op() const {
    // Left before right, so that explain numbers the intermediates in reading order.
    const BasicVar<S> left = a.record_each_op();
    const BasicVar<S> right = b.record_each_op();
    return detail::apply<op>(left, right);
  }
};

template <class T>
inline constexpr bool is_statement = false;
template <Op op, class A>
inline constexpr bool is_statement<UnaryStatement<op, A>> = true;
template <Op op, class A, class B>
inline constexpr bool is_statement<BinaryStatement<op, A, B>> = true;

// What the operators take: a Var or a statement built from Vars.
template <class T>
concept Recordable = is_var<T> || is_statement<T>;

// The statement's value as a Var: one node for the whole statement on a plain tape, one node per
// op on a checked or trace tape, and no node at all when no leaf is recorded.
template <class E>
  requires is_statement<E>
TAPEGRAD_HOT BasicVar<typename E::Scalar> record_statement(const E& statement) {
  using S = typename E::Scalar;
  if (!statement.any_recorded()) return BasicVar<S>(statement.value());
  BasicTape<S>& tape = active_tape<S>();
  if (tape.options().checked || tape.options().trace) [[unlikely]]
    return statement.record_each_op();
  statement.for_each_var([&tape](const BasicVar<S>& v) { tape.check(v); });
  return tape.record_statement(statement);
}

namespace detail {

// The scalar type of an operation's operands: that of whichever side is a Var or statement.
template <class A, class B>
using scalar_of = typename std::conditional_t<Recordable<A>, A, B>::Scalar;

// An operand as a statement node: a Var as a leaf, a number as a constant, a statement as itself.
template <class S, class T>
TAPEGRAD_HOT auto as_node(const T& x) {
  if constexpr (is_var<T>)
    return VarLeaf<S>{x};
  else if constexpr (is_statement<T>)
    return x;
  else
    return ConstantLeaf<S>{static_cast<S>(x)};
}

template <Op op, class A>
TAPEGRAD_HOT auto unary(const A& a) {
  using S = typename A::Scalar;
  using N = decltype(as_node<S>(a));
  return UnaryStatement<op, N>(as_node<S>(a));
}

template <Op op, class A, class B>
TAPEGRAD_HOT auto binary(const A& a, const B& b) {
  using S = scalar_of<A, B>;
  using NA = decltype(as_node<S>(a));
  using NB = decltype(as_node<S>(b));
  return BinaryStatement<op, NA, NB>(as_node<S>(a), as_node<S>(b));
}

}  // namespace detail
}  // namespace tapegrad
