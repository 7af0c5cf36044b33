// SPDX-License-Identifier: MIT
// ColumnwiseSum: a parsed Expression summed over the rows of data columns, evaluated one operation
// at a time over a whole chunk of rows (values forward, adjoints backward), each op's value and
// partials taken from the rule table (op_rules.hpp). No tape: tape memory is O(1) in the rows.
//
//   Expression f = parse_expression("(y - (w1*x + w0))^2");
//   ColumnwiseSum loss(f, {ColumnSource::data(ys), ColumnSource::data(xs),
//                          ColumnSource::parameter(0), ColumnSource::parameter(1)},
//                      {"w1", "w0"});                      // variables in f.variables() order
//   Eigen::VectorXd g;
//   double total = loss.sum(std::vector{0.5, 0.0}, g);     // Σ_rows f(row), and its gradient
//
// Rows are cut into fixed chunks (ColumnwiseOptions::chunk_rows); threads take chunks, and the
// chunks' sums are added in chunk order, so the result is bit-identical for any thread count.
// Domain errors are those of a checked tape: a chunk whose values or partials leave the finite
// numbers is re-recorded row by row on a checked tape, and the first row that throws there is
// reported (RowDomainError), with the same message as the per-row tape gives.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/expression/expression.hpp"

namespace tapegrad {

// Where one variable of the expression takes its value from.
struct ColumnSource {
  enum class Kind : std::uint8_t { parameter, constant, column };
  Kind kind = Kind::constant;
  std::size_t parameter_index = 0;  // parameter: the index into the parameter vector
  double value = 0.0;               // constant: its value
  std::span<const double> values;   // column: one value per row (must outlive the ColumnwiseSum)

  static ColumnSource parameter(std::size_t index) { return {Kind::parameter, index, 0.0, {}}; }
  static ColumnSource constant(double v) { return {Kind::constant, 0, v, {}}; }
  static ColumnSource data(std::span<const double> column) { return {Kind::column, 0, 0.0, column}; }
};

struct ColumnwiseOptions {
  std::size_t chunk_rows = 4096;  // rows per chunk: bounds the memory, fixes the summation order
  unsigned threads = 0;           // 0: std::thread::hardware_concurrency()
};

// A domain error on one row: the checked tape's ExpressionDomainError for that row, plus the row.
class RowDomainError : public DomainError {
 public:
  RowDomainError(const DomainError& error, std::string expression_message, std::size_t row);
  const char* what() const noexcept override { return message_.c_str(); }
  // The row, from 0.
  std::size_t row() const noexcept { return row_; }
  // The message of the expression's own error (which op, the caret under it), without the row.
  const std::string& expression_message() const noexcept { return expression_message_; }

 private:
  std::string expression_message_;
  std::string message_;
  std::size_t row_;
};

class ColumnwiseSum {
 public:
  // `sources[i]` is where variables()[i] of `expression` takes its value from; every column has
  // the same number of rows. `parameter_names[k]` names parameter k (in error messages, as the
  // tape's input names). Throws TapeMisuseError when the sizes do not fit.
  ColumnwiseSum(const Expression& expression, std::vector<ColumnSource> sources,
                std::vector<std::string> parameter_names, ColumnwiseOptions options = {});
  ~ColumnwiseSum();
  ColumnwiseSum(ColumnwiseSum&&) noexcept;
  ColumnwiseSum& operator=(ColumnwiseSum&&) noexcept;

  // The number of rows (1 when no variable is a column: the expression itself).
  std::size_t rows() const noexcept;
  std::size_t parameter_count() const noexcept;

  // Σ_rows f(row) at `parameters`, and its gradient with respect to them in `gradient`.
  double sum(std::span<const double> parameters, Eigen::VectorXd& gradient) const;
  // Σ_rows f(row) only (no backward pass).
  double sum(std::span<const double> parameters) const;

 private:
  struct Plan;
  std::unique_ptr<Plan> plan_;
};

}  // namespace tapegrad
