// SPDX-License-Identifier: MIT
// ADOL-C (Debian libadolc-dev) on the scalar workloads, used as its manual recommends for a
// gradient at a new point: record the function on a tape (trace_on with keep = 1, so the forward
// values stay for the reverse sweep) and run one first-order reverse sweep (fos_reverse). The tape
// is re-recorded for every gradient, as tapegrad re-records; run.sh raises ADOL-C's buffers
// (.adolcrc) so the longest tapes stay in memory rather than spilling to files.
#include <adolc/adolc.h>

#include <vector>

#include "bench/harness.hpp"

namespace bench {
namespace {

constexpr short tag = 1;

struct Adolc {
  std::vector<double> seed{1.0};
  // The tape's buffers are ADOL-C's until removed: removing them lets the next variant's peak heap
  // include what its own tape needs.
  ~Adolc() { removeTape(tag, ADOLC_REMOVE_COMPLETELY); }

  template <class W>
  double gradient(const W& w, std::span<const double> p, std::span<double> g) {
    double y = 0;
    trace_on(tag, 1);
    {
      std::vector<adouble> x(p.size());
      for (std::size_t i = 0; i < p.size(); ++i) x[i] <<= p[i];
      adouble fy = w.template f<adouble>(std::span<const adouble>(x));
      fy >>= y;
    }
    trace_off();
    fos_reverse(tag, 1, int(p.size()), seed.data(), g.data());
    return y;
  }
  // ADOL-C's own count of its tape: one byte per operation code, 4 per location, 8 per value.
  template <class W>
  void report(benchmark::State& state, const W& w) {
    std::size_t counts[STAT_SIZE];
    tapestats(tag, counts);
    const double bytes = double(counts[NUM_OPERATIONS]) * 1 + double(counts[NUM_LOCATIONS]) * 4 +
                         double(counts[NUM_VALUES]) * 8;
    set_tape_bytes(state, bytes, double(scalar_ops(w)));
  }
};

const bool registered = [] {
  add_matrix_workloads<Adolc>("adolc", true);
  add_scalar_workloads<Adolc>("adolc");
  return true;
}();

}  // namespace
}  // namespace bench
