// SPDX-License-Identifier: MIT
// The formula text of explain: an operation written with its operands (`3 · x`, `sin(t1)`), and a
// rule from the rule table (`b·a^(b−1)` in op_rules.hpp) with the operands' names or numbers put
// in for a, b and y. The rule table stays the one place where each derivative's text lives.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "autodiff/op_rules.hpp"

namespace tapegrad {

// Whether `text` can stand inside a larger formula without parentheses (a name or a positive
// number), e.g. `x`, `t3`, `5`, `0.25`; `−4` and `t1 + 5` cannot.
bool is_atomic_formula(std::string_view text);

// `rule` (in the table's vocabulary: a and b the inputs, y the output) with the single-letter
// words a, b and y replaced by `a`, `b` and `y`. A replacement that is not atomic is put in
// parentheses unless it stands alone or as a whole function argument: with a = −3,
// "a²" → "(−3)²", "cos(a)" → "cos(−3)", "a" → "−3".
std::string substitute_rule(std::string_view rule, std::string_view a, std::string_view b,
                            std::string_view y);

// The operation of `op` applied to `operands` (already written as text): infix for ops with an
// infix symbol (`t1 + 5`, `t2^2`), prefix for negation (`−t1`), call syntax otherwise
// (`sin(t1)`, `atan2(y, x)`). Non-atomic operands are parenthesised.
std::string operation_text(const OpInfo& op, std::span<const std::string> operands);

}  // namespace tapegrad
