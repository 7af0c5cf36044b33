// SPDX-License-Identifier: MIT
// CsvError: malformed or unreadable CSV, from the one reader (csv/csv_table.hpp). It names the
// file, the line and the column like a compiler (`data.csv:3:7: ...`) and says how to fix it.
#pragma once

#include <cstddef>
#include <string>

#include "autodiff/error_base.hpp"

namespace tapegrad {

class CsvError : public Error {
 public:
  // line and column count from 1 (column in characters, as an editor shows it); column 0 when the
  // whole line is at fault, line 0 when the whole file is (it cannot be opened, it is too large).
  // field is the CSV column from 1 (0 when no single field is at fault). fix says what to do.
  CsvError(std::string source, std::size_t line, std::size_t column, std::size_t field,
           std::string problem, std::string fix);

  const std::string& source() const noexcept { return source_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }
  std::size_t field() const noexcept { return field_; }
  const std::string& problem() const noexcept { return problem_; }
  const std::string& fix() const noexcept { return fix_; }

 private:
  std::string source_;
  std::size_t line_;
  std::size_t column_;
  std::size_t field_;
  std::string problem_;
  std::string fix_;
};

}  // namespace tapegrad
