// SPDX-License-Identifier: MIT
// The reduction over data (autodiff/reduce.hpp): the per-sample loss written once and reduced by
// sum_over / mean_over into one tape node, with 1 and 2 threads, next to the hand-coded gradient
// (a single vectorised pass) at n = 10³, 10⁵ and 10⁶. Tape bytes are the whole tape's (they do not
// grow with n); the threaded variants are timed by the wall clock.
#include <array>
#include <cmath>
#include <thread>
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

// The vectorised hand-coded pass split over 2 threads (a std::jthread per gradient takes the second
// half of the rows, as the reduction starts its threads): what a second core gives a loop that
// this machine's memory feeds, the limit of the reduction's 2-thread speed-up.
struct HandEigen2t {
  static constexpr bool wall_clock = true;
  using A4 = Eigen::Array4d;

  // Σ r², Σ r, Σ r·x over rows [b, e), r = y − (w1·x + w0).
  static std::array<double, 3> sums(const Mse& w, std::span<const double> p, std::size_t b,
                                    std::size_t e) {
    A4 s = A4::Zero(), sr = A4::Zero(), srx = A4::Zero();
    std::size_t i = b;
    for (; i + 4 <= e; i += 4) {
      const A4 X = Eigen::Map<const A4>(w.x.data() + i), Y = Eigen::Map<const A4>(w.y.data() + i);
      const A4 r = Y - (p[1] * X + p[0]);
      s += r * r;
      sr += r;
      srx += r * X;
    }
    std::array<double, 3> out{s.sum(), sr.sum(), srx.sum()};
    for (; i < e; ++i) {
      const double r = w.y[i] - (p[1] * w.x[i] + p[0]);
      out[0] += r * r;
      out[1] += r;
      out[2] += r * w.x[i];
    }
    return out;
  }
  // Σ d, Σ d² over rows [b, e), d = x − mu.
  static std::array<double, 3> sums(const NormalLogDensity& w, std::span<const double> p,
                                    std::size_t b, std::size_t e) {
    A4 s1 = A4::Zero(), s2 = A4::Zero();
    std::size_t i = b;
    for (; i + 4 <= e; i += 4) {
      const A4 d = Eigen::Map<const A4>(w.x.data() + i) - p[0];
      s1 += d;
      s2 += d * d;
    }
    std::array<double, 3> out{s1.sum(), s2.sum(), 0.0};
    for (; i < e; ++i) {
      const double d = w.x[i] - p[0];
      out[0] += d;
      out[1] += d * d;
    }
    return out;
  }
  template <class W>
  static std::array<double, 3> both_halves(const W& w, std::span<const double> p) {
    const std::size_t n = w.x.size(), half = n / 2 - n / 2 % 4;
    std::array<double, 3> first{}, second{};
    {
      std::jthread t([&] { second = sums(w, p, half, n); });
      first = sums(w, p, 0, half);
    }  // joins
    for (int k = 0; k < 3; ++k) first[k] += second[k];
    return first;
  }
  double gradient(const Mse& w, std::span<const double> p, std::span<double> g) {
    const auto [s, sr, srx] = both_halves(w, p);
    const double n = double(w.x.size());
    g[0] = -2.0 * sr / n;
    g[1] = -2.0 * srx / n;
    return s / n;
  }
  double gradient(const NormalLogDensity& w, std::span<const double> p, std::span<double> g) {
    const std::array<double, 3> s = both_halves(w, p);
    const double s1 = s[0], s2 = s[1], sigma = p[1], n = double(w.x.size());
    const double inv2 = 1.0 / (sigma * sigma);
    g[0] = s1 * inv2;
    g[1] = -n / sigma + s2 * inv2 / sigma;
    return -0.5 * s2 * inv2 - n * std::log(sigma) - n * NormalLogDensity::half_log_2pi;
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
