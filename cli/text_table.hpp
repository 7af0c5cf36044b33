// SPDX-License-Identifier: MIT
// TextTable: the aligned plain-text tables the commands print (columns padded to the widest cell,
// counted in characters so ∂ and − line up), e.g. descend's step / parameters / loss table.
#pragma once

#include <ostream>
#include <string>
#include <vector>

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

// The width of a UTF-8 string in characters.
std::size_t display_width(std::string_view s);
// `s` cut to at most `width` characters, ending in "…" when cut.
std::string shorten(std::string_view s, std::size_t width);

}  // namespace tapegrad::cli
