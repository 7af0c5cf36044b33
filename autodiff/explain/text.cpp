// SPDX-License-Identifier: MIT
// The terminal layout of an explanation (see text.hpp): columns padded to the widest cell of at
// most max_column_width; a wider cell overflows its own row only.
#include "autodiff/explain/text.hpp"

#include <algorithm>

#include "autodiff/explain/layout.hpp"

namespace tapegrad {

namespace {

void append_padded(std::string& out, const std::string& cell, std::size_t width) {
  out += cell;
  const std::size_t cell_width = display_width(cell);
  if (cell_width < width) out.append(width - cell_width, ' ');
}

// A cell wider than this does not widen its column: it pushes the rest of its own row right.
// One long cell (the adjoint of an input used 10⁵ times is a sum of 10⁵ terms) would otherwise
// pad every row of the table to its width, which made explain quadratic.
constexpr std::size_t max_column_width = 120;

// The header and the rows aligned in columns two spaces apart; trailing spaces trimmed. A row of
// one cell under a wider header spans the table ("… (15 more rows)"): it sets no column's width.
void append_table(std::string& out, const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, int indent) {
  std::vector<std::size_t> widths(header.size(), 0);
  const auto widen = [&](const std::vector<std::string>& row) {
    if (row.size() == 1 && header.size() > 1) return;
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::size_t width = display_width(row[c]);
      if (width <= max_column_width) widths[c] = std::max(widths[c], width);
    }
  };
  const auto append_row = [&](const std::vector<std::string>& row) {
    const std::size_t start = out.size();
    out.append(static_cast<std::size_t>(indent), ' ');
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += "  ";
      // The last cell is not padded: nothing follows it to align.
      if (c + 1 == row.size())
        out += row[c];
      else
        append_padded(out, row[c], widths[c]);
    }
    while (out.size() > start && out.back() == ' ') out.pop_back();
    out += '\n';
  };
  widen(header);
  for (const auto& row : rows) widen(row);
  append_row(header);
  for (const auto& row : rows) append_row(row);
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
    if (!s.header.empty()) append_table(out, s.header, s.rows, options.indent);
    for (const auto& l : s.lines)
      out += indent + std::string(static_cast<std::size_t>(l.level) * 4, ' ') + l.text + "\n";
  }
  return out;
}

}  // namespace tapegrad
