// SPDX-License-Identifier: MIT
// Applying an op chosen at run time (by its Op code) to Vars, for code that reads ops from data:
// the expression parser's evaluator. Each call goes to the same detail::apply<op> as the C++
// operators, so the value and partials come from the rule table. On a checked tape, an op whose
// operands are all constants is checked too (log(-1) throws even when nothing is recorded).
#pragma once

#include "autodiff/op.hpp"
#include "autodiff/var.hpp"

namespace tapegrad {

// `op` applied to `a`; `op` must have arity 1 (else TapeMisuseError).
Var apply_op(Op op, const Var& a);
// `op` applied to `a` and `b`; `op` must have arity 2 (else TapeMisuseError).
Var apply_op(Op op, const Var& a, const Var& b);

}  // namespace tapegrad
