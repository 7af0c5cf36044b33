// SPDX-License-Identifier: MIT
// Problem: what every command starts from — the parsed expression, the point (--at), the data
// (--data) and the objective that binds them — built from the options all commands share.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "autodiff/expression/expression.hpp"
#include "autodiff/tape.hpp"
#include "csv/csv_table.hpp"
#include "cli/objective.hpp"
#include "cli/point.hpp"

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
  std::unique_ptr<Objective> objective_;
};

}  // namespace tapegrad::cli
