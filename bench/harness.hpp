// SPDX-License-Identifier: MIT
// The harness every variant runs in: workloads built once per size, a gradient check against the
// hand-coded gradient before anything is timed (a wrong gradient fails the run loudly), the timed
// loop, and registration under the name `workload/n/variant` that the table printer groups by.
//
// A variant is a type with `double gradient(const W&, std::span<const double> point,
// std::span<double> grad)` (returns the function's value, writes the gradient) and, optionally,
// `void report(benchmark::State&, const W&)` to add counters such as tape bytes per operation.
// A variant that computes only the value declares `static constexpr bool value_only = true`.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "bench/heap_counter.hpp"
#include "bench/workloads.hpp"

namespace bench {

// Set when any variant's gradient disagrees with the hand-coded one; main() then exits non-zero.
inline std::atomic<bool> check_failed{false};

// One instance per workload and size, built on first use and kept, so that building the data is
// neither timed nor counted in a variant's peak memory.
template <class W>
const W& workload(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<W>> cache;
  auto& slot = cache[n];
  if (!slot) slot = std::make_unique<W>(n);
  return *slot;
}

// Whether `got` agrees with `want` to 1e-9 relative to the largest component (sums over 10⁵
// terms in a different order differ in the last few digits, never in the ninth).
inline bool agrees(std::span<const double> got, std::span<const double> want, std::string& why) {
  double scale = 0;
  for (double w : want) scale = std::max(scale, std::abs(w));
  for (std::size_t i = 0; i < want.size(); ++i) {
    const double tol = 1e-9 * (std::abs(want[i]) + scale) + 1e-300;
    if (!(std::abs(got[i] - want[i]) <= tol)) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "component %zu is %.17g, the hand-coded gradient says %.17g", i,
                    got[i], want[i]);
      why = buf;
      return false;
    }
  }
  return true;
}

template <class V, class W>
bool check_variant(const W& w, const std::string& label, benchmark::State& state) {
  V variant;
  std::vector<double> got(w.params(), std::nan("")), want(w.params());
  const double want_value = w.grad_loop(w.point, want);
  const double got_value = variant.gradient(w, w.point, got);
  std::string why;
  bool ok = true;
  const double value_pair[2] = {got_value, want_value};
  if (!agrees(std::span(value_pair, 1), std::span(value_pair + 1, 1), why)) {
    why = "the value " + why.substr(why.find(" is ") + 4);
    ok = false;
  } else if constexpr (!requires { V::value_only; }) {
    ok = agrees(got, want, why);
  }
  if (!ok) {
    std::fprintf(stderr, "GRADIENT CHECK FAILED: %s: %s\n", label.c_str(), why.c_str());
    check_failed = true;
    state.SkipWithError(("gradient check failed: " + why).c_str());
  }
  return ok;
}

// The hand-coded gradient: a scalar loop, and vectorised (Eigen) where that is faster.
struct HandLoop {
  template <class W>
  double gradient(const W& w, std::span<const double> p, std::span<double> g) {
    return w.grad_loop(p, g);
  }
};
struct HandEigen {
  template <class W>
  double gradient(const W& w, std::span<const double> p, std::span<double> g) {
    return w.grad_eigen(p, g);
  }
};

// The timed benchmark of variant V on workload W of size n.
template <class V, class W>
void run(benchmark::State& state, std::size_t n, const std::string& label) {
  const W& w = workload<W>(n);
  if (!check_variant<V>(w, label, state)) return;
  // The chain's derivative underflows to 0 after ~900 steps; check a short chain as well.
  if constexpr (std::is_same_v<W, Chain>)
    if (!check_variant<V>(workload<W>(40), label + " (40 steps)", state)) return;
  V variant;
  std::vector<double> grad(w.params());
  for (auto _ : state) {
    benchmark::DoNotOptimize(variant.gradient(w, w.point, grad));
    benchmark::ClobberMemory();
  }
  // In the steady state (after the timed loop) a gradient should allocate nothing.
  const std::int64_t before = heap::allocations();
  for (int k = 0; k < 2; ++k) benchmark::DoNotOptimize(variant.gradient(w, w.point, grad));
  state.counters["allocs_per_grad"] = double(heap::allocations() - before) / 2.0;
  if constexpr (requires { variant.report(state, w); }) variant.report(state, w);
  // A variant that runs threads of its own is timed by the wall clock (the table reads real_time).
  if constexpr (requires { V::wall_clock; }) state.counters["wall_clock"] = 1;
}

// The benchmarks to run, collected from every variant's file and registered by main() in order of
// size: a peer whose global state grows with the largest problem it has seen (ADOL-C's location
// store) then meets each size after only smaller ones, whatever the order of the files.
struct Entry {
  std::size_t n;
  std::string label;
  std::function<void(benchmark::State&)> run;
  bool wall_clock = false;
  bool manual_time = false;  // the run sets each iteration's time itself (a process it started)
};
inline std::vector<Entry>& entries() {
  static std::vector<Entry> all;
  return all;
}
inline void register_all() {
  auto& all = entries();
  std::stable_sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) { return a.n < b.n; });
  for (const Entry& e : all) {
    auto* b = benchmark::RegisterBenchmark(e.label.c_str(), e.run)->Unit(benchmark::kMicrosecond);
    if (e.manual_time)
      b->UseManualTime()->Iterations(1);
    else if (e.wall_clock)
      b->UseRealTime();
  }
}

// Adds V on workload W for each size, as `workload/n/variant`.
template <class V, class W>
void add(const std::string& variant, std::initializer_list<std::size_t> sizes) {
  for (std::size_t n : sizes) {
    const std::string label = std::string(W::name) + "/" + std::to_string(n) + "/" + variant;
    entries().push_back({n, label, [n, label](benchmark::State& s) { run<V, W>(s, n, label); },
                         requires { V::wall_clock; }});
  }
}

inline constexpr std::initializer_list<std::size_t> data_sizes = {10, 1000, 100000};
inline constexpr std::initializer_list<std::size_t> chain_sizes = {1000, 100000};

// Registers V on every scalar workload at every size.
template <class V>
void add_scalar_workloads(const std::string& variant) {
  add<V, Mse>(variant, data_sizes);
  add<V, LogSumExp>(variant, data_sizes);
  add<V, NormalLogDensity>(variant, data_sizes);
  add<V, Chain>(variant, chain_sizes);
}

// Registers V on the workloads that also have a matrix-level variant. A tape of scalar Vars for
// the 256² matrix product would hold 34 million operations (a gigabyte): scalar variants run 64²
// only (`scalar_tape`).
template <class V>
void add_matrix_workloads(const std::string& variant, bool scalar_tape) {
  add<V, Logistic>(variant, {1000});
  if (scalar_tape)
    add<V, SumMatmul>(variant, {64});
  else
    add<V, SumMatmul>(variant, {64, 256});
  add<V, Mlp>(variant, {100});
}

// Bytes per scalar operation, as a counter the table printer reads.
inline void set_tape_bytes(benchmark::State& state, double bytes, double ops) {
  state.counters["tape_bytes"] = bytes;
  state.counters["tape_bytes_per_op"] = bytes / ops;
}

}  // namespace bench
