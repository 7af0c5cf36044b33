// SPDX-License-Identifier: MIT
// The Markdown layout of an explanation (see markdown.hpp).
#include "autodiff/explain/markdown.hpp"

#include <algorithm>

#include "autodiff/explain/layout.hpp"

namespace tapegrad {

namespace {

// Characters that Markdown would read as markup inside a table cell or list item.
std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '*' || c == '_' || c == '\\' || c == '`' || c == '[' || c == ']')
      out += '\\';
    out += c;
  }
  return out;
}

std::string table_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += " " + escape(c) + " |";
  return out + "\n";
}

}  // namespace

std::string to_markdown(const Explanation& ex, const MarkdownOptions& options) {
  const auto sections = layout_explanation(ex);
  const std::string hashes(static_cast<std::size_t>(std::clamp(options.heading_level, 1, 6)), '#');
  std::string out;
  for (std::size_t k = 0; k < sections.size(); ++k) {
    const auto& s = sections[k];
    if (k > 0) out += "\n";
    out += k == 0 ? "**" + escape(s.title) + "**\n" : hashes + " " + escape(s.title) + "\n";
    if (!s.header.empty()) {
      out += "\n" + table_row(s.header);
      out += "|";
      for (std::size_t c = 0; c < s.header.size(); ++c) out += " --- |";
      out += "\n";
      for (const auto& row : s.rows) out += table_row(row);
    }
    if (!s.lines.empty()) out += "\n";
    for (const auto& l : s.lines)
      out += std::string(static_cast<std::size_t>(l.level) * 2, ' ') + "- " + escape(l.text) + "\n";
  }
  return out;
}

}  // namespace tapegrad
