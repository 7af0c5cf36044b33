// SPDX-License-Identifier: MIT
// Number formatting for explain (see number.hpp).
#include "autodiff/explain/number.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string_view>

namespace tapegrad {

namespace {
constexpr std::string_view unicode_minus = "\u2212";

// Replaces every ASCII '-' (sign and exponent sign) with the Unicode minus.
std::string with_unicode_minus(std::string s) {
  if (s.find('-') == std::string::npos) return s;  // most numbers: no copy
  std::string out;
  out.reserve(s.size() + 4);
  for (char c : s) {
    if (c == '-')
      out += unicode_minus;
    else
      out += c;
  }
  return out;
}
}  // namespace

std::string format_number(double x, int precision) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "\u221e" : "\u2212\u221e";
  if (x == 0.0) return "0";  // also −0: a sign on zero only confuses a reader
  // Integers print exactly when they fit in a double's integer range comfortably.
  if (std::abs(x) < 1e15 && x == std::trunc(x))
    return with_unicode_minus(fmt::format_int(static_cast<long long>(x)).str());
  std::string s = fmt::format("{:.{}g}", x, precision < 1 ? 1 : precision);
  // %g keeps a two-digit exponent with a sign (1e-07): drop the padding zero and a '+'.
  if (auto e = s.find('e'); e != std::string::npos) {
    std::string mantissa = s.substr(0, e);
    std::string exponent = s.substr(e + 1);
    bool negative = !exponent.empty() && exponent[0] == '-';
    if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) exponent.erase(0, 1);
    while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
    s = mantissa + "e" + (negative ? "-" : "") + exponent;
  }
  return with_unicode_minus(s);
}

std::string format_operand_number(double x, int precision) {
  std::string s = format_number(x, precision);
  if (s.rfind(unicode_minus, 0) == 0) return "(" + s + ")";
  return s;
}

}  // namespace tapegrad
