// SPDX-License-Identifier: MIT
// Aligned text tables for the terminal.
#include "cli/text_table.hpp"

#include <algorithm>

#include "autodiff/utf8.hpp"

namespace tapegrad::cli {

std::string shorten(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  std::size_t i = 0, n = 0;
  while (i < s.size()) {
    const utf8::CodePoint c = utf8::decode(s, i);
    const std::size_t w = c.value == utf8::invalid ? 1 : utf8::columns(c.value);
    if (n + w + 1 > width) break;  // one column stays for the "…"
    i += c.length;
    n += w;
  }
  return std::string(s.substr(0, i)) + "…";
}

TextTable::TextTable(std::vector<std::string> header, std::vector<Align> align)
    : header_(std::move(header)), align_(std::move(align)) {
  align_.resize(header_.size(), Align::right);
}

void TextTable::add_row(std::vector<std::string> row) {
  row.resize(header_.size());
  rows_.push_back(std::move(row));
}

void TextTable::print(std::ostream& out) const {
  std::vector<std::size_t> width(header_.size(), 0);
  for (std::size_t c = 0; c < header_.size(); ++c) {
    width[c] = display_width(header_[c]);
    for (const auto& row : rows_) width[c] = std::max(width[c], display_width(row[c]));
  }
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(width[c] - display_width(cells[c]), ' ');
      if (c > 0) text += "  ";
      text += align_[c] == Align::right ? pad + cells[c] : cells[c] + pad;
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  };
  line(header_);
  std::string rule;
  for (std::size_t c = 0; c < width.size(); ++c) {
    if (c > 0) rule += "  ";
    for (std::size_t k = 0; k < width[c]; ++k) rule += "─";
  }
  out << rule << '\n';
  for (const auto& row : rows_) line(row);
}

}  // namespace tapegrad::cli
