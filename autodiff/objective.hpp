// SPDX-License-Identifier: MIT
// The glue from a function written over Vars to an optimizer's objective: `objective(f)` returns
// a callable double(const VectorXd& x, VectorXd& grad) — what tapegrad::optim::minimize takes —
// that records f on its own tape and sweeps backward. The tape, the input Vars and the adjoint
// buffer are reused, so after the first call an evaluation allocates nothing.
//
//   auto loss = tapegrad::objective([](const auto& w) { return pow(w[0] - 3.0, 2); });
//   optim::minimize(loss, x0, gd);
#pragma once

#include <Eigen/Core>
#include <memory>
#include <utility>

#include "autodiff/eigen_support.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var_ops.hpp"

namespace tapegrad {

// F: const VectorXv<>& → Var. Copies share one tape (std::function needs a copyable callable),
// so use one copy per thread.
template <class F>
class TapeObjective {
 public:
  explicit TapeObjective(F f, TapeOptions options = {})
      : state_(std::make_shared<State>(std::move(f), options)) {}

  // L(x), with ∇L(x) written into grad (resized to x's size).
  double operator()(const Eigen::VectorXd& x, Eigen::VectorXd& grad) const {
    State& s = *state_;
    s.tape.rewind();
    auto scope = s.tape.activate();
    s.inputs.resize(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) s.inputs[i] = s.tape.input(x[i]);
    const Var y = s.f(std::as_const(s.inputs));
    grad.resize(x.size());
    if (!y.is_recorded()) {  // f does not depend on x
      grad.setZero();
      return y.value();
    }
    s.tape.backward(y, s.adjoints);
    for (Eigen::Index i = 0; i < x.size(); ++i) grad[i] = s.adjoints[s.inputs[i]];
    return y.value();
  }

  // The tape f is recorded on (its size and capacity after a call show what one evaluation costs).
  const Tape& tape() const { return state_->tape; }

 private:
  struct State {
    State(F f_, TapeOptions options) : f(std::move(f_)), tape(options) {}
    F f;
    Tape tape;
    VectorXv<> inputs;
    Adjoints<double> adjoints;
  };
  std::shared_ptr<State> state_;
};

template <class F>
TapeObjective<F> objective(F f, TapeOptions options = {}) {
  return TapeObjective<F>(std::move(f), options);
}

}  // namespace tapegrad
