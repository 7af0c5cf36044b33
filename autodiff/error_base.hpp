// SPDX-License-Identifier: MIT
// tapegrad::Error, the root of every exception tapegrad throws (`catch (const tapegrad::Error&)`
// catches them all). Header-only on purpose: optim and csv derive from it without linking the
// engine, and the engine's own errors (autodiff/errors.hpp) build on it.
#pragma once

#include <stdexcept>

namespace tapegrad {

// The base of every tapegrad exception. what() says what went wrong, where, and how to fix it.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tapegrad
