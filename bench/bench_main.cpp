// SPDX-License-Identifier: MIT
// The benchmark executable's entry point: registers the heap counter as Google Benchmark's memory
// manager (peak heap above the start of each run, reported as max_bytes_used), runs every
// registered variant, and fails (exit 1) if any variant's gradient disagreed with the hand-coded one.
#include <benchmark/benchmark.h>

#include <pmmintrin.h>
#include <xmmintrin.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "bench/harness.hpp"
#include "bench/heap_counter.hpp"

namespace {

class HeapManager : public benchmark::MemoryManager {
 public:
  void Start() override {
    start_allocations_ = bench::heap::allocations();
    start_bytes_ = bench::heap::reset_peak();
  }
  void Stop(Result& result) override {
    result.num_allocs = bench::heap::allocations() - start_allocations_;
    result.max_bytes_used = bench::heap::peak_bytes() - start_bytes_;
    result.net_heap_growth = bench::heap::live_bytes() - start_bytes_;
  }
  void Stop(Result* result) override { Stop(*result); }

 private:
  std::int64_t start_allocations_ = 0;
  std::int64_t start_bytes_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  // TAPEGRAD_BENCH_FTZ=1 flushes subnormal numbers to zero (FTZ and DAZ) for every variant alike.
  // Off by default: users get IEEE arithmetic. It shows how much of the chain's reverse sweep is
  // spent on subnormal adjoints (see docs/bench.md).
  const char* ftz = std::getenv("TAPEGRAD_BENCH_FTZ");
  const bool flush = ftz != nullptr && std::string_view(ftz) == "1";
  if (flush) {
    _MM_SET_FLUSH_ZERO_MODE(_MM_FLUSH_ZERO_ON);
    _MM_SET_DENORMALS_ZERO_MODE(_MM_DENORMALS_ZERO_ON);
  }
  benchmark::AddCustomContext("subnormals", flush ? "flushed to zero (FTZ+DAZ)" : "IEEE");
  HeapManager heap_manager;
  benchmark::RegisterMemoryManager(&heap_manager);
  bench::register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  benchmark::RegisterMemoryManager(nullptr);
  if (bench::check_failed) {
    std::fprintf(stderr, "tapegrad_bench: at least one gradient check FAILED (see above)\n");
    return 1;
  }
  return 0;
}
