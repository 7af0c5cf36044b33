// SPDX-License-Identifier: MIT
// How the text output writes numbers: 12 significant digits, so 5 − 0.1·6 shows as 4.4 and not
// 4.3999999999999995 (the JSON output keeps every digit).
#pragma once

#include <fmt/format.h>

#include <string>

namespace tapegrad::cli {

inline std::string format_number(double x) {
  if (x == 0.0) return "0";  // also for −0
  return fmt::format("{:.12g}", x);
}

}  // namespace tapegrad::cli
