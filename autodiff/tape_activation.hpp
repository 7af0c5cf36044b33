// SPDX-License-Identifier: MIT
// Which tape the operators on Var record onto: one active tape per thread, set by
// `tape.activate()` for the lifetime of the TapeScope it returns. A tape is active on at most one
// thread at a time: activating it on a second thread throws TapeThreadError, and so does
// recording on it from a thread other than the one that activated it.
#pragma once

#include <atomic>
#include <memory>

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

// An address unique to the calling thread.
inline const void* this_thread_token() noexcept {
  static thread_local const char token = 0;
  return &token;
}

// Which thread, if any, has a tape active (shared by the tape and its scopes, so that a scope
// that outlives its tape stays harmless).
class TapeOwner {
 public:
  // A scope on this thread begins; throws if the tape is active on another thread.
  void enter() {
    const void* me = this_thread_token();
    const void* owner = nullptr;
    if (!owner_.compare_exchange_strong(owner, me, std::memory_order_acq_rel) && owner != me)
      throw TapeThreadError("activate");
    ++depth_;
  }
  // The scope ends.
  void leave() noexcept {
    if (--depth_ == 0) owner_.store(nullptr, std::memory_order_release);
  }
  // Throws if the tape is active on a thread other than this one (a tape that is active
  // nowhere may be used by one thread at a time without activation).
  [[gnu::noinline, gnu::cold]] void check(const char* what) const {
    const void* owner = owner_.load(std::memory_order_acquire);
    if (owner != nullptr && owner != this_thread_token()) throw TapeThreadError(what);
  }

 private:
  std::atomic<const void*> owner_{nullptr};
  int depth_ = 0;  // nested scopes on the owning thread; touched by it only
};
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
  explicit TapeScope(BasicTape<S>& tape) : owner_(tape.owner_), previous_(detail::active<S>) {
    owner_->enter();
    detail::active<S> = &tape;
  }
  TapeScope(const TapeScope&) = delete;
  TapeScope& operator=(const TapeScope&) = delete;
  ~TapeScope() {
    detail::active<S> = previous_;
    owner_->leave();
  }

 private:
  std::shared_ptr<detail::TapeOwner> owner_;
  BasicTape<S>* previous_;
};

}  // namespace tapegrad
