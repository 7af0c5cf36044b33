// SPDX-License-Identifier: MIT
// How explain prints a number: as short as it reads on paper (4, −4, 0.04, 2.5e−07), with a real
// minus sign, never `4.000000`. Used by every explain renderer so that all formats agree.
#pragma once

#include <string>

namespace tapegrad {

// `precision` significant digits (trailing zeros dropped); integers up to 10^15 print exactly.
// Negative numbers use the Unicode minus “−”; −0 prints as 0; NaN as NaN; ±∞ as ∞ and −∞.
std::string format_number(double x, int precision = 6);

// The same, in parentheses when negative, for use inside a product or a formula: (−4).
std::string format_operand_number(double x, int precision = 6);

}  // namespace tapegrad
