// SPDX-License-Identifier: MIT
// The exceptions of tapegrad::models: ModelError for a misuse (mismatched shapes, predicting
// before fitting, a bad option); malformed CSV is the shared reader's CsvError. Both derive from
// tapegrad::Error.
#pragma once

#include "autodiff/error_base.hpp"
#include "csv/csv_error.hpp"

namespace tapegrad::models {

// A misuse of a model, a metric or a data helper: the message says what, where, and how to fix.
class ModelError : public Error {
 public:
  using Error::Error;
};

// Malformed CSV input is the reader's tapegrad::CsvError (csv/csv_error.hpp): file, line,
// column, field and how to fix it. The old name models::CsvError still names it.
using CsvError = tapegrad::CsvError;

}  // namespace tapegrad::models
