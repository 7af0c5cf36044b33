// SPDX-License-Identifier: MIT
// Counts heap use for the benchmark: this executable's malloc family wraps glibc's, so every
// allocation — ours, Eigen's, and the peer libraries' (ADOL-C, Sacado, libtorch allocate through
// malloc or operator new, which calls malloc) — is counted. It feeds Google Benchmark's
// MemoryManager (peak bytes above the start of a run) and the allocations-per-gradient counter.
// glibc only (it forwards to glibc's exported __libc_* entry points); the bench is Debian-only.
#include "bench/heap_counter.hpp"

#include <malloc.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>

extern "C" {
void* __libc_malloc(std::size_t);
void __libc_free(void*);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
void* __libc_valloc(std::size_t);
void* __libc_pvalloc(std::size_t);
}

namespace {

std::atomic<std::int64_t> live{0};
std::atomic<std::int64_t> peak{0};
std::atomic<std::int64_t> count{0};

void raise_peak(std::int64_t now) {
  std::int64_t p = peak.load(std::memory_order_relaxed);
  while (now > p && !peak.compare_exchange_weak(p, now, std::memory_order_relaxed)) {
  }
}
void* on_alloc(void* p) {
  if (p == nullptr) return p;
  const auto size = static_cast<std::int64_t>(malloc_usable_size(p));
  count.fetch_add(1, std::memory_order_relaxed);
  raise_peak(live.fetch_add(size, std::memory_order_relaxed) + size);
  return p;
}
void on_free(void* p) {
  if (p != nullptr)
    live.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
}

}  // namespace

extern "C" {
void* malloc(std::size_t n) { return on_alloc(__libc_malloc(n)); }
void free(void* p) {
  on_free(p);
  __libc_free(p);
}
void* calloc(std::size_t n, std::size_t size) { return on_alloc(__libc_calloc(n, size)); }
void* realloc(void* p, std::size_t n) {
  const auto old = p != nullptr ? static_cast<std::int64_t>(malloc_usable_size(p)) : 0;
  void* q = __libc_realloc(p, n);
  if (q == nullptr) {
    if (n == 0) live.fetch_sub(old, std::memory_order_relaxed);  // realloc(p, 0) freed p
    return q;
  }
  live.fetch_sub(old, std::memory_order_relaxed);
  return on_alloc(q);
}
void* memalign(std::size_t align, std::size_t n) { return on_alloc(__libc_memalign(align, n)); }
void* aligned_alloc(std::size_t align, std::size_t n) {
  return on_alloc(__libc_memalign(align, n));
}
void* valloc(std::size_t n) { return on_alloc(__libc_valloc(n)); }
void* pvalloc(std::size_t n) { return on_alloc(__libc_pvalloc(n)); }
int posix_memalign(void** out, std::size_t align, std::size_t n) {
  if (align < sizeof(void*) || (align & (align - 1)) != 0) return EINVAL;
  void* p = on_alloc(__libc_memalign(align, n));
  if (p == nullptr) return ENOMEM;
  *out = p;
  return 0;
}
}

namespace bench::heap {

std::int64_t allocations() { return count.load(std::memory_order_relaxed); }
std::int64_t live_bytes() { return live.load(std::memory_order_relaxed); }
std::int64_t reset_peak() {
  const std::int64_t now = live.load(std::memory_order_relaxed);
  peak.store(now, std::memory_order_relaxed);
  return now;
}
std::int64_t peak_bytes() { return peak.load(std::memory_order_relaxed); }

}  // namespace bench::heap
