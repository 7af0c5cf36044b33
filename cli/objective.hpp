// SPDX-License-Identifier: MIT
// Objective: what the commands differentiate — an expression whose variables are parameters
// (from --at), constants (from --with) and, with --data, data columns bound row by row; the
// objective is then the mean (or sum) over the rows. Recording goes through Expression::record, so derivatives come from the
// rule table.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/expression/expression.hpp"
#include "autodiff/var.hpp"
#include "csv/csv_table.hpp"
#include "cli/point.hpp"

namespace tapegrad::cli {

enum class Reduce { mean, sum };

// A domain error on one row of the data: the expression's error with the row named.
class DataRowError : public Error {
 public:
  DataRowError(const std::string& message, std::size_t row) : Error(message), row_(row) {}
  std::size_t row() const noexcept { return row_; }

 private:
  std::size_t row_;
};

class Objective {
 public:
  // Checks that every variable of `expression` is a parameter, a constant or a column of `data`
  // (else a UsageError naming it) and that no name is two of these. The columns the expression
  // reads are converted to numbers here (a CsvError at the first field that is not one); the
  // other columns may hold text. `data` may be null; it and
  // `expression` must outlive the Objective.
  Objective(const Expression& expression, std::vector<std::string> parameters,
            const CsvTable* data = nullptr, Reduce reduce = Reduce::mean,
            std::vector<Binding> constants = {});

  // Records the objective on the active tape; `parameters[i]` is the value of parameters()[i].
  Var record(std::span<const Var> parameters) const;

  const Expression& expression() const noexcept { return *expression_; }
  const std::vector<std::string>& parameters() const noexcept { return parameters_; }
  const CsvTable* data() const noexcept { return data_; }
  Reduce reduce() const noexcept { return reduce_; }
  // Parameters the expression does not use (their partial is 0).
  std::vector<std::string> unused_parameters() const;

 private:
  // Where variable i of the expression takes its value from.
  struct Source {
    enum class Kind { parameter, constant, column } kind;
    std::size_t index;  // into the parameters, the constants or column_values_
  };
  const Expression* expression_;
  std::vector<std::string> parameters_;
  const CsvTable* data_;
  Reduce reduce_;
  std::vector<Binding> constants_;
  std::vector<Source> sources_;
  std::vector<std::vector<double>> column_values_;  // the data columns the expression reads
};

}  // namespace tapegrad::cli
