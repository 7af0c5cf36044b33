// SPDX-License-Identifier: MIT
// Building a Problem from the shared options, and recording its objective on a tape.
#include "cli/problem.hpp"

#include <fmt/format.h>

#include "autodiff/expression/parser.hpp"
#include "cli/binding_check.hpp"
#include "cli/data_file.hpp"
#include "cli/number_format.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {

Problem::Problem(const CommonOptions& options) : expression_(parse_expression(options.expression)) {
  for (const std::string& spec : options.at) point_.add(spec);
  for (const std::string& spec : options.with) constants_.add(spec, "--with");
  if (!options.data.empty()) data_ = read_data(options.data);
  check_bindings(expression_, point_, constants_, data());
  evaluation_ = {.threads = options.threads, .shard = options.shard, .shards = options.shards};
  objective_ = std::make_unique<Objective>(expression_, point_.names(), data(), options.reduce,
                                           constants_.bindings(), evaluation_);
  evaluate_ = [objective = objective_.get()](const Eigen::VectorXd& x, Eigen::VectorXd& gradient) {
    return objective->value_and_gradient(std::span<const double>(x.data(), static_cast<std::size_t>(x.size())),
                                         gradient);
  };
  if (options.combine_shards) evaluate_ = options.combine_shards(std::move(evaluate_));
}

Objective Problem::objective_for(const Expression& other) const {
  return Objective(other, point_.names(), data(), objective_->reduce(), constants_.bindings(),
                   evaluation_);
}

Var Problem::record(Tape& tape, std::span<const double> values, std::vector<Var>& parameters) const {
  const auto& names = point_.bindings();
  parameters.clear();
  for (std::size_t i = 0; i < names.size(); ++i) parameters.push_back(tape.input(values[i], names[i].name));
  return objective_->record(parameters);
}

std::string Problem::describe_point(std::span<const double> values) const {
  std::string parameters, constants;
  const auto& names = point_.bindings();
  for (std::size_t i = 0; i < names.size(); ++i)
    parameters += fmt::format("{}{} = {}", i == 0 ? "" : ", ", names[i].name, format_number(values[i]));
  const auto& given = constants_.bindings();
  for (std::size_t i = 0; i < given.size(); ++i)
    constants += fmt::format("{}{} = {}", i == 0 ? "" : ", ", given[i].name, format_number(given[i].value));
  if (parameters.empty() || constants.empty()) return parameters + constants;
  return trf("{}; with {}", parameters, constants);
}

std::string Problem::describe_data() const {
  if (!data_) return "";
  const std::size_t n = data_->rows();
  return objective_->reduce() == Reduce::mean
             ? trf(trn("the mean over the {} row of {}", "the mean over the {} rows of {}", n), n, data_->source())
             : trf(trn("the sum over the {} row of {}", "the sum over the {} rows of {}", n), n, data_->source());
}

}  // namespace tapegrad::cli
