// SPDX-License-Identifier: MIT
// Gradients the convenient way: `gradient(loss, {w0, w1})` after recording, and for functions of
// an Eigen vector `value_and_gradient(f, x)` and `jacobian(f, x)`, which record f on a tape
// (yours, to reuse its capacity, or a fresh one) and sweep backward.
#pragma once

#include <Eigen/Core>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "autodiff/eigen_support.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var_ops.hpp"

namespace tapegrad {

// ∂output/∂w for each w in `wrt`, by one reverse sweep on the active tape. The output may be a
// statement (`gradient(x * y, {x, y})`): the scalar type is taken from `wrt`.
template <class S>
std::vector<S> gradient(const std::type_identity_t<BasicVar<S>>& output,
                        std::span<const BasicVar<S>> wrt) {
  const Adjoints<S> adjoints = active_tape<S>().backward(output);
  std::vector<S> g;
  g.reserve(wrt.size());
  for (const auto& w : wrt) g.push_back(adjoints[w]);
  return g;
}
template <class S>
std::vector<S> gradient(const std::type_identity_t<BasicVar<S>>& output,
                        std::initializer_list<BasicVar<S>> wrt) {
  return gradient<S>(output, std::span<const BasicVar<S>>(wrt.begin(), wrt.size()));
}

// f(x) and ∇f(x) for f: VectorXv → Var, recorded on `tape` (rewound first, so a loop that calls
// this reuses the tape's memory). The gradient is written into `grad` (resized to x's size).
template <class F>
double value_and_gradient(F&& f, const Eigen::Ref<const Eigen::VectorXd>& x, Eigen::VectorXd& grad,
                          Tape& tape) {
  tape.rewind();
  auto scope = tape.activate();
  VectorXv<> xv(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) xv[i] = tape.input(x[i]);
  const Var y = f(std::as_const(xv));
  grad.resize(x.size());
  if (!y.is_recorded()) {  // f does not depend on x
    grad.setZero();
    return y.value();
  }
  const Adjoints<double> adjoints = tape.backward(y);
  for (Eigen::Index i = 0; i < x.size(); ++i) grad[i] = adjoints[xv[i]];
  return y.value();
}

// f(x) and ∇f(x) on a fresh tape.
template <class F>
std::pair<double, Eigen::VectorXd> value_and_gradient(F&& f, const Eigen::VectorXd& x) {
  Tape tape;
  Eigen::VectorXd grad;
  const double value = value_and_gradient(std::forward<F>(f), x, grad, tape);
  return {value, std::move(grad)};
}

// The Jacobian ∂f_i/∂x_j of f: VectorXv → VectorXv, one reverse sweep per output, and f(x).
template <class F>
std::pair<Eigen::VectorXd, Eigen::MatrixXd> value_and_jacobian(F&& f, const Eigen::VectorXd& x) {
  Tape tape;
  auto scope = tape.activate();
  VectorXv<> xv(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) xv[i] = tape.input(x[i]);
  const VectorXv<> y = f(std::as_const(xv));
  Eigen::VectorXd values(y.size());
  Eigen::MatrixXd jac = Eigen::MatrixXd::Zero(y.size(), x.size());
  Adjoints<double> adjoints;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    values[i] = y[i].value();
    if (!y[i].is_recorded()) continue;  // a constant output: its row stays zero
    tape.backward(y[i], adjoints);
    for (Eigen::Index j = 0; j < x.size(); ++j) jac(i, j) = adjoints[xv[j]];
  }
  return {std::move(values), std::move(jac)};
}
template <class F>
Eigen::MatrixXd jacobian(F&& f, const Eigen::VectorXd& x) {
  return value_and_jacobian(std::forward<F>(f), x).second;
}

}  // namespace tapegrad
