// SPDX-License-Identifier: MIT
// CsvTable: a small numeric CSV reader for `--data FILE.csv`: a header row of column names (each a
// valid variable name), then rows of numbers. Malformed input is a CsvError naming the line and
// the column, as `file.csv:3:7: ...`.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/errors.hpp"

namespace tapegrad::cli {

class CsvError : public Error {
 public:
  // line and column from 1; column 0 when the problem is the whole line or file.
  CsvError(const std::string& source, std::size_t line, std::size_t column, const std::string& problem);
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

 private:
  std::size_t line_;
  std::size_t column_;
};

class CsvTable {
 public:
  // Parses CSV text; `source` names it in messages (the file name). Fields are separated by
  // commas, may be surrounded by spaces and by double quotes (without commas inside), and hold
  // plain numbers. Blank lines are skipped;
  // `\r\n` line ends are fine.
  static CsvTable parse(std::string_view text, std::string source = "<data>");
  // Reads and parses a file; a file that cannot be read is a CsvError at line 0.
  static CsvTable read(const std::string& path);

  const std::string& source() const noexcept { return source_; }
  const std::vector<std::string>& columns() const noexcept { return columns_; }
  std::optional<std::size_t> column_index(std::string_view name) const;
  std::size_t rows() const noexcept { return columns_.empty() ? 0 : values_.size() / columns_.size(); }
  // Row r's values, in the order of columns().
  std::span<const double> row(std::size_t r) const {
    return std::span<const double>(values_).subspan(r * columns_.size(), columns_.size());
  }

 private:
  std::string source_;
  std::vector<std::string> columns_;
  std::vector<double> values_;  // row-major
};

}  // namespace tapegrad::cli
