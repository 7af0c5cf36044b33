// SPDX-License-Identifier: MIT
// The terminal layout of an explanation (see text.hpp): columns padded to the widest cell.
#include "autodiff/explain/text.hpp"

#include <algorithm>

#include "autodiff/explain/layout.hpp"

namespace tapegrad {

namespace {

void append_padded(std::string& out, const std::string& cell, std::size_t width) {
  out += cell;
  out.append(width - display_width(cell), ' ');
}

// Rows aligned in columns two spaces apart; trailing spaces trimmed. A row of one cell under a
// wider header spans the table ("… (15 more rows)"): it sets no column's width.
void append_table(std::string& out, const std::vector<std::vector<std::string>>& rows, int indent) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (row.size() == 1 && rows.front().size() > 1) continue;
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  for (const auto& row : rows) {
    std::string line(static_cast<std::size_t>(indent), ' ');
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) line += "  ";
      // The last cell is not padded: one long cell there (a sum of 10⁵ terms) would otherwise
      // pad every row to its width, which made explain quadratic.
      if (c + 1 == row.size())
        line += row[c];
      else
        append_padded(line, row[c], widths[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
}

}  // namespace

std::string to_text(const Explanation& ex, const TextOptions& options) {
  auto sections = layout_explanation(ex);
  if (options.ascii) {
    for (auto& s : sections) {
      s.title = to_ascii(s.title);
      for (auto& h : s.header) h = to_ascii(h);
      for (auto& row : s.rows)
        for (auto& cell : row) cell = to_ascii(cell);
      for (auto& l : s.lines) l.text = to_ascii(l.text);
    }
  }
  std::string out;
  const std::string indent(static_cast<std::size_t>(options.indent), ' ');
  for (std::size_t k = 0; k < sections.size(); ++k) {
    const auto& s = sections[k];
    if (k > 0) out += "\n";
    out += s.title + "\n";
    if (!s.header.empty()) {
      std::vector<std::vector<std::string>> rows{s.header};
      rows.insert(rows.end(), s.rows.begin(), s.rows.end());
      append_table(out, rows, options.indent);
    }
    for (const auto& l : s.lines)
      out += indent + std::string(static_cast<std::size_t>(l.level) * 4, ' ') + l.text + "\n";
  }
  return out;
}

}  // namespace tapegrad
