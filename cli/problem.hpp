// SPDX-License-Identifier: MIT
// Problem: what every command starts from — the parsed expression, the point (--at), the data
// (--data) and the objective that binds them — built from the options all commands share.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "autodiff/expression/expression.hpp"
#include "autodiff/tape.hpp"
#include "csv/csv_table.hpp"
#include "cli/objective.hpp"
#include "cli/point.hpp"
#include "optim/objective.hpp"

namespace tapegrad::cli {

// The options shared by grad, explain, check and descend.
struct CommonOptions {
  std::string expression;
  std::vector<std::string> at;    // each "name=value,...": the parameters
  std::vector<std::string> with;  // each "name=value,...": constants (not differentiated)
  std::string data;             // a CSV file, or ""
  Reduce reduce = Reduce::mean;
  bool json = false;
  std::string loss_name = "f";  // --name: what the objective is called in the output (f, L)
  unsigned threads = 0;  // --threads: for the --data rows; 0 is the hardware's
  // This process's block of the --data rows (an MPI rank's shard); the whole table by default.
  std::size_t shard = 0;
  std::size_t shards = 1;
  // Turns this shard's value and gradient into the whole table's (an MPI allreduce); empty when
  // one process has all the rows.
  std::function<optim::Objective(optim::Objective)> combine_shards;
};

class Problem {
 public:
  // Parses the expression (ParseError), the point and the data (UsageError, CsvError), and binds
  // them (UsageError for a variable with no value).
  explicit Problem(const CommonOptions& options);
  Problem(const Problem&) = delete;
  Problem& operator=(const Problem&) = delete;

  const Expression& expression() const noexcept { return expression_; }
  const Point& point() const noexcept { return point_; }
  const Point& constants() const noexcept { return constants_; }
  const CsvTable* data() const noexcept { return data_ ? &*data_ : nullptr; }
  const Objective& objective() const noexcept { return *objective_; }

  // An objective for another expression over the same parameters and data (for check's
  // hand-derived partials).
  Objective objective_for(const Expression& other) const;

  // The objective's value and gradient at x over all the --data rows: column-at-a-time over this
  // shard, combined with the other shards' (combine_shards). Without data, recorded on a tape.
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& gradient) const {
    return evaluate_(x, gradient);
  }

  // Enters the parameters on `tape` (named, in --at order) and records the objective: the Vars of
  // the parameters are written to `parameters`.
  Var record(Tape& tape, std::span<const double> values, std::vector<Var>& parameters) const;

  // "x = 5, y = 2" for the given parameter values, then "; with c = 1" for the --with constants.
  std::string describe_point(std::span<const double> values) const;
  // "the mean over 4 rows of data.csv" or "".
  std::string describe_data() const;

 private:
  Expression expression_;
  Point point_;
  Point constants_;
  std::optional<CsvTable> data_;
  EvaluationOptions evaluation_;
  std::unique_ptr<Objective> objective_;
  optim::Objective evaluate_;
};

}  // namespace tapegrad::cli
