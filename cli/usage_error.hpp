// SPDX-License-Identifier: MIT
// UsageError: the command line asks for something that cannot be done (a malformed --at, a
// variable without a value, a name given twice). The tool exits with code 2 on it.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "autodiff/errors.hpp"

namespace tapegrad::cli {

class UsageError : public Error {
 public:
  using Error::Error;
};

// The whole number an option's text spells (no sign but '-', no trailing characters), or
// nothing: the options that count (--points, --row) read their text so, to say which numbers
// they take in their own words rather than CLI11's.
inline std::optional<long long> whole_number(const std::string& text) {
  std::size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(text, &used);
  } catch (const std::logic_error&) {  // invalid_argument or out_of_range
    return std::nullopt;
  }
  if (used != text.size() || text.front() == ' ' || text.front() == '+') return std::nullopt;
  return n;
}

}  // namespace tapegrad::cli
