// SPDX-License-Identifier: MIT
// Ctrl-C during a long `descend`: while an InterruptScope lives, SIGINT only sets a flag, which
// the minimise loop reads between steps (optim::MinimizeOptions::interrupted), so the run ends
// after the current step with its history and result written, and the command exits 130.
#pragma once

#include <csignal>

namespace tapegrad::cli {

class InterruptScope {
 public:
  // Installs the handler. It resets itself when it fires, so a second Ctrl-C ends the process
  // at once (for a step that never finishes).
  InterruptScope();
  // Restores the handler that was there before.
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  // Whether SIGINT arrived since the scope began.
  bool interrupted() const;

 private:
  struct sigaction previous_ {};
};

}  // namespace tapegrad::cli
