// SPDX-License-Identifier: MIT
// Dataset from the shared CSV reader: choosing the target column, reading every other column as
// features, and checking class labels where they are written, so a bad one names its line.
#include "models/dataset.hpp"

#include <fmt/format.h>

#include <cmath>
#include <istream>

#include "models/errors.hpp"

namespace tapegrad::models {
namespace {

CsvReadOptions read_options(const CsvOptions& options) {
  return {.delimiter = options.delimiter, .header = options.header, .limits = options.limits};
}

// The target's column index, or −1 for none.
std::ptrdiff_t target_column(const CsvTable& table, const CsvOptions& options) {
  const auto width = static_cast<std::ptrdiff_t>(table.columns().size());
  if (!options.target.empty()) {
    if (!options.header)
      throw ModelError("parse_csv: a target chosen by name ('" + options.target +
                       "') needs a header; set header = true or use target_column");
    return static_cast<std::ptrdiff_t>(table.column(options.target));
  }
  if (options.target_column == -1) return width - 1;
  if (options.target_column == -2) return -1;
  if (options.target_column < 0)
    throw ModelError(fmt::format("parse_csv: target_column {} must be ≥ 0, −1 (last) or −2 (none)",
                                 options.target_column));
  if (options.target_column >= width)
    throw ModelError(fmt::format("parse_csv: target_column {} is out of range: {} has {} columns",
                                 options.target_column, table.source(), width));
  return options.target_column;
}

void check_label(const CsvTable& table, std::size_t row, std::size_t column, double value, int classes) {
  if (value >= 0.0 && value < classes && value == std::floor(value)) return;
  throw table.error_at(
      row, column,
      fmt::format("'{}' in the target column '{}' is not a class label 0…{}",
                  table.text(row, column), table.columns()[column], classes - 1),
      fmt::format("labels are whole numbers below classes = {}; fix the value, or raise classes",
                  classes));
}

}  // namespace

Dataset to_dataset(const CsvTable& table, const CsvOptions& options) {
  const std::ptrdiff_t target = target_column(table, options);
  if (options.classes < 0)
    throw ModelError(fmt::format("parse_csv: classes = {} must be ≥ 0 (0: the target is not a class label)",
                                 options.classes));
  if (options.classes > 0 && target < 0)
    throw ModelError("parse_csv: classes is set but there is no target column; choose one with "
                     "target or target_column");
  const auto n = static_cast<Eigen::Index>(table.rows());
  const std::size_t width = table.columns().size();
  Dataset d;
  d.x.resize(n, static_cast<Eigen::Index>(width) - (target >= 0 ? 1 : 0));
  if (target >= 0) d.y.resize(n);
  Eigen::Index j = 0;
  for (std::size_t c = 0; c < width; ++c) {
    const std::vector<double> values = table.numbers(c);
    if (static_cast<std::ptrdiff_t>(c) == target) {
      d.target_name = table.columns()[c];
      for (Eigen::Index i = 0; i < n; ++i) {
        if (options.classes > 0) check_label(table, std::size_t(i), c, values[std::size_t(i)], options.classes);
        d.y[i] = values[std::size_t(i)];
      }
    } else {
      d.feature_names.push_back(table.columns()[c]);
      for (Eigen::Index i = 0; i < n; ++i) d.x(i, j) = values[std::size_t(i)];
      ++j;
    }
  }
  return d;
}

Dataset parse_csv(std::istream& in, const CsvOptions& options, const std::string& source) {
  // Read at most max_bytes + 1 bytes: the reader refuses more, and an endless stream ends here.
  std::string text;
  char chunk[4096];
  while (in && text.size() <= options.limits.max_bytes) {
    in.read(chunk, sizeof chunk);
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  return to_dataset(CsvTable::parse(std::move(text), source, read_options(options)), options);
}

Dataset parse_csv_string(const std::string& text, const CsvOptions& options) {
  return to_dataset(CsvTable::parse(text, "<string>", read_options(options)), options);
}

Dataset load_csv(const std::string& path, const CsvOptions& options) {
  return to_dataset(CsvTable::read(path, read_options(options)), options);
}

}  // namespace tapegrad::models
