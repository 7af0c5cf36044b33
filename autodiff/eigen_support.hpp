// SPDX-License-Identifier: MIT
// What Eigen needs to hold Vars: NumTraits, and the rules for mixing Var with double in products.
// With this, Eigen::Matrix<Var, ...> records its arithmetic element by element on the active tape.
#pragma once

#include <Eigen/Core>

#include "autodiff/var.hpp"
#include "autodiff/var_ops.hpp"

namespace Eigen {

template <class S>
struct NumTraits<tapegrad::BasicVar<S>> : GenericNumTraits<tapegrad::BasicVar<S>> {
  using Real = tapegrad::BasicVar<S>;
  using NonInteger = tapegrad::BasicVar<S>;
  using Nested = tapegrad::BasicVar<S>;
  using Literal = double;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 1,
    AddCost = 3,
    MulCost = 3,
  };
  static inline Real epsilon() { return Real(NumTraits<double>::epsilon()); }
  static inline Real dummy_precision() { return Real(NumTraits<double>::dummy_precision()); }
  static inline Real highest() { return Real(NumTraits<double>::highest()); }
  static inline Real lowest() { return Real(NumTraits<double>::lowest()); }
  static inline int digits10() { return NumTraits<double>::digits10(); }
};

template <class S, typename BinaryOp>
struct ScalarBinaryOpTraits<tapegrad::BasicVar<S>, double, BinaryOp> {
  using ReturnType = tapegrad::BasicVar<S>;
};
template <class S, typename BinaryOp>
struct ScalarBinaryOpTraits<double, tapegrad::BasicVar<S>, BinaryOp> {
  using ReturnType = tapegrad::BasicVar<S>;
};

}  // namespace Eigen

namespace tapegrad {

template <class S = double>
using VectorXv = Eigen::Matrix<BasicVar<S>, Eigen::Dynamic, 1>;
template <class S = double>
using MatrixXv = Eigen::Matrix<BasicVar<S>, Eigen::Dynamic, Eigen::Dynamic>;

// The values of a vector or matrix of Vars, as doubles (or the tape's scalar).
template <class Derived>
auto values_of(const Eigen::MatrixBase<Derived>& m) {
  using S = typename Derived::Scalar::Scalar;
  return m.unaryExpr([](const BasicVar<S>& v) { return v.value(); }).eval();
}

}  // namespace tapegrad
