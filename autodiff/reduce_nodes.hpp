// SPDX-License-Identifier: MIT
// The per-sample expression a reduction (reduce.hpp) builds when it calls the loss with Lanes of
// data: like a statement (statement.hpp), but its values may be Lanes (one per row of a packet) and
// it is never recorded. `w1 * x` with w1 a Var and x Lanes is a LaneBinary<mul> whose value is
// computed at once; `propagate<slot>(path, sink)` then applies the chain rule from the loss down to
// each Var leaf and hands the sink (slot, leaf, ∂loss/∂leaf per lane). Leaves are numbered left to
// right at compile time, as in a statement, so that the reduction adds each leaf's partial into a
// fixed accumulator without looking the leaf up; a node whose leaves are only known at run time
// (dot over a vector of weights) hands its leaves with the slot `dynamic_slot`. Values and partials
// come from the rows of op_rules.hpp; the few rules that branch on their input (abs, relu,
// sigmoid, softplus, min, max, ...) are evaluated lane by lane on doubles, so that every lane takes
// its own branch.
#pragma once

#include <Eigen/Core>
#include <concepts>
#include <cstddef>
#include <utility>
#include <span>
#include <type_traits>
#include <vector>

#include "autodiff/eigen_support.hpp"
#include "autodiff/hot.hpp"
#include "autodiff/op_rules.hpp"
#include "autodiff/reduce_lanes.hpp"
#include "autodiff/remembered.hpp"
#include "autodiff/var_ops.hpp"

namespace tapegrad {

template <class T>
inline constexpr bool is_lanes = false;
template <int W>
inline constexpr bool is_lanes<Lanes<W>> = true;

template <class T>
concept LaneNode = requires { T::is_lane_node; };

// The slot of a leaf that has no compile-time number (one of dot's weights).
inline constexpr std::size_t dynamic_slot = std::size_t(-1);
template <std::size_t k>
using Slot = std::integral_constant<std::size_t, k>;

// One row of a matrix column (n rows × d features, column-major) as the loss sees it: x[j] is
// feature j of this row (a double, or Lanes of W consecutive rows).
template <class T>
class FeatureRow {
 public:
  FeatureRow(const double* first, std::size_t stride, std::size_t features)
      : first_(first), stride_(stride), features_(features) {}
  std::size_t size() const noexcept { return features_; }
  T operator[](std::size_t j) const {
    if constexpr (std::same_as<T, double>) {
      return first_[j * stride_];
    } else {
      return T(Eigen::Map<const typename T::Array>(first_ + j * stride_));
    }
  }

