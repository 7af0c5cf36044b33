// SPDX-License-Identifier: MIT
// The exception optim throws for a misuse (a bad option, mismatched sizes). It derives from
// tapegrad::Error through the header-only autodiff/error_base.hpp: optim links no part of autodiff.
// The messages follow tr()'s language (i18n/); option names and values stay as written.
#pragma once

#include <Eigen/Core>
#include <fmt/format.h>
#include <string_view>

#include "autodiff/error_base.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::optim {

// A bad argument to an optimizer, schedule, stopping rule or the loop: the message says which
// option, its value, and what it must be.
class OptimError : public Error {
 public:
  using Error::Error;
};

namespace detail {

// Throws unless lo < value (or lo ≤ value when closed) — e.g. a learning rate must be > 0.
inline void require_above(std::string_view where, std::string_view option, double value, double lo,
                          bool closed = false) {
  if (closed ? value >= lo : value > lo) return;
  throw OptimError(closed ? trf("{}: {} = {} must be >= {}", where, option, value, lo)
                          : trf("{}: {} = {} must be > {}", where, option, value, lo));
}
// Throws unless value < hi — e.g. a decay rate β must be < 1.
inline void require_below(std::string_view where, std::string_view option, double value, double hi) {
  if (value < hi) return;
  throw OptimError(trf("{}: {} = {} must be < {}", where, option, value, hi));
}
// Sizes a state vector to x at the first step; afterwards x must keep that size.
inline void size_state(std::string_view where, Eigen::VectorXd& state, Eigen::Index n) {
  if (state.size() == n) return;
  if (state.size() != 0)
    throw OptimError(trf("{}: x has {} components but the optimizer's state was built for {}; call "
                         "reset() before optimizing a different parameter vector",
                         where, n, state.size()));
  state = Eigen::VectorXd::Zero(n);
}

}  // namespace detail
}  // namespace tapegrad::optim
