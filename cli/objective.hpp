// SPDX-License-Identifier: MIT
// Objective: what the commands differentiate — an expression whose variables are parameters
// (from --at), constants (from --with) and, with --data, data columns; the objective is then the
// mean (or sum) over the rows. value_and_gradient evaluates it column-at-a-time over the rows
// (ColumnwiseSum, on --threads); record puts it on a tape row by row (for explain and the checker's
// diagnosis). Either way the derivatives come from the rule table.
#pragma once

#include <Eigen/Core>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/expression/columnwise.hpp"
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

// How the rows are evaluated: the threads, and the block of rows this process owns (an MPI rank's
// shard; the whole table by default). The mean still divides by all the table's rows, so the
// shards' values add up to the whole objective.
struct EvaluationOptions {
  unsigned threads = 0;  // 0: the hardware's
  std::size_t shard = 0;
  std::size_t shards = 1;
};

class Objective {
 public:
  // Checks that every variable of `expression` is a parameter, a constant or a column of `data`
  // (else a UsageError naming it) and that no name is two of these. `data` may be null; it and
  // `expression` must outlive the Objective.
  Objective(const Expression& expression, std::vector<std::string> parameters,
            const CsvTable* data = nullptr, Reduce reduce = Reduce::mean,
            std::vector<Binding> constants = {}, EvaluationOptions evaluation = {});

  // The objective's value at `x` (the parameters, in parameters() order) and its gradient, over
  // this shard's rows, column-at-a-time. A domain error is a DataRowError naming the row (with
  // data) or the expression's ExpressionDomainError, as record would throw on a checked tape.
  double value_and_gradient(std::span<const double> x, Eigen::VectorXd& gradient) const;
  // The value only.
  double value(std::span<const double> x) const;

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
    std::size_t index;  // into the parameters, the constants or the data's columns
  };
  const Expression* expression_;
  std::vector<std::string> parameters_;
  const CsvTable* data_;
  Reduce reduce_;
  std::vector<Binding> constants_;
  std::vector<Source> sources_;
  // With data: this shard's rows of the columns the expression uses, and their column-wise sum.
  std::size_t first_row_ = 0;
  std::vector<std::vector<double>> columns_;
  std::unique_ptr<ColumnwiseSum> columnwise_;
  double scale_ = 1.0;   // 1/rows for the mean, 1 for the sum
  double repeat_ = 1.0;  // the shard's rows when no column is used (one evaluation stands for all)

  [[noreturn]] void throw_row_error(std::size_t row, const std::string& message) const;
};

}  // namespace tapegrad::cli
