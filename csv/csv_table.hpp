// SPDX-License-Identifier: MIT
// CsvTable: the one CSV reader of tapegrad, behind the command's `--data` and models::load_csv.
// It is a target of its own (tapegrad::csv, needing only fmt) so that the CLI does not link the
// models and the models do not link the CLI. The rules (docs/csv.md):
//   - RFC 4180: fields separated by commas (or CsvReadOptions::delimiter), "quoted" fields may
//     hold the delimiter, line ends and "" for a quote; a quote inside an unquoted field is an error.
//   - A UTF-8 byte-order mark, \r\n line ends, blank lines and spaces around fields are fine.
//   - The first line is a header of distinct, non-empty names; at least one data row follows;
//     every row has as many fields as the header.
//   - Fields are text until a caller asks for a number (number(), numbers()): a column nobody
//     reads as numbers may hold anything. Numbers follow the expression language's rule
//     (autodiff/decimal.hpp): 1e-400 is 0, 1e999 is too large, nan/inf/-inf and +-5 are refused.
//   - Time and memory are linear in the file size; bytes, rows and columns are bounded (CsvLimits).
// Every problem is a CsvError naming the file, line and column and saying how to fix it.
//
//   const CsvTable t = CsvTable::read("icecream.csv");
//   std::vector<double> x = t.numbers(t.column("x"));   // a CsvError at the first non-number
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "csv/csv_error.hpp"

namespace tapegrad {

// Bounds on what read() and parse() accept; going over one is a CsvError that names the limit.
struct CsvLimits {
  std::uint64_t max_bytes = std::uint64_t{256} << 20;  // 256 MiB; at most 4 GiB − 1
  std::size_t max_rows = 10'000'000;                     // data rows, the header not counted
  std::size_t max_columns = 100'000;
};

struct CsvReadOptions {
  char delimiter = ',';
  // false: no header row; the columns are named x0, x1, ... and the first line is data.
  bool header = true;
  CsvLimits limits{};
};

struct CsvPosition {
  std::size_t line;    // from 1
  std::size_t column;  // from 1, in characters
};

class CsvTable {
 public:
  // Parses CSV text; `source` names it in messages (a file name, "<string>").
  static CsvTable parse(std::string text, std::string source = "<data>",
                        const CsvReadOptions& options = {});
  // Reads and parses a file. It must be a regular file (not a directory, a device such as
  // /dev/zero, or a pipe) of at most limits.max_bytes; else a CsvError at line 0.
  static CsvTable read(const std::string& path, const CsvReadOptions& options = {});

  const std::string& source() const noexcept { return source_; }
  const std::vector<std::string>& columns() const noexcept { return columns_; }
  std::size_t rows() const noexcept { return rows_; }

  // The index of a column by name, or nullopt.
  std::optional<std::size_t> column_index(std::string_view name) const;
  // The index of a column by name; a CsvError listing the file's columns when there is none.
  std::size_t column(std::string_view name) const;
  // "x, y, z" — the first `shown` names, then "and N more".
  std::string column_list(std::size_t shown = 20) const;

  // A field as text: quotes removed, "" turned into ", spaces around an unquoted field trimmed.
  std::string text(std::size_t row, std::size_t column) const;
  // A field as a finite double; a CsvError at its line and column when it is not one.
  double number(std::size_t row, std::size_t column) const;
  // A whole column as numbers, in row order (the first bad field throws).
  std::vector<double> numbers(std::size_t column) const;

  // Where a field starts (its opening quote, if quoted), and where a header name starts.
  CsvPosition position(std::size_t row, std::size_t column) const;
  CsvPosition header_position(std::size_t column) const;
  // A CsvError pointing at a field or at a header name, for checks made by callers (a label
  // out of range, a column name that is not a variable name).
  CsvError error_at(std::size_t row, std::size_t column, std::string problem, std::string fix) const;
  CsvError header_error(std::size_t column, std::string problem, std::string fix) const;

 private:
  struct Cell {
    std::uint32_t begin;  // byte offsets in text_ of the field as written, quotes included
    std::uint32_t end;
  };
  struct Line {
    std::size_t number;  // the line a record starts on
    std::size_t start;   // the byte offset where that line starts
  };
  class Parser;

  std::string_view raw(std::size_t row, std::size_t column) const;
  CsvPosition locate(Line line, std::size_t offset) const;

  std::string source_;
  std::string text_;
  std::vector<std::string> columns_;
  std::unordered_map<std::string, std::size_t> index_;  // name → column
  std::vector<Cell> header_cells_;
  Line header_line_{0, 0};
  std::vector<Cell> cells_;  // row-major
  std::vector<Line> row_lines_;
  std::size_t rows_ = 0;
};

}  // namespace tapegrad
