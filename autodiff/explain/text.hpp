// SPDX-License-Identifier: MIT
// The terminal layout of an explanation: aligned columns in plain text, Unicode math by default
// (∂L/∂x, −4, 3 · x) or pure ASCII symbols (dL/dx, -4, 3 * x) for terminals and logs without it.
#pragma once

#include <iosfwd>
#include <string>

#include "autodiff/explain/explain.hpp"

namespace tapegrad {

struct TextOptions {
  bool ascii = false;  // ASCII symbols instead of Unicode (names the user chose pass through)
  int indent = 2;      // spaces before each table row and line
};

std::string to_text(const Explanation& ex, const TextOptions& options = {});
// The same text to a stream, a megabyte at a time (the command's way: 10⁵ nodes are 31 MB).
void write_text(std::ostream& out, const Explanation& ex, const TextOptions& options = {});

}  // namespace tapegrad
