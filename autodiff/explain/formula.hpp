// SPDX-License-Identifier: MIT
// The formula text of explain: an operation written with its operands (`3 · x`, `sin(t1)`), and a
// rule from the rule table (`b·a^(b−1)` in op_rules.hpp) with the operands' names or numbers put
// in for a, b and y. The rule table stays the one place where each derivative's text lives.
#pragma once

#include <optional>
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

// A formula in the inputs, as a teacher writes it, with how tightly it binds (so that it is
// parenthesised only where needed): `3x + 5` is a sum, `2(3x + 5)` a product, `(3x + 5)²` a power.
struct TeacherFormula {
  enum Precedence : int { sum = 1, product = 2, negation = 3, power = 4, atom = 5 };
  std::string text;
  int precedence = atom;
};

// A number as a formula (a negative one binds like a negation).
TeacherFormula number_formula(double value, int precision);

// `op` applied to formulas as a teacher writes it: ·1, +0 and −0 dropped, a number first and
// juxtaposed (`3x`, `2(3x + 5)`, `2cos(2x)`), `+ (−3)` as `− 3`, small integer powers as
// superscripts (`(3x + 5)²`). `constants[k]` is operand k's value when it is a constant.
// `name` is how the op is called (the user's spelling, such as ln for log).
TeacherFormula teacher_operation(const OpInfo& op, std::string_view name,
                                 std::span<const TeacherFormula> operands,
                                 std::span<const std::optional<double>> constants, int precision);

// The rule of `op` for its operand `k`, simplified as a teacher would once the constant operands
// are known: the power rule with an integer exponent worked out (b·a^(b−1) with b = 2 is 2·a,
// with b = 3 is 3·a²). Other rules are returned as they are.
std::string simplified_rule(const OpInfo& op, std::size_t k,
                            std::span<const std::optional<double>> constants, int precision);

// substitute_rule for formulas: a replacement is parenthesised unless it is an atom (or stands
// alone, or is a whole function argument), and a number before a parenthesis is juxtaposed, as
// in `2(3x + 5)`.
std::string substitute_rule_formula(std::string_view rule, const TeacherFormula& a,
                                    const TeacherFormula& b, const TeacherFormula& y);

}  // namespace tapegrad
