// SPDX-License-Identifier: MIT
// The exceptions of tapegrad::models: ModelError for a misuse (mismatched shapes, predicting
// before fitting, a bad option) and CsvError for malformed input, which names the line and column.
#pragma once

#include <cstddef>
#include <string>

#include "autodiff/errors.hpp"

namespace tapegrad::models {

// A misuse of a model, a metric or a data helper: the message says what, where, and how to fix.
class ModelError : public Error {
 public:
  using Error::Error;
};

// Malformed CSV input. line() and column() count from 1 (column: the field, not the character);
// column() is 0 when the whole line is at fault (a wrong number of fields, an empty file).
class CsvError : public Error {
 public:
  CsvError(std::string source, std::size_t line, std::size_t column, const std::string& what);
  const std::string& source() const noexcept { return source_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

 private:
  std::string source_;
  std::size_t line_;
  std::size_t column_;
};

}  // namespace tapegrad::models
