// SPDX-License-Identifier: MIT
// The message of a CsvError: `file:line:column: problem; fix`, the parts that are known, in the
// language of tr() (the problem and the fix come translated; the separators may differ too).
#include "csv/csv_error.hpp"

#include <fmt/format.h>

#include "i18n/i18n.hpp"

namespace tapegrad {
namespace {

std::string message(const std::string& source, std::size_t line, std::size_t column,
                    const std::string& problem, const std::string& fix) {
  std::string where = source;
  if (line != 0) where += fmt::format(":{}", line);
  if (line != 0 && column != 0) where += fmt::format(":{}", column);
  return fix.empty() ? trf("{}: {}", where, problem) : trf("{}: {}; {}", where, problem, fix);
}

}  // namespace

CsvError::CsvError(std::string source, std::size_t line, std::size_t column, std::size_t field,
                   std::string problem, std::string fix)
    : Error(message(source, line, column, problem, fix)),
      source_(std::move(source)),
      line_(line),
      column_(column),
      field_(field),
      problem_(std::move(problem)),
      fix_(std::move(fix)) {}

}  // namespace tapegrad
