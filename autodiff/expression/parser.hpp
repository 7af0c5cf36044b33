// SPDX-License-Identifier: MIT
// The expression parser: text such as `(y - (w1*x + w0))^2` or `ln(sin((x²+1)³))` to an
// Expression (expression.hpp) that records onto a tape. The grammar (docs/cli.md):
//
//   expression := sum
//   sum        := product (('+' | '-') product)*                 left-associative
//   product    := prefix (('*' | '/') prefix)*                   left-associative; · × ÷ too
//   prefix     := ('-' | '+') prefix | power                     so -x^2 = -(x^2)
//   power      := postfix (('^' | '**') prefix)?                 right-assoc.: 2^3^2 = 2^9 = 512
//   postfix    := primary superscript*                           x² = x^2, (x+1)³
//   primary    := number | constant | variable | name | function '(' arguments ')' | '(' expression ')'
//   parts      := (NAME ':=' sum ';')* expression                e.g. u := 3*x + 5; u^2
//
// A part `u := 3*x + 5;` names a value (≔ also works) that later parts use as `u`; it is recorded
// once and its tape node keeps the name, so explain shows u rather than t2.
//
// Functions are the rule table's ops written with call syntax (sin, log, pow, atan2, ...; see
// function_names()) and the alias ln = log; constants are pi and e. The parser keeps its own
// stacks (shunting-yard), so 10,000 nested parentheses parse like any other expression.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "autodiff/expression/expression.hpp"
#include "autodiff/op.hpp"
#include "autodiff/expression/parse_error.hpp"

namespace tapegrad {

// What parse_expression accepts at most, so that a hostile or mistaken input fails with a
// message instead of exhausting memory or time. docs/cli.md "Limits" lists the command's values.
struct ParseLimits {
  std::size_t max_length = std::size_t(16) << 20;  // bytes of text (16 MiB)
  std::size_t max_nesting = std::size_t(1) << 20;  // parentheses, calls, pending operators at once
};

// Parses `text`; throws ParseError (with the column) when it is not a well-formed expression or
// exceeds `limits`. A superscript exponent (x¹²) must be an exact integer (at most 2⁵³).
Expression parse_expression(std::string_view text, const ParseLimits& limits = {});

// The op a function name stands for (ln → log), if any.
std::optional<Op> find_function(std::string_view name);
// The value of a named constant (pi, e), if `name` is one.
std::optional<double> find_constant(std::string_view name);
// Every function name the parser accepts, aliases included, in alphabetical order.
const std::vector<std::string_view>& function_names();
// The known function closest in spelling to `name` (edit distance ≤ 2, ignoring case), or "".
std::string_view nearest_function(std::string_view name);

}  // namespace tapegrad
