// SPDX-License-Identifier: MIT
// read_decimal: the one rule for turning a spelled number into a double, shared by the expression
// lexer and the CSV reader so that `1e-400` means the same in a formula and in a data file.
// Header-only: the CSV reader uses it without linking the engine.
#pragma once

#include <charconv>
#include <cmath>
#include <string_view>
#include <system_error>

namespace tapegrad {

struct Decimal {
  enum class Status {
    ok,
    malformed,   // not [+|-] digits [. digits] [e|E [+|-] digits] (also "+-5", "1e5x", "0x10")
    too_large,   // |value| above about 1.8e308 (1e999)
    not_finite,  // spelled nan, inf, -inf or infinity: refused, a number must be finite
  };
  double value = 0.0;
  Status status = Status::ok;
};

// Reads all of `s`: an optional sign, digits with at most one '.', an optional exponent. A number
// too small for a double (1e-400) is 0 with its sign — it underflows, as in C's strtod — and a
// subnormal (1e-310) is kept; a number too large is Status::too_large, never infinity.
inline Decimal read_decimal(std::string_view s) {
  std::string_view digits = s;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
  const auto lower_is = [&](std::string_view word) {
    if (digits.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
      if ((digits[i] | 0x20) != word[i]) return false;
    return true;
  };
  if (lower_is("nan") || lower_is("inf") || lower_is("infinity")) return {0.0, Decimal::Status::not_finite};
  // from_chars would take "-5" after a '+' and "inf" or "nan" spelled otherwise; refuse them here.
  if (digits.empty() || !((digits[0] >= '0' && digits[0] <= '9') || digits[0] == '.'))
    return {0.0, Decimal::Status::malformed};
  const bool negative = s[0] == '-';
  // from_chars reads an optional '-' but no '+': start at the '-' when there is one.
  const char* first = negative ? s.data() : digits.data();
  const char* last = s.data() + s.size();
  double value = 0.0;
  const auto [end, ec] = std::from_chars(first, last, value);
  if (ec == std::errc::result_out_of_range) {
    if (end != last) return {0.0, Decimal::Status::malformed};
    // Out of range both ways: a negative exponent underflowed (tiny → ±0), else it overflowed.
    const std::size_t e = digits.find_first_of("eE");
    const bool tiny = e != std::string_view::npos && e + 1 < digits.size() && digits[e + 1] == '-';
    if (!tiny) return {0.0, Decimal::Status::too_large};
    return {negative ? -0.0 : 0.0, Decimal::Status::ok};
  }
  if (ec != std::errc() || end != last) return {0.0, Decimal::Status::malformed};
  if (!std::isfinite(value)) return {0.0, Decimal::Status::not_finite};
  return {value, Decimal::Status::ok};
}

}  // namespace tapegrad
