// SPDX-License-Identifier: MIT
// CSV reading for Dataset: a small hand parser (numeric fields only, no quoting), so that every
// error can name the line and the field where it happened.
#include "models/dataset.hpp"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include "models/errors.hpp"

namespace tapegrad::models {

CsvError::CsvError(std::string source, std::size_t line, std::size_t column, const std::string& what)
    : Error(column == 0 ? fmt::format("{}:{}: {}", source, line, what)
                        : fmt::format("{}:{}: column {}: {}", source, line, column, what)),
      source_(std::move(source)),
      line_(line),
      column_(column) {}

namespace {

std::vector<std::string> split(const std::string& line, char delimiter) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream s(line);
  while (std::getline(s, field, delimiter)) fields.push_back(field);
  if (!line.empty() && line.back() == delimiter) fields.emplace_back();
  return fields;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

}  // namespace

Dataset parse_csv(std::istream& in, const CsvOptions& options, const std::string& source) {
  std::vector<std::string> names;
  std::vector<std::vector<double>> rows;
  std::string line;
  std::size_t line_no = 0, width = 0;
  std::size_t header_line = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (blank(line)) continue;
    std::vector<std::string> fields = split(line, options.delimiter);
    if (width == 0) {
      width = fields.size();
      if (options.header) {
        header_line = line_no;
        for (std::size_t c = 0; c < fields.size(); ++c) {
          names.push_back(trim(fields[c]));
          if (names.back().empty())
            throw CsvError(source, line_no, c + 1, "empty column name in the header");
        }
        continue;
      }
    }
    if (fields.size() != width)
      throw CsvError(source, line_no, 0,
                     fmt::format("{} fields, but {} has {}: every line needs the same number of "
                                 "fields",
                                 fields.size(), header_line ? "the header" : "the first line",
                                 width));
    std::vector<double> row(width);
    for (std::size_t c = 0; c < width; ++c) {
      const std::string f = trim(fields[c]);
      if (f.empty()) throw CsvError(source, line_no, c + 1, "empty field: a number is needed");
      const char* end = f.data() + f.size();
      const auto [ptr, ec] = std::from_chars(f.data(), end, row[c]);
      if (ec != std::errc() || ptr != end)
        throw CsvError(source, line_no, c + 1,
                       fmt::format("'{}' is not a number{}", f,
                                   names.size() > c ? fmt::format(" (column '{}')", names[c]) : ""));
    }
    rows.push_back(std::move(row));
  }
  if (width == 0) throw CsvError(source, line_no + 1, 0, "no data: the input is empty");
  if (names.empty())
    for (std::size_t c = 0; c < width; ++c) names.push_back(fmt::format("x{}", c));

  // Which column is the target.
  int target = -2;
  if (!options.target.empty()) {
    if (!options.header)
      throw ModelError("parse_csv: a target chosen by name ('" + options.target +
                       "') needs a header; set header = true or use target_column");
    for (std::size_t c = 0; c < names.size(); ++c)
      if (names[c] == options.target) target = int(c);
    if (target < 0)
      throw CsvError(source, header_line, 0,
                     fmt::format("no column named '{}' in the header ({} columns: {}, ...)",
                                 options.target, names.size(), names.front()));
  } else if (options.target_column == -1) {
    target = int(width) - 1;
  } else if (options.target_column >= 0) {
    if (options.target_column >= int(width))
      throw ModelError(fmt::format("parse_csv: target_column {} is out of range: {} has {} columns",
                                   options.target_column, source, width));
    target = options.target_column;
  } else if (options.target_column != -2) {
    throw ModelError(fmt::format("parse_csv: target_column {} must be ≥ 0, −1 (last) or −2 (none)",
                                 options.target_column));
  }

  Dataset d;
  const Eigen::Index n = Eigen::Index(rows.size());
  const Eigen::Index p = Eigen::Index(width) - (target >= 0 ? 1 : 0);
  d.x.resize(n, p);
  if (target >= 0) d.y.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::Index j = 0;
    for (std::size_t c = 0; c < width; ++c) {
      if (int(c) == target)
        d.y[i] = rows[std::size_t(i)][c];
      else
        d.x(i, j++) = rows[std::size_t(i)][c];
    }
  }
  for (std::size_t c = 0; c < width; ++c) {
    if (int(c) == target)
      d.target_name = names[c];
    else
      d.feature_names.push_back(names[c]);
  }
  return d;
}

Dataset parse_csv_string(const std::string& text, const CsvOptions& options) {
  std::istringstream in(text);
  return parse_csv(in, options, "<string>");
}

Dataset load_csv(const std::string& path, const CsvOptions& options) {
  std::ifstream in(path);
  if (!in)
    throw ModelError("load_csv: cannot open '" + path +
                     "': check the path (examples find data/ through TAPEGRAD_DATA_DIR)");
  return parse_csv(in, options, path);
}

}  // namespace tapegrad::models
