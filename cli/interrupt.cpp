// SPDX-License-Identifier: MIT
// The SIGINT flag (see interrupt.hpp). A signal handler may only store to a volatile
// sig_atomic_t, so that is all it does; the loop does the rest outside the handler.
#include "cli/interrupt.hpp"

namespace tapegrad::cli {
namespace {

volatile std::sig_atomic_t interrupt_requested = 0;

extern "C" void on_sigint(int) { interrupt_requested = 1; }

}  // namespace

InterruptScope::InterruptScope() {
  interrupt_requested = 0;
  struct sigaction action {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  // SA_RESETHAND: the second Ctrl-C gets the default action. No SA_RESTART needed: the loop
  // makes no blocking system calls that an interruption would confuse.
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, &previous_);
}

InterruptScope::~InterruptScope() { sigaction(SIGINT, &previous_, nullptr); }

bool InterruptScope::interrupted() const { return interrupt_requested != 0; }

}  // namespace tapegrad::cli
