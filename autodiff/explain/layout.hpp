// SPDX-License-Identifier: MIT
// The content of a printed explanation, independent of the layout: sections with a title, an
// optional table of cells and indented lines. The text and Markdown renderers lay out the same
// content, so the two formats always say the same thing.
#pragma once

#include <string>
#include <vector>

#include "autodiff/explain/explain.hpp"
#include "autodiff/utf8.hpp"

namespace tapegrad {

struct LayoutLine {
  int level = 0;  // 0 for a line of its own, 1 for a detail under the line before, 2 under that
  std::string text;
};

struct LayoutSection {
  std::string title;
  std::vector<std::string> header = {};        // column titles; empty when there is no table
  std::vector<std::vector<std::string>> rows = {};  // one cell per column
  std::vector<LayoutLine> lines = {};          // after the table
};

// The sections of an explanation: summary, forward pass, backward pass, where paths meet (if
// any node's adjoint is a sum), gradient.
std::vector<LayoutSection> layout_explanation(const Explanation& ex);

// The last section of an explanation over data (Explanation::over_rows): the table of the rows'
// losses and partials, and the loss and its gradient as their scaled sums. For renderers that
// show the sum beside their own form of the explained row (the graph).
LayoutSection layout_sum_over_rows(const OverRows& over_rows, int precision);

// `∂of/∂wrt`, the notation every renderer uses for a partial or an adjoint.
std::string partial_symbol(const std::string& of, const std::string& wrt);

// The ASCII spelling of explain's Unicode symbols: ∂ → d, − → -, · → *, ² → ^2, ŷ → y_hat, ...
// Other non-ASCII characters (in names the user chose) pass through.
std::string to_ascii(const std::string& text);

// The width of UTF-8 text in terminal columns (a CJK character takes two).
using utf8::display_width;

}  // namespace tapegrad
