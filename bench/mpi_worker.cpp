// SPDX-License-Identifier: MIT
// tapegrad_bench_mpi: one MPI rank of the benchmark's distributed rows (bench_mpi.cpp starts it
// under mpirun with 1 and 2 ranks). Every rank builds the same data set, keeps its contiguous
// block of rows, and evaluates the headline loss's mean with the library's reduction (mean_over's
// sum, one thread) combined over the ranks by mpi::sum_over_ranks — what an optimizer step costs.
// Rank 0 prints one line: seconds per evaluation (the best of `repeats` timed blocks), the value
// and the gradient, which the benchmark checks against the hand-coded ones.
//
//   mpirun -np 2 tapegrad_bench_mpi 1000000 50 3
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include "autodiff/autodiff.hpp"
#include "autodiff/reduce.hpp"
#include "bench/workloads.hpp"
#include "mpi/sum_over_ranks.hpp"

int main(int argc, char** argv) {
  tapegrad::mpi::Session session(argc, argv);
  try {
    if (argc != 4) {
      std::fprintf(stderr, "usage: tapegrad_bench_mpi ROWS EVALUATIONS REPEATS\n");
      return 2;
    }
    const std::size_t n = std::stoul(argv[1]);
    const int evaluations = std::stoi(argv[2]), repeats = std::stoi(argv[3]);
    const bench::Mse data(n);
    const auto r = static_cast<std::size_t>(session.rank()), size = static_cast<std::size_t>(session.size());
    const std::size_t begin = n * r / size, end = n * (r + 1) / size;
    const std::span<const double> x(data.x.data() + begin, end - begin), y(data.y.data() + begin, end - begin);

    tapegrad::Tape tape;
    tapegrad::Adjoints<double> adjoints;
    // This rank's share of the mean: Σ over its rows, divided by the global n.
    const tapegrad::optim::Objective local = [&](const Eigen::VectorXd& w, Eigen::VectorXd& g) {
      tape.rewind();
      auto scope = tape.activate();
      const tapegrad::Var w0 = tape.input(w[0]), w1 = tape.input(w[1]);
      const tapegrad::Var s = tapegrad::sum_over(
          tapegrad::columns(x, y), [&](auto xi, auto yi) { return pow(yi - (w1 * xi + w0), 2); },
          {.threads = 1});
      const tapegrad::Var f = s / double(n);
      tape.backward(f, adjoints);
      g.resize(2);
      g << adjoints[w0], adjoints[w1];
      return f.value();
    };
    const tapegrad::optim::Objective global = tapegrad::mpi::sum_over_ranks(local);

    Eigen::VectorXd w(2), g(2);
    w << data.point[0], data.point[1];
    double value = global(w, g);  // warm-up: pages touched, buffers sized
    double best = 1e300;
    for (int k = 0; k < repeats; ++k) {
      MPI_Barrier(MPI_COMM_WORLD);
      const auto t0 = std::chrono::steady_clock::now();
      for (int e = 0; e < evaluations; ++e) value = global(w, g);
      const std::chrono::duration<double> t = std::chrono::steady_clock::now() - t0;
      // The slowest rank sets the step's time.
      double seconds = t.count() / evaluations, slowest = 0.0;
      MPI_Allreduce(&seconds, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
      best = std::min(best, slowest);
    }
    if (session.rank() == 0) std::printf("%.9g %.17g %.17g %.17g\n", best, value, g[0], g[1]);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tapegrad_bench_mpi: rank %d: %s\n", session.rank(), e.what());
    return 1;
  }
}
