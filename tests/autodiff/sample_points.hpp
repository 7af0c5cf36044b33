// SPDX-License-Identifier: MIT
// Test helper: the point a given fraction of the way across a rule's sample interval
// (op_rules.hpp), so that the per-op tests reach near each domain's edges the same way.
#pragma once

#include "autodiff/op_rules.hpp"

namespace tapegrad::testing {

inline double at(Interval r, double fraction) { return r.lo + fraction * (r.hi - r.lo); }

}  // namespace tapegrad::testing
