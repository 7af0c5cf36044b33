// SPDX-License-Identifier: MIT
// The exceptions of tapegrad::models: ModelError for a misuse (mismatched shapes, predicting
// before fitting, a bad option, NaN in the data), TrainingDivergedError when fit() ran into a
// NaN or exploding loss; malformed CSV is the shared reader's CsvError. All derive from
// tapegrad::Error.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "autodiff/error_base.hpp"
#include "csv/csv_error.hpp"

namespace tapegrad::models {

// A misuse of a model, a metric or a data helper: the message says what, where, and how to fix.
class ModelError : public Error {
 public:
  using Error::Error;
};

// fit() stopped because the loss became NaN/∞ or kept growing (optim's divergence test): the
// parameters it reached are garbage, so the model keeps its old ones. what() names the epoch and
// what to change; history() has the records up to there, for a plot of what went wrong.
// FitOptions::on_divergence = OnDivergence::keep_partial returns normally instead.
class TrainingDivergedError : public ModelError {
 public:
  TrainingDivergedError(const std::string& message, std::size_t epoch, std::vector<double> losses)
      : ModelError(message), epoch_(epoch), losses_(std::move(losses)) {}
  // The epoch (full batch: the update) at which divergence was found.
  std::size_t epoch() const { return epoch_; }
  // The loss at each epoch until then: losses()[e] for e = 0, 1, ..., epoch().
  const std::vector<double>& losses() const { return losses_; }

 private:
  std::size_t epoch_;
  std::vector<double> losses_;
};

// Malformed CSV input is the reader's tapegrad::CsvError (csv/csv_error.hpp): file, line,
// column, field and how to fix it. The old name models::CsvError still names it.
using CsvError = tapegrad::CsvError;

}  // namespace tapegrad::models
