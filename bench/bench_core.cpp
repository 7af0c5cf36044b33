// SPDX-License-Identifier: MIT
// The reference variants (the function on plain doubles, the hand-coded gradient as a scalar loop
// and with Eigen) and tapegrad with scalar Vars, on every scalar workload.
#include <vector>

#include "autodiff/autodiff.hpp"
#include "bench/harness.hpp"

namespace bench {
namespace {

// The function alone, on plain doubles: what one evaluation costs without any derivative.
struct Plain {
  static constexpr bool value_only = true;
  template <class W>
  double gradient(const W& w, std::span<const double> p, std::span<double>) {
    return w.template f<double>(p);
  }
};

// tapegrad as a training loop uses it: one tape, rewound before each recording (so it keeps its
// capacity), the inputs entered, f recorded, one reverse sweep into a reused adjoint buffer.
struct TapegradScalar {
  tapegrad::Tape tape;
  std::vector<tapegrad::Var> inputs;
  tapegrad::Adjoints<double> adjoints;

  template <class W>
  double gradient(const W& w, std::span<const double> p, std::span<double> g) {
    tape.rewind();
    auto scope = tape.activate();
    inputs.clear();
    for (double v : p) inputs.push_back(tape.input(v));
    const tapegrad::Var y = w.template f<tapegrad::Var>(inputs);
    tape.backward(y, adjoints);
    for (std::size_t i = 0; i < inputs.size(); ++i) g[i] = adjoints[inputs[i]];
    return y.value();
  }
  template <class W>
  void report(benchmark::State& state, const W& w) {
    set_tape_bytes(state, double(tape.stats().bytes_used), double(scalar_ops(w)));
  }
};

// The convenience API, value_and_gradient(f, x, grad, tape), which a user reaches for first.
struct TapegradValueAndGradient {
  tapegrad::Tape tape;
  Eigen::VectorXd grad;

  template <class W>
  double gradient(const W& w, std::span<const double> p, std::span<double> g) {
    const Eigen::Map<const Eigen::VectorXd> x(p.data(), Eigen::Index(p.size()));
    const double y = tapegrad::value_and_gradient(
        [&](const tapegrad::VectorXv<>& xv) {
          return w.template f<tapegrad::Var>(std::span<const tapegrad::Var>(xv.data(), p.size()));
        },
        x, grad, tape);
    for (std::size_t i = 0; i < p.size(); ++i) g[i] = grad[Eigen::Index(i)];
    return y;
  }
};

// sum(A·B) only: the reverse pass by hand without exploiting dC = 1 (see SumMatmul).
struct HandChainRule {
  double gradient(const SumMatmul& w, std::span<const double> p, std::span<double> g) {
    return w.grad_chain_rule(p, g);
  }
};

const bool registered = [] {
  add_scalar_workloads<Plain>("plain");
  add_scalar_workloads<HandLoop>("hand_loop");
  add<HandEigen, Mse>("hand_eigen", data_sizes);
  add<HandEigen, LogSumExp>("hand_eigen", data_sizes);
  add<HandEigen, NormalLogDensity>("hand_eigen", data_sizes);
  add_scalar_workloads<TapegradScalar>("tapegrad");
  add<TapegradValueAndGradient, Mse>("tapegrad_vg", {1000});
  // A chain of 10⁶ scalar operations (166667 steps of 6), for the engine's headline numbers.
  add<Plain, Chain>("plain", {166667});
  add<HandLoop, Chain>("hand_loop", {166667});
  add<TapegradScalar, Chain>("tapegrad", {166667});
  add_matrix_workloads<Plain>("plain", false);
  add_matrix_workloads<HandLoop>("hand_loop", false);
  add_matrix_workloads<HandEigen>("hand_eigen", false);
  add<HandChainRule, SumMatmul>("hand_chain_rule", {64, 256});
  add_matrix_workloads<TapegradScalar>("tapegrad", true);
  return true;
}();

}  // namespace
}  // namespace bench
