// SPDX-License-Identifier: MIT
// TextTable: the aligned plain-text tables the commands print (columns padded to the widest cell,
// counted in terminal columns so ∂, − and Chinese words line up), e.g. descend's step / parameters / loss table.
#pragma once

#include <ostream>
#include <string_view>
#include <string>
#include <vector>

#include "autodiff/utf8.hpp"

namespace tapegrad::cli {

class TextTable {
 public:
  enum class Align { left, right };
  explicit TextTable(std::vector<std::string> header, std::vector<Align> align = {});
  void add_row(std::vector<std::string> row);
  // Writes the table with two spaces between columns and a rule under the header.
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

using utf8::display_width;
// `s` cut to at most `width` terminal columns, ending in "…" when cut.
std::string shorten(std::string_view s, std::size_t width);

}  // namespace tapegrad::cli
