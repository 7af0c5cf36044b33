// SPDX-License-Identifier: MIT
// The JSON form of an explanation, for scripts and other front ends. The schema is stable and
// versioned ("schema": "tapegrad.explain/1"); docs/explain.md documents every field. Numbers are
// JSON numbers (NaN and ±∞, which JSON lacks, become null); names and formulas are UTF-8 strings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "autodiff/explain/explain.hpp"

namespace tapegrad {

inline constexpr const char* explain_json_schema = "tapegrad.explain/1";

nlohmann::json to_json(const Explanation& ex);

// to_json(ex).dump(indent): `indent` spaces per level, or −1 for one line.
std::string to_json_string(const Explanation& ex, int indent = 2);

}  // namespace tapegrad
