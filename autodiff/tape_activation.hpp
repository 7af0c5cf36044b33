// SPDX-License-Identifier: MIT
// Which tape the operators on Var record onto: one active tape per thread, set by
// `tape.activate()` for the lifetime of the TapeScope it returns.
#pragma once

#include "autodiff/errors.hpp"
#include "autodiff/hot.hpp"

namespace tapegrad {

template <class S>
class BasicTape;

namespace detail {
// The tape operators on Var record onto; set only through TapeScope.
template <class S>
inline thread_local BasicTape<S>* active = nullptr;
// Out of line, so that the check in active_tape() inlines into every recorded op.
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_no_active_tape() {
  throw NoActiveTapeError();
}
}  // namespace detail

// The tape active on this thread; throws NoActiveTapeError when there is none.
template <class S = double>
TAPEGRAD_HOT BasicTape<S>& active_tape() {
  BasicTape<S>* tape = detail::active<S>;
  if (tape == nullptr) [[unlikely]] detail::throw_no_active_tape();
  return *tape;
}

// Activates a tape for the current thread for the scope's lifetime, then restores the previous one.
template <class S>
class [[nodiscard]] TapeScope {
 public:
  explicit TapeScope(BasicTape<S>& tape) : previous_(detail::active<S>) {
    detail::active<S> = &tape;
  }
  TapeScope(const TapeScope&) = delete;
  TapeScope& operator=(const TapeScope&) = delete;
  ~TapeScope() { detail::active<S> = previous_; }

 private:
  BasicTape<S>* previous_;
};

}  // namespace tapegrad
