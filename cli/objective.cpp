// SPDX-License-Identifier: MIT
// Binding an expression's variables to parameters and data columns, and recording the reduced
// objective: f itself, or (1/n) Σ_rows f(row) for mean, Σ_rows f(row) for sum.
#include "cli/objective.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "autodiff/var_ops.hpp"
#include "cli/usage_error.hpp"

namespace tapegrad::cli {

Objective::Objective(const Expression& expression, std::vector<std::string> parameters,
                     const CsvTable* data, Reduce reduce, std::vector<Binding> constants)
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
      throw UsageError(fmt::format("'{}' is both given with --at and a column of {}: a variable is "
                                   "either a parameter or data; rename one of them",
                                   name, data_->source()));
    if (find_constant_binding(name) != constants_.end())
      throw UsageError(fmt::format("'{}' is given both with --at (a parameter) and with --with (a "
                                   "constant); give it once",
                                   name));
  }
  for (const Binding& b : constants_)
    if (data_ != nullptr && data_->column_index(b.name))
      throw UsageError(fmt::format("'{}' is both given with --with and a column of {}; give it once",
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
        sources_.push_back({Source::Kind::column, column_values_.size()});
        column_values_.push_back(data_->numbers(*column));
        continue;
      }
    }
    throw UsageError(fmt::format(
        "the variable '{}' has no value: give it one with --at {}=VALUE (a parameter) or --with "
        "{}=VALUE (a constant){}",
        name, name, name,
        data_ != nullptr ? fmt::format(", or a column '{}' in {} (its columns are {})", name,
                                       data_->source(), data_->column_list())
                         : ""));
  }
}

std::vector<std::string> Objective::unused_parameters() const {
  std::vector<std::string> unused;
  for (const std::string& name : parameters_)
    if (!expression_->variable_index(name)) unused.push_back(name);
  return unused;
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
      if (sources_[i].kind == Source::Kind::column) values[i] = Var(column_values_[sources_[i].index][r]);
    try {
      total = r == 0 ? expression_->record(values) : total + expression_->record(values);
    } catch (const DomainError& e) {
      std::string where;
      for (std::size_t c = 0; c < data_->columns().size(); ++c)
        where += fmt::format("{}{} = {}", c == 0 ? "" : ", ", data_->columns()[c], data_->text(r, c));
      throw DataRowError(fmt::format("on data row {} of {} ({}): {}", r + 1, data_->source(), where,
                                     e.what()),
                         r + 1);
    }
  }
  return reduce_ == Reduce::mean ? total / static_cast<double>(data_->rows()) : total;
}

}  // namespace tapegrad::cli
