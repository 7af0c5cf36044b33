// SPDX-License-Identifier: MIT
// The numeric CSV reader behind `--data`: one pass over the lines, every field checked, every
// problem reported with its line and column.
#include "cli/csv_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>

#include "autodiff/expression/parser.hpp"
#include "autodiff/utf8.hpp"

namespace tapegrad::cli {
namespace {

// The column (from 1, in characters) of byte `pos` of `line`.
std::size_t column_of(std::string_view line, std::size_t pos) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < pos && i < line.size(); i += utf8::decode(line, i).length) ++column;
  return column;
}

bool is_name(std::string_view s) {
  if (s.empty()) return false;
  const auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!start(s[0])) return false;
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return start(c) || (c >= '0' && c <= '9'); });
}

struct Field {
  std::string_view text;  // trimmed
  std::size_t pos;        // byte offset of the trimmed text in the line
};

// Splits a line at commas and trims spaces and tabs around each field.
std::vector<Field> split(std::string_view line) {
  std::vector<Field> fields;
  std::size_t begin = 0;
  while (true) {
    std::size_t end = line.find(',', begin);
    if (end == std::string_view::npos) end = line.size();
    std::size_t a = begin, b = end;
    while (a < b && (line[a] == ' ' || line[a] == '\t')) ++a;
    while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t')) --b;
    // Spreadsheets often quote fields: "x","y". The quotes are dropped (no commas inside them).
    if (b - a >= 2 && line[a] == '"' && line[b - 1] == '"') ++a, --b;
    fields.push_back({line.substr(a, b - a), a});
    if (end == line.size()) break;
    begin = end + 1;
  }
  return fields;
}

}  // namespace

CsvError::CsvError(const std::string& source, std::size_t line, std::size_t column,
                   const std::string& problem)
    : Error(line == 0 ? fmt::format("{}: {}", source, problem)
                      : column == 0 ? fmt::format("{}:{}: {}", source, line, problem)
                                    : fmt::format("{}:{}:{}: {}", source, line, column, problem)),
      line_(line),
      column_(column) {}

std::optional<std::size_t> CsvTable::column_index(std::string_view name) const {
  const auto it = std::find(columns_.begin(), columns_.end(), name);
  if (it == columns_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - columns_.begin());
}

CsvTable CsvTable::parse(std::string_view text, std::string source) {
  CsvTable table;
  table.source_ = std::move(source);
  const std::string& src = table.source_;
  std::size_t line_number = 0;
  std::size_t pos = 0;
  if (text.starts_with("\xEF\xBB\xBF")) pos = 3;  // the byte-order mark spreadsheets write
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line
    const std::vector<Field> fields = split(line);

    if (table.columns_.empty()) {  // the header
      for (const Field& f : fields) {
        const std::size_t col = column_of(line, f.pos);
        if (f.text.empty())
          throw CsvError(src, line_number, col, "empty column name in the header");
        if (!is_name(f.text))
          throw CsvError(src, line_number, col,
                         fmt::format("the column name '{}' is not a variable name (letters, "
                                     "digits and _, not starting with a digit); the first line "
                                     "must be a header such as x,y",
                                     f.text));
        if (find_constant(f.text) || find_function(f.text))
          throw CsvError(src, line_number, col,
                         fmt::format("the column name '{}' is a {} name; rename the column", f.text,
                                     find_constant(f.text) ? "constant" : "function"));
        if (table.column_index(f.text))
          throw CsvError(src, line_number, col,
                         fmt::format("the column name '{}' appears twice in the header", f.text));
        table.columns_.emplace_back(f.text);
      }
      continue;
    }

    if (fields.size() != table.columns_.size()) {
      const std::size_t col = fields.size() > table.columns_.size()
                                  ? column_of(line, fields[table.columns_.size()].pos)
                                  : column_of(line, line.size());
      throw CsvError(src, line_number, col,
                     fmt::format("{} fields, but the header has {} columns", fields.size(),
                                 table.columns_.size()));
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const Field& f = fields[i];
      const std::size_t col = column_of(line, f.pos);
      if (f.text.empty())
        throw CsvError(src, line_number, col,
                       fmt::format("empty field in column '{}'", table.columns_[i]));
      double value = 0.0;
      const char* first = f.text.data();
      const char* last = first + f.text.size();
      if (*first == '+') ++first;  // from_chars does not take a leading '+'
      const auto [ptr, ec] = std::from_chars(first, last, value);
      if (ec != std::errc() || ptr != last || !std::isfinite(value))
        throw CsvError(src, line_number, col,
                       fmt::format("'{}' in column '{}' is not a finite number", f.text,
                                   table.columns_[i]));
      table.values_.push_back(value);
    }
  }
  if (table.columns_.empty()) throw CsvError(src, 0, 0, "the file is empty: it needs a header row such as x,y and rows of numbers");
  if (table.values_.empty())
    throw CsvError(src, line_number + 1, 0, "no data rows after the header");
  return table;
}

CsvTable CsvTable::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CsvError(path, 0, 0, "cannot open the file for reading");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw CsvError(path, 0, 0, "cannot read the file");
  return parse(buffer.str(), path);
}

}  // namespace tapegrad::cli
