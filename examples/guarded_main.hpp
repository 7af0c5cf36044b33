// SPDX-License-Identifier: MIT
// Every example's main() runs its body through guarded_main: library code never prints, so this
// is where an error (a malformed CSV, a diverged fit) becomes a message on stderr and exit code 1
// instead of an uncaught exception's abort.
#pragma once

#include <cstdio>
#include <exception>
#include <fmt/format.h>

#include "autodiff/error_base.hpp"

namespace tapegrad::examples {

template <class Body>
int guarded_main(const char* program, Body&& body) noexcept {
  try {
    return body();
  } catch (const tapegrad::Error& e) {
    fmt::print(stderr, "{}: error: {}\n", program, e.what());
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}: internal error: {}\n", program, e.what());
  }
  return 1;
}

}  // namespace tapegrad::examples
