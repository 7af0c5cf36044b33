// SPDX-License-Identifier: MIT
// The executable's operator new and delete, every form, counting and failing on request (see
// counted_new.hpp).
#include "tests/autodiff/counted_new.hpp"

#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

namespace tapegrad::testing {
Injection injection;
}  // namespace tapegrad::testing

namespace {
using tapegrad::testing::injection;

void* allocate(std::size_t n, std::size_t align) {
  if (injection.counting) {
    ++injection.seen;
    injection.bytes += n;
    if (injection.countdown == 0) {
      injection.countdown = -1;  // one failure per run: the handler's own allocations succeed
      throw std::bad_alloc();
    }
    if (injection.countdown > 0) --injection.countdown;
  }
  if (n == 0) n = 1;
  void* p = align <= alignof(std::max_align_t)
                ? std::malloc(n)
                : std::aligned_alloc(align, (n + align - 1) / align * align);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
}  // namespace

void* operator new(std::size_t n) { return allocate(n, 0); }
void* operator new[](std::size_t n) { return allocate(n, 0); }
void* operator new(std::size_t n, std::align_val_t a) { return allocate(n, std::size_t(a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate(n, std::size_t(a)); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
// The nothrow forms too (std::stable_sort's temporary buffer uses them): every form of new in this
// executable must pair with the deletes above, or AddressSanitizer reports a mismatch.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try { return allocate(n, 0); } catch (const std::bad_alloc&) { return nullptr; }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try { return allocate(n, 0); } catch (const std::bad_alloc&) { return nullptr; }
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  try { return allocate(n, std::size_t(a)); } catch (const std::bad_alloc&) { return nullptr; }
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  try { return allocate(n, std::size_t(a)); } catch (const std::bad_alloc&) { return nullptr; }
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }


// The counter itself, which the linearity and allocation-failure tests rely on.
BOOST_AUTO_TEST_SUITE(counted_new)

BOOST_AUTO_TEST_CASE(counts_every_allocation_and_its_bytes_and_fails_the_one_asked_once) {
  injection = {.counting = true};
  auto* a = new std::vector<double>(100);
  injection.counting = false;
  BOOST_TEST(injection.seen == 2);  // the vector object and its 100 doubles
  BOOST_TEST(injection.bytes == sizeof(std::vector<double>) + 100 * sizeof(double));
  delete a;
  injection = {.counting = true, .countdown = 1};
  BOOST_CHECK_NO_THROW(delete new int(1));
  BOOST_CHECK_THROW(delete new int(2), std::bad_alloc);
  BOOST_CHECK_NO_THROW(delete new int(3));  // once only
  injection.counting = false;
}

BOOST_AUTO_TEST_SUITE_END()