 private:
  const double* first_;
  std::size_t stride_;
  std::size_t features_;
};

namespace lane_detail {

// The value of x in lane k (a double is the same in every lane).
template <class T>
TAPEGRAD_HOT double lane(const T& x, int k) {
  if constexpr (is_lanes<T>)
    return x[k];
  else
    return x;
}

template <class... T>
constexpr int width_of() {
  int w = 0;
  ((w = is_lanes<T> ? int(sizeof(typename T::Array) / sizeof(double)) : w), ...);
  return w;
}

// fn(args...) on Lanes, one lane at a time on doubles (or once, when every argument is a double).
template <class Fn, class... T>
TAPEGRAD_HOT auto lane_wise(const Fn& fn, const T&... args) {
  constexpr int W = width_of<T...>();
  if constexpr (W == 0) {
    return fn(args...);
  } else {
    Lanes<W> r;
    for (int k = 0; k < W; ++k) r.v[k] = fn(lane(args, k)...);
    return r;
  }
}

// Rules that branch on an input: their value, or their partials, are taken lane by lane.
constexpr bool branchy_value(Op op) {
  switch (op) {
    case Op::relu: case Op::sigmoid: case Op::softplus: case Op::min: case Op::max:
    case Op::fmin: case Op::fmax: case Op::atan2: case Op::floor: case Op::ceil: case Op::round:
      return true;
    default:
      return false;
  }
}
constexpr bool branchy_partial(Op op) {
  switch (op) {
    case Op::abs: case Op::relu: case Op::min: case Op::max: case Op::fmin: case Op::fmax:
    case Op::atan2:
      return true;
    default:
      return false;
  }
}

template <bool by_lane, class Fn, class... T>
TAPEGRAD_HOT auto call(const Fn& fn, const T&... args) {
  if constexpr (by_lane)
    return lane_wise(fn, args...);
  else
    return fn(args...);
}

}  // namespace lane_detail

// A Var in the per-sample loss: a parameter, the same in every lane.
struct LaneVar {
  static constexpr bool is_lane_node = true;
  static constexpr std::size_t leaves = 1;
  Var var;
  TAPEGRAD_HOT double value() const { return var.value(); }
  template <std::size_t slot, class P, class Sink>
  TAPEGRAD_HOT void propagate(const P& path, Sink& sink) const {
    if (var.is_recorded()) sink(Slot<slot>{}, var, path);
  }
};

// Data (Lanes) or a plain number: no partial.
template <class T>
struct LaneConstant {
  static constexpr bool is_lane_node = true;
  static constexpr std::size_t leaves = 0;
  T constant;
  TAPEGRAD_HOT const T& value() const { return constant; }
  template <std::size_t slot, class P, class Sink>
  TAPEGRAD_HOT void propagate(const P&, Sink&) const {}
};

// A statement of Vars only (`w1 * w0` inside the loss): its partials by statement.hpp's chain rule.
template <class E>
struct LaneStatement {
  static constexpr bool is_lane_node = true;
  static constexpr std::size_t leaves = E::leaves;
  E statement;
  TAPEGRAD_HOT double value() const { return statement.value(); }
  template <std::size_t slot, class P, class Sink>
  TAPEGRAD_HOT void propagate(const P& path, Sink& sink) const {
    if (!statement.any_recorded()) return;
    statement.template propagate<0>(1.0, [&](auto k, const Var& leaf, const double& p) {
      constexpr std::size_t k_slot = slot == dynamic_slot ? dynamic_slot : slot + decltype(k)::value;
      sink(Slot<k_slot>{}, leaf, path * p);
    });
  }
};

namespace lane_detail {
template <class T>
inline constexpr bool is_constant = false;
template <class T>
inline constexpr bool is_constant<LaneConstant<T>> = true;
}  // namespace lane_detail

// op(a). When a does not depend on the data (log(sigma) in a normal likelihood), its value and
// partial are the same for every packet: an op that calls libm remembers them (remembered.hpp).
template <Op op, class A>
struct LaneUnary {
  static constexpr bool is_lane_node = true;
  static constexpr std::size_t leaves = A::leaves;
  using Y = decltype(lane_detail::call<lane_detail::branchy_value(op)>(rule<op>().value,
                                                                        std::declval<A>().value()));
  static constexpr bool remember = std::is_same_v<Y, double> && calls_libm(op);
  A a;
  Y y;
  TAPEGRAD_HOT explicit LaneUnary(const A& operand) : a(operand) {
    if constexpr (remember)
      y = Remembered<op>::here().value(operand.value());
    else
      y = lane_detail::call<lane_detail::branchy_value(op)>(rule<op>().value, operand.value());
  }
  TAPEGRAD_HOT const auto& value() const { return y; }
  template <std::size_t slot, class P, class Sink>
  TAPEGRAD_HOT void propagate(const P& path, Sink& sink) const {
    if constexpr (remember)
      a.template propagate<slot>(path * Remembered<op>::here().partial(a.value(), y), sink);
    else
      a.template propagate<slot>(
          path * lane_detail::call<lane_detail::branchy_partial(op)>(rule<op>().d0, a.value(), y),
          sink);
  }
};

template <Op op, class A, class B>
struct LaneBinary {
  static constexpr bool is_lane_node = true;
  // Leaves numbered left to right: a's from the node's slot, b's after them (a dynamic count on
  // the left leaves b's slots dynamic too).
  static constexpr std::size_t leaves =
      A::leaves == dynamic_slot || B::leaves == dynamic_slot ? dynamic_slot : A::leaves + B::leaves;
  A a;
  B b;
  decltype(lane_detail::call<lane_detail::branchy_value(op)>(rule<op>().value, a.value(),
                                                              b.value())) y;
  TAPEGRAD_HOT LaneBinary(const A& left, const B& right)
      : a(left),
        b(right),
        y(lane_detail::call<lane_detail::branchy_value(op)>(rule<op>().value, left.value(),
                                                             right.value())) {}
  TAPEGRAD_HOT const auto& value() const { return y; }
  template <std::size_t slot, class P, class Sink>
  TAPEGRAD_HOT void propagate(const P& path, Sink& sink) const {
    constexpr bool by_lane = lane_detail::branchy_partial(op);
    constexpr std::size_t b_slot =
        slot == dynamic_slot || A::leaves == dynamic_slot ? dynamic_slot : slot + A::leaves;
    // A constant operand's partial is never taken (the exponent's partial of x^2).
    if constexpr (!lane_detail::is_constant<A>)
      a.template propagate<slot>(
          path * lane_detail::call<by_lane>(rule<op>().d0, a.value(), b.value(), y), sink);
    if constexpr (!lane_detail::is_constant<B>)
      b.template propagate<b_slot>(
          path * lane_detail::call<by_lane>(rule<op>().d1, a.value(), b.value(), y), sink);
  }
};

// Σ_j w_j·x_j over a row's features: a linear model's score. Its leaves are the weights.
template <class T>
struct LaneDot {
  static constexpr bool is_lane_node = true;
  static constexpr std::size_t leaves = dynamic_slot;
  std::span<const Var> w;
  FeatureRow<T> x;
  T y;
  TAPEGRAD_HOT LaneDot(std::span<const Var> weights, const FeatureRow<T>& row)
      : w(weights), x(row), y(0.0) {
    for (std::size_t j = 0; j < w.size(); ++j) y += w[j].value() * x[j];
  }
  TAPEGRAD_HOT const T& value() const { return y; }
  template <std::size_t, class P, class Sink>
  TAPEGRAD_HOT void propagate(const P& path, Sink& sink) const {
    for (std::size_t j = 0; j < w.size(); ++j)
      if (w[j].is_recorded()) sink(Slot<dynamic_slot>{}, w[j], path * x[j]);
  }
};

namespace lane_detail {

template <class T>
TAPEGRAD_HOT auto as_node(const T& x) {
  if constexpr (LaneNode<T>)
    return x;
  else if constexpr (is_var<T>)
    return LaneVar{x};
  else if constexpr (is_statement<T>)
    return LaneStatement<T>{x};
  else if constexpr (is_lanes<T>)
    return LaneConstant<T>{x};
  else
    return LaneConstant<double>{static_cast<double>(x)};
}

}  // namespace lane_detail

template <class T>
concept LaneOperand = LaneNode<T> || is_lanes<T> || std::same_as<T, Var> || is_statement<T> ||
                      std::is_arithmetic_v<T>;

// At least one side is a lane node, or Lanes meet a Var (Lanes with Lanes or a number is Lanes'
// own arithmetic, a Var with a number is var_ops').
template <class A, class B>
concept LaneOperands =
    LaneOperand<A> && LaneOperand<B> &&
    (LaneNode<A> || LaneNode<B> ||
     (is_lanes<A> && (is_var<B> || is_statement<B>)) || (is_lanes<B> && (is_var<A> || is_statement<A>)));

namespace lane_detail {
template <Op op, class A, class B>
TAPEGRAD_HOT auto binary(const A& a, const B& b) {
  using NA = decltype(as_node(a));
  using NB = decltype(as_node(b));
  return LaneBinary<op, NA, NB>(as_node(a), as_node(b));
}
template <Op op, class A>
TAPEGRAD_HOT auto unary(const A& a) {
  return LaneUnary<op, A>(a);
}
}  // namespace lane_detail

template <class A, class B> requires LaneOperands<A, B>
TAPEGRAD_HOT auto operator+(const A& a, const B& b) { return lane_detail::binary<Op::add>(a, b); }
template <class A, class B> requires LaneOperands<A, B>
TAPEGRAD_HOT auto operator-(const A& a, const B& b) { return lane_detail::binary<Op::sub>(a, b); }
template <class A, class B> requires LaneOperands<A, B>
TAPEGRAD_HOT auto operator*(const A& a, const B& b) { return lane_detail::binary<Op::mul>(a, b); }
template <class A, class B> requires LaneOperands<A, B>
TAPEGRAD_HOT auto operator/(const A& a, const B& b) { return lane_detail::binary<Op::div>(a, b); }
template <class A, class B> requires LaneOperands<A, B>
TAPEGRAD_HOT auto pow(const A& a, const B& b) { return lane_detail::binary<Op::pow>(a, b); }
template <class A, class B> requires LaneOperands<A, B>
TAPEGRAD_HOT auto min(const A& a, const B& b) { return lane_detail::binary<Op::min>(a, b); }
template <class A, class B> requires LaneOperands<A, B>
TAPEGRAD_HOT auto max(const A& a, const B& b) { return lane_detail::binary<Op::max>(a, b); }
template <class A, class B> requires LaneOperands<A, B>
TAPEGRAD_HOT auto atan2(const A& a, const B& b) { return lane_detail::binary<Op::atan2>(a, b); }

// Comparisons read values (a LaneMask when they differ per lane); they record nothing.
template <class A, class B> requires LaneOperands<A, B>
TAPEGRAD_HOT auto operator<(const A& a, const B& b) {
  return lane_detail::as_node(a).value() < lane_detail::as_node(b).value();
}
template <class A, class B> requires LaneOperands<A, B>
TAPEGRAD_HOT auto operator>(const A& a, const B& b) {
  return lane_detail::as_node(a).value() > lane_detail::as_node(b).value();
}

template <LaneNode A>
TAPEGRAD_HOT auto operator-(const A& a) { return lane_detail::unary<Op::neg>(a); }

#define TAPEGRAD_LANE_UNARY(name) \
  template <LaneNode A>           \
  TAPEGRAD_HOT auto name(const A& a) {     \
    return lane_detail::unary<Op::name>(a); \
  }
TAPEGRAD_LANE_UNARY(exp)
TAPEGRAD_LANE_UNARY(expm1)
TAPEGRAD_LANE_UNARY(log)
TAPEGRAD_LANE_UNARY(log1p)
TAPEGRAD_LANE_UNARY(log10)
TAPEGRAD_LANE_UNARY(sqrt)
TAPEGRAD_LANE_UNARY(sin)
TAPEGRAD_LANE_UNARY(cos)
TAPEGRAD_LANE_UNARY(tan)
TAPEGRAD_LANE_UNARY(asin)
TAPEGRAD_LANE_UNARY(acos)
TAPEGRAD_LANE_UNARY(atan)
TAPEGRAD_LANE_UNARY(sinh)
TAPEGRAD_LANE_UNARY(cosh)
TAPEGRAD_LANE_UNARY(tanh)
TAPEGRAD_LANE_UNARY(abs)
TAPEGRAD_LANE_UNARY(relu)
TAPEGRAD_LANE_UNARY(sigmoid)
TAPEGRAD_LANE_UNARY(softplus)
#undef TAPEGRAD_LANE_UNARY

// dot(w, x): Σ_j w_j·x_j for a vector of Var weights and a row of a matrix column. With Lanes it
// is one node whose leaves are the weights; on doubles (one row at a time) it is a Var.
template <class W, class T>
auto dot(const W& weights, const FeatureRow<T>& x) {
  std::span<const Var> w(weights.data(), std::size_t(weights.size()));
  if (w.size() != x.size())
    throw ShapeError("dot (weights · features of a row)", {Eigen::Index(w.size()), 1},
                     {Eigen::Index(x.size()), 1}, "as many weights as features");
  if constexpr (is_lanes<T>) {
    return LaneDot<T>(w, x);
  } else {
    Var s(0.0);
    for (std::size_t j = 0; j < w.size(); ++j) s = s + w[j] * x[j];
    return s;
  }
}

}  // namespace tapegrad
