// SPDX-License-Identifier: MIT
// The terminal layout of an explanation (see text.hpp): columns padded to the widest cell of at
// most max_column_width; a wider cell overflows its own row only.
#include "autodiff/explain/text.hpp"

#include <algorithm>
#include <string_view>

#include "autodiff/explain/layout.hpp"

namespace tapegrad {

namespace {

void append_padded(std::string& out, std::string_view cell, std::size_t width) {
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
void append_table(LayoutSink& sink, const std::vector<std::string>& header, const LayoutRows& rows,
                  int indent) {
  std::vector<std::size_t> widths(header.size(), 0);
  const auto widen = [&](const auto& row) {
    const std::size_t cells = row.size();
    if (cells == 1 && header.size() > 1) return;
    widths.resize(std::max(widths.size(), cells), 0);
    std::size_t c = 0;
    for (std::string_view cell : row) {
      const std::size_t width = display_width(cell);
      if (width <= max_column_width) widths[c] = std::max(widths[c], width);
      ++c;
    }
  };
  std::string& out = sink.out;
  const auto append_row = [&](const auto& row) {
    const std::size_t start = out.size();
    const std::size_t cells = row.size();
    out.append(static_cast<std::size_t>(indent), ' ');
    std::size_t c = 0;
    for (std::string_view cell : row) {
      if (c > 0) out += "  ";
      // The last cell is not padded: nothing follows it to align.
      if (c + 1 == cells)
        out += cell;
      else
        append_padded(out, cell, widths[c]);
      ++c;
    }
    while (out.size() > start && out.back() == ' ') out.pop_back();
    out += '\n';
    sink.row_done();
  };
  widen(header);
  for (const LayoutRows::Row row : rows) widen(row);
  append_row(header);
  for (const LayoutRows::Row row : rows) append_row(row);
}

void write_text(LayoutSink& sink, const Explanation& ex, const TextOptions& options) {
  auto sections = layout_explanation(ex);
  if (options.ascii) {
    for (auto& s : sections) {
      s.title = to_ascii(s.title);
      for (auto& h : s.header) h = to_ascii(h);
      s.rows = s.rows.transformed(to_ascii);
      for (auto& l : s.lines) l.text = to_ascii(l.text);
    }
  }
  std::string& out = sink.out;
  const std::size_t indent = static_cast<std::size_t>(options.indent);
  for (std::size_t k = 0; k < sections.size(); ++k) {
    const auto& s = sections[k];
    if (k > 0) out += '\n';
    out += s.title;
    out += '\n';
    if (!s.header.empty()) append_table(sink, s.header, s.rows, options.indent);
    for (const auto& l : s.lines) {
      out.append(indent + static_cast<std::size_t>(l.level) * 4, ' ');
      out += l.text;
      out += '\n';
      sink.row_done();
    }
  }
}

}  // namespace

std::string to_text(const Explanation& ex, const TextOptions& options) {
  std::string out;
  LayoutSink sink{out};
  write_text(sink, ex, options);
  return out;
}

void write_text(std::ostream& stream, const Explanation& ex, const TextOptions& options) {
  std::string buffer;
  buffer.reserve(std::size_t(2) << 20);
  LayoutSink sink{buffer, &stream};
  write_text(sink, ex, options);
  stream.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace tapegrad
