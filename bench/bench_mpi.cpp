// SPDX-License-Identifier: MIT
// The headline loss over 10⁶ rows split across MPI ranks: `mpirun -np R tapegrad_bench_mpi`
// (mpi_worker.cpp) with R = 1 and 2, each rank summing its block of rows with the library's
// reduction and mpi::sum_over_ranks combining them. The time per evaluation is the worker's own
// (the slowest rank's, best of 3 blocks of 20), reported as the benchmark's manual time; start-up
// and data generation are not in it. The gradient is checked against the hand-coded one first.
#include <cstdio>
#include <memory>
#include <string>

#include "bench/harness.hpp"

namespace bench {
namespace {

struct WorkerResult {
  double seconds = 0.0, value = 0.0;
  std::vector<double> gradient;
  std::string error;
};

WorkerResult run_worker(int ranks, std::size_t rows) {
  const std::string command = std::string(TAPEGRAD_MPIRUN) + " -np " + std::to_string(ranks) + " " +
                              TAPEGRAD_BENCH_MPI_WORKER + " " + std::to_string(rows) + " 20 3 2>&1";
  WorkerResult r;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) {
    r.error = "cannot run " + command;
    return r;
  }
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe.get()) != nullptr) out += buf;
  const int status = pclose(pipe.release());
  r.gradient.resize(2);
  if (status != 0 || std::sscanf(out.c_str(), "%lf %lf %lf %lf", &r.seconds, &r.value, &r.gradient[0],
                                 &r.gradient[1]) != 4)
    r.error = "`" + command + "` failed: " + out;
  return r;
}

void run_ranks(benchmark::State& state, int ranks, std::size_t rows, const std::string& label) {
  const WorkerResult first = run_worker(ranks, rows);
  if (!first.error.empty()) {
    state.SkipWithError(first.error.c_str());
    return;
  }
  const Mse& w = workload<Mse>(rows);
  std::vector<double> want(2);
  const double want_value[1] = {w.grad_loop(w.point, want)}, got_value[1] = {first.value};
  std::string why;
  if (!agrees(got_value, want_value, why) || !agrees(first.gradient, want, why)) {
    std::fprintf(stderr, "GRADIENT CHECK FAILED: %s: %s\n", label.c_str(), why.c_str());
    check_failed = true;
    state.SkipWithError(("gradient check failed: " + why).c_str());
    return;
  }
  for (auto _ : state) {
    const WorkerResult r = run_worker(ranks, rows);
    if (!r.error.empty()) {
      state.SkipWithError(r.error.c_str());
      return;
    }
    state.SetIterationTime(r.seconds);
  }
  state.counters["wall_clock"] = 1;
  state.counters["ranks"] = ranks;
}

const bool registered = [] {
  constexpr std::size_t rows = 1000000;
  for (int ranks : {1, 2}) {
    const std::string label =
        "mse/" + std::to_string(rows) + "/mpi_" + std::to_string(ranks) + (ranks == 1 ? "rank" : "ranks");
    entries().push_back({rows, label, [=](benchmark::State& s) { run_ranks(s, ranks, rows, label); },
                         true, true});
  }
  return true;
}();

}  // namespace
}  // namespace bench
