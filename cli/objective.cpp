// SPDX-License-Identifier: MIT
// Binding an expression's variables to parameters and data columns, and evaluating the reduced
// objective: f itself, or (1/n) Σ_rows f(row) for mean, Σ_rows f(row) for sum — column-wise
// (value_and_gradient) or recorded on the active tape (record).
#include "cli/objective.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "autodiff/tape.hpp"
#include "autodiff/var_ops.hpp"
#include "cli/usage_error.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {

Objective::Objective(const Expression& expression, std::vector<std::string> parameters,
                     const CsvTable* data, Reduce reduce, std::vector<Binding> constants,
                     EvaluationOptions evaluation)
    : expression_(&expression),
      parameters_(std::move(parameters)),
      data_(data),
      reduce_(reduce),
      constants_(std::move(constants)) {
  const auto find_constant_binding = [&](std::string_view name) {
    return std::find_if(constants_.begin(), constants_.end(),
                        [&](const Binding& b) { return b.name == name; });
  };
  for (const std::string& name : parameters_) {
    if (data_ != nullptr && data_->column_index(name))
      throw UsageError(trf("'{}' is both given with --at and a column of {}: a variable is "
                                   "either a parameter or data; rename one of them",
                                   name, data_->source()));
    if (find_constant_binding(name) != constants_.end())
      throw UsageError(trf("'{}' is given both with --at (a parameter) and with --with (a "
                                   "constant); give it once",
                                   name));
  }
  for (const Binding& b : constants_)
    if (data_ != nullptr && data_->column_index(b.name))
      throw UsageError(trf("'{}' is both given with --with and a column of {}; give it once",
                                   b.name, data_->source()));

  for (const std::string& name : expression.variables()) {
    const auto p = std::find(parameters_.begin(), parameters_.end(), name);
    if (p != parameters_.end()) {
      sources_.push_back({Source::Kind::parameter, static_cast<std::size_t>(p - parameters_.begin())});
      continue;
    }
    const auto c = find_constant_binding(name);
    if (c != constants_.end()) {
      sources_.push_back({Source::Kind::constant, static_cast<std::size_t>(c - constants_.begin())});
      continue;
    }
    if (data_ != nullptr) {
      if (const auto column = data_->column_index(name)) {
        sources_.push_back({Source::Kind::column, *column});
        continue;
      }
    }
    throw UsageError(
        data_ != nullptr
            ? fmt::format(fmt::runtime(tr("the variable '{0}' has no value: give it one with --at "
                                          "{0}=VALUE (a parameter) or --with {0}=VALUE (a constant), "
                                          "or a column '{0}' in {1} (its columns are {2})")),
                          name, data_->source(), data_->column_list())
            : fmt::format(fmt::runtime(tr("the variable '{0}' has no value: give it one with --at "
                                          "{0}=VALUE (a parameter) or --with {0}=VALUE (a constant)")),
                          name));
  }
  if (data_ == nullptr) return;

  // The shard's block of rows, copied column by column (the table is stored row by row).
  const std::size_t rows = data_->rows();
  const std::size_t shards = std::max<std::size_t>(1, evaluation.shards);
  first_row_ = rows * evaluation.shard / shards;
  const std::size_t end = rows * (evaluation.shard + 1) / shards;
  std::vector<ColumnSource> column_sources;
  columns_.reserve(sources_.size());
  for (const Source& source : sources_) {
    switch (source.kind) {
      case Source::Kind::parameter: column_sources.push_back(ColumnSource::parameter(source.index)); break;
      case Source::Kind::constant:
        column_sources.push_back(ColumnSource::constant(constants_[source.index].value));
        break;
      case Source::Kind::column: {
        std::vector<double>& column = columns_.emplace_back();
        column.reserve(end - first_row_);
        for (std::size_t r = first_row_; r < end; ++r) column.push_back(data_->number(r, source.index));
        column_sources.push_back(ColumnSource::data(column));
        break;
      }
    }
  }
  // An expression that uses no column is the same on every row: its sum is the shard's rows × f.
  repeat_ = columns_.empty() ? static_cast<double>(end - first_row_) : 1.0;
  scale_ = reduce_ == Reduce::mean ? 1.0 / static_cast<double>(rows) : 1.0;
  columnwise_ = std::make_unique<ColumnwiseSum>(*expression_, std::move(column_sources), parameters_,
                                                ColumnwiseOptions{.threads = evaluation.threads});
}

std::vector<std::string> Objective::unused_parameters() const {
  std::vector<std::string> unused;
  for (const std::string& name : parameters_)
    if (!expression_->variable_index(name)) unused.push_back(name);
  return unused;
}

void Objective::throw_row_error(std::size_t r, const std::string& message) const {
  std::string where;
  for (std::size_t c = 0; c < data_->columns().size(); ++c)
    where += fmt::format("{}{} = {}", c == 0 ? "" : ", ", data_->columns()[c], data_->text(r, c));
  throw DataRowError(trf("on data row {} of {} ({}): {}", r + 1, data_->source(), where, message),
                     r + 1);
}

double Objective::value_and_gradient(std::span<const double> x, Eigen::VectorXd& gradient) const {
  if (!columnwise_) {
    Tape tape({.checked = true});
    auto scope = tape.activate();
    std::vector<Var> parameters;
    for (std::size_t i = 0; i < x.size(); ++i) parameters.push_back(tape.input(x[i], parameters_[i]));
    const Var f = record(parameters);
    const Adjoints<double> adjoints = tape.backward(f);
    gradient.resize(static_cast<Eigen::Index>(x.size()));
    for (std::size_t i = 0; i < x.size(); ++i) gradient[static_cast<Eigen::Index>(i)] = adjoints[parameters[i]];
    return f.value();
  }
  try {
    const double total = columnwise_->sum(x, gradient);
    gradient *= repeat_ * scale_;
    return total * repeat_ * scale_;
  } catch (const RowDomainError& e) {
    throw_row_error(first_row_ + e.row(), e.expression_message());
  }
}

double Objective::value(std::span<const double> x) const {
  if (!columnwise_) {
    Tape tape({.checked = true});
    auto scope = tape.activate();
    std::vector<Var> constants(x.begin(), x.end());
    return record(constants).value();
  }
  try {
    return columnwise_->sum(x) * repeat_ * scale_;
  } catch (const RowDomainError& e) {
    throw_row_error(first_row_ + e.row(), e.expression_message());
  }
}

Var Objective::record(std::span<const Var> parameters) const {
  std::vector<Var> values(sources_.size());
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    if (sources_[i].kind == Source::Kind::parameter) values[i] = parameters[sources_[i].index];
    if (sources_[i].kind == Source::Kind::constant) values[i] = Var(constants_[sources_[i].index].value);
  }
  if (data_ == nullptr) return expression_->record(values);

  Var total = 0.0;
  for (std::size_t r = 0; r < data_->rows(); ++r) {
    for (std::size_t i = 0; i < sources_.size(); ++i)
      if (sources_[i].kind == Source::Kind::column)
        values[i] = Var(data_->number(r, sources_[i].index));
    try {
      total = r == 0 ? expression_->record(values) : total + expression_->record(values);
    } catch (const DomainError& e) {
      throw_row_error(r, e.what());
    }
  }
  return reduce_ == Reduce::mean ? total / static_cast<double>(data_->rows()) : total;
}

}  // namespace tapegrad::cli
