// SPDX-License-Identifier: MIT
// The command's rule for --data headers on top of the shared CSV reader.
#include "cli/data_file.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "autodiff/expression/parser.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {
namespace {

bool is_name(std::string_view s) {
  const auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (s.empty() || !start(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return start(c) || (c >= '0' && c <= '9'); });
}

}  // namespace

void check_variable_names(const CsvTable& table) {
  for (std::size_t c = 0; c < table.columns().size(); ++c) {
    const std::string& name = table.columns()[c];
    if (!is_name(name))
      throw table.header_error(
          c,
          trf("the column name '{}' is not a variable name (letters, digits and _, not starting "
              "with a digit)",
              name),
          tr("the first line must be a header such as x,y; rename the column"));
    if (find_constant(name))
      throw table.header_error(c, trf("the column name '{}' is a constant name", name), tr("rename the column"));
    if (find_function(name))
      throw table.header_error(c, trf("the column name '{}' is a function name", name), tr("rename the column"));
  }
}

CsvTable read_data(const std::string& path) {
  CsvTable table = CsvTable::read(path);
  check_variable_names(table);
  return table;
}

}  // namespace tapegrad::cli
