// SPDX-License-Identifier: MIT
// The test_autodiff executable replaces the global operator new (counted_new.cpp, every form) so
// that tests can count allocations (explain's linearity, explain_linear.cpp) and make the Nth one
// fail (the strong exception guarantee, allocation_failure.cpp). Off unless a test turns it on.
#pragma once

#include <cstdint>

namespace tapegrad::testing {

// While `counting`, every operator new counts itself and its bytes; the one that finds
// `countdown` at 0 throws std::bad_alloc (once: the handler's own allocations succeed).
struct Injection {
  bool counting = false;
  std::int64_t countdown = -1;
  std::int64_t seen = 0;
  std::uint64_t bytes = 0;
};
extern Injection injection;

}  // namespace tapegrad::testing
