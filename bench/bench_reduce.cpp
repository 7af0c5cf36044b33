// SPDX-License-Identifier: MIT
// The reduction over data (autodiff/reduce.hpp): the per-sample loss written once and reduced by
// sum_over / mean_over into one tape node, with 1 and 2 threads, next to the hand-coded gradient
// (a single vectorised pass) at n = 10³, 10⁵ and 10⁶. Tape bytes are the whole tape's (they do not
// grow with n); the threaded variants are timed by the wall clock.
#include <array>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "autodiff/reduce.hpp"
#include "bench/harness.hpp"

namespace bench {
namespace {

using tapegrad::Var;

template <unsigned threads>
struct TapegradReduce {
  static constexpr bool wall_clock = true;
  tapegrad::Tape tape;
  tapegrad::Adjoints<double> adjoints;

  template <class W>
  double gradient(const W& w, std::span<const double> p, std::span<double> g) {
    tape.rewind();
    auto scope = tape.activate();
    const Var a = tape.input(p[0]), b = tape.input(p[1]);
    const Var y = loss(w, a, b);
    tape.backward(y, adjoints);
    g[0] = adjoints[a];
    g[1] = adjoints[b];
    return y.value();
  }
  // The per-sample losses, as a user writes them.
  Var loss(const Mse& w, const Var& w0, const Var& w1) {
    return tapegrad::mean_over(tapegrad::columns(w.x, w.y),
                               [&](auto x, auto y) { return pow(y - (w1 * x + w0), 2); },
                               {.threads = threads});
  }
  Var loss(const NormalLogDensity& w, const Var& mu, const Var& sigma) {
    return tapegrad::sum_over(
        tapegrad::columns(w.x),
        [&](auto x) {
          return -(log(sigma) + 0.5 * pow((x - mu) / sigma, 2)) - NormalLogDensity::half_log_2pi;
        },
        {.threads = threads});
  }
  Var loss(const LogisticLine& w, const Var& w0, const Var& w1) {
    return tapegrad::mean_over(tapegrad::columns(w.x, w.y),
                               [&](auto x, auto y) {
                                 const auto z = w1 * x + w0;
                                 return softplus(z) - y * z;
                               },
                               {.threads = threads});
  }
  template <class W>
  void report(benchmark::State& state, const W&) {
    state.counters["tape_bytes"] = double(tape.stats().bytes_used);
  }
};

// The vectorised hand-coded pass split over 2 threads (the second half of the rows on a thread of
// the same WorkerPool the reduction uses, so both pay the same to wake it): what a second core
// gives a loop that this machine's memory feeds, the limit of the reduction's 2-thread speed-up.
struct HandEigen2t {
  static constexpr bool wall_clock = true;
  template <class W>
  double gradient(const W& w, std::span<const double> p, std::span<double> g) {
    const std::size_t n = w.x.size(), half = n / 2 - n / 2 % 4;
    std::array<std::array<double, 3>, 2> sums{};
    tapegrad::WorkerPool::shared().run(2, [&](std::size_t t) {
      sums[t] = t == 0 ? w.eigen_sums(p, 0, half) : w.eigen_sums(p, half, n);
    });
    for (int k = 0; k < 3; ++k) sums[0][k] += sums[1][k];
    return w.gradient_from_sums(p, sums[0], g);
  }
};

constexpr std::initializer_list<std::size_t> reduce_sizes = {1000, 100000, 1000000};

const bool registered = [] {
  // The hand-coded references at 10⁶ (10³ and 10⁵ are registered with the other variants).
  add<HandLoop, Mse>("hand_loop", {1000000});
  add<HandEigen, Mse>("hand_eigen", {1000000});
  add<HandLoop, NormalLogDensity>("hand_loop", {1000000});
  add<HandEigen, NormalLogDensity>("hand_eigen", {1000000});
  add<HandEigen2t, Mse>("hand_eigen_2t", {1000000});
  add<HandEigen2t, NormalLogDensity>("hand_eigen_2t", {1000000});
  add<HandLoop, LogisticLine>("hand_loop", reduce_sizes);
  add<HandEigen, LogisticLine>("hand_eigen", reduce_sizes);
  add<TapegradReduce<1>, Mse>("tapegrad_reduce_1t", reduce_sizes);
  add<TapegradReduce<2>, Mse>("tapegrad_reduce_2t", reduce_sizes);
  add<TapegradReduce<1>, NormalLogDensity>("tapegrad_reduce_1t", reduce_sizes);
  add<TapegradReduce<2>, NormalLogDensity>("tapegrad_reduce_2t", reduce_sizes);
  add<TapegradReduce<1>, LogisticLine>("tapegrad_reduce_1t", reduce_sizes);
  add<TapegradReduce<2>, LogisticLine>("tapegrad_reduce_2t", reduce_sizes);
  return true;
}();

}  // namespace
}  // namespace bench
