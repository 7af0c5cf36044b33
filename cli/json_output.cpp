// SPDX-License-Identifier: MIT
// Shared JSON pieces of the commands' output.
#include "cli/json_output.hpp"

namespace tapegrad::cli {

std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json named_values(const std::vector<std::string>& names, std::span<const double> values) {
  Json object = Json::object();
  for (std::size_t i = 0; i < names.size(); ++i) object[names[i]] = values[i];
  return object;
}

Json problem_json(const Problem& problem) {
  Json j = Json::object();
  j["expression"] = problem.expression().text();
  const std::vector<double> at = problem.point().values();
  j["at"] = named_values(problem.point().names(), at);
  if (!problem.constants().empty()) {
    const std::vector<double> with = problem.constants().values();
    j["with"] = named_values(problem.constants().names(), with);
  }
  if (const CsvTable* data = problem.data()) {
    j["data"] = {{"file", data->source()},
                 {"rows", data->rows()},
                 {"columns", data->columns()},
                 {"reduce", problem.objective().reduce() == Reduce::mean ? "mean" : "sum"}};
  }
  return j;
}

}  // namespace tapegrad::cli
