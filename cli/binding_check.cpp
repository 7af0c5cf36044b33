// SPDX-License-Identifier: MIT
// Messages for misnamed and missing values (see binding_check.hpp).
#include "cli/binding_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "cli/usage_error.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {
namespace {

// A name folded for comparison: lower case, without '_' (W0, w_0 and w0 are one).
std::string folded(std::string_view name) {
  std::string out;
  for (char c : name)
    if (c != '_') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Edit distance (insert, delete, replace) of two short strings.
std::size_t distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

bool bound(const std::string& name, const Point& at, const Point& with, const CsvTable* data) {
  return at.find(name) || with.find(name) || (data != nullptr && data->column_index(name));
}

}  // namespace

void check_bindings(const Expression& expression, const Point& at, const Point& with, const CsvTable* data) {
  std::vector<std::string> missing;
  for (const std::string& v : expression.variables())
    if (!bound(v, at, with, data)) missing.push_back(v);
  if (missing.empty()) return;

  // Given names the expression does not use, with the option that gave them.
  struct Unused {
    std::string name;
    std::string option;
  };
  std::vector<Unused> unused;
  for (const auto& [point, option] : {std::pair{&at, "--at"}, std::pair{&with, "--with"}})
    for (const Binding& b : point->bindings())
      if (!expression.variable_index(b.name)) unused.push_back({b.name, option});

  for (const std::string& v : missing) {
    const Unused* best = nullptr;
    std::size_t best_distance = 2;  // at most one edit after folding
    for (const Unused& u : unused) {
      const std::size_t d = distance(folded(u.name), folded(v));
      if (d < best_distance && (d == 0 || std::min(u.name.size(), v.size()) > 1)) {
        best = &u;
        best_distance = d;
      }
    }
    if (best != nullptr)
      throw UsageError(fmt::format(fmt::runtime(tr("the variable '{0}' has no value, and {1} {2} gives "
                                                   "'{2}', which the expression does not use: did you "
                                                   "mean {1} {0}=…? (names are case-sensitive)")),
                                   v, best->option, best->name));
  }
  if (at.empty() && with.empty() && data == nullptr) {
    std::vector<std::string> example;
    for (const std::string& v : missing) example.push_back(v + "=1");
    throw UsageError(fmt::format(
        fmt::runtime(trn("the variable {} needs a value: give it with --at {} (a parameter to "
                         "differentiate) or with --with (a constant)",
                         "the variables {} need a value: give them with --at {} (a parameter to "
                         "differentiate) or with --with (a constant)",
                         missing.size())),
        fmt::join(missing, ", "), fmt::join(example, ",")));
  }
}

}  // namespace tapegrad::cli
