// SPDX-License-Identifier: MIT
// Heap counters for the benchmark (see heap_counter.cpp): every malloc in the process is counted.
#pragma once

#include <cstdint>

namespace bench::heap {

std::int64_t allocations();  // allocations made so far
std::int64_t live_bytes();   // bytes allocated and not yet freed
std::int64_t reset_peak();   // makes the peak the current live bytes, and returns them
std::int64_t peak_bytes();   // the most live bytes since the last reset_peak()

}  // namespace bench::heap
