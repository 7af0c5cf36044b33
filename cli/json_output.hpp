// SPDX-License-Identifier: MIT
// Pieces of the commands' JSON output that several commands share: the point, the data summary,
// a name → number object. Objects keep their keys in the order written (nlohmann::ordered_json).
#pragma once

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <vector>

#include "cli/problem.hpp"

namespace tapegrad::cli {

using Json = nlohmann::ordered_json;

// The compact one-line text of a JSON value; bytes that are not UTF-8 become U+FFFD.
std::string dump(const Json& j);

// {"name": value, ...} in the order of `names`.
Json named_values(const std::vector<std::string>& names, std::span<const double> values);
// {"expression": ..., "at": {...}}, with --with "with": {...}, and, with --data, "data": {"file", "rows", "columns", "reduce"}.
Json problem_json(const Problem& problem);

}  // namespace tapegrad::cli
