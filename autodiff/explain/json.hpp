// SPDX-License-Identifier: MIT
// The JSON form of an explanation, for scripts and other front ends. The schema is stable and
// versioned ("schema": "tapegrad.explain/1"); docs/explain.md documents every field. Numbers are
// JSON numbers (NaN and ±∞, which JSON lacks, become null); names and formulas are UTF-8 strings.
#pragma once

#include <nlohmann/json.hpp>
#include <functional>
#include <iosfwd>
#include <string>

#include "autodiff/explain/explain.hpp"

namespace tapegrad {

inline constexpr const char* explain_json_schema = "tapegrad.explain/1";

// Appends the explanation as one line of JSON to `out`, written as it goes (json_writer.hpp):
// linear in the explanation, and the text to_json(ex).dump() gives. The way for a big one.
void write_json(std::string& out, const Explanation& ex);
// The same text, with `flush` called between the elements of the long arrays: it may hand the
// text so far to somewhere else and clear it (the class page escapes it into the stream).
void write_json(std::string& out, const Explanation& ex, const std::function<void(std::string&)>& flush);
// The same text to a stream, a megabyte at a time (the command's --json).
void write_json(std::ostream& out, const Explanation& ex);

// The explanation as a JSON document (parsed from write_json's text: one writer, one schema).
nlohmann::json to_json(const Explanation& ex);

// to_json(ex).dump(indent): `indent` spaces per level, or −1 for one line (write_json's text).
std::string to_json_string(const Explanation& ex, int indent = 2);

}  // namespace tapegrad
