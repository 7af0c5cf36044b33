// SPDX-License-Identifier: MIT
// Parsing `--at name=value,...`: split at top-level commas, check each name, evaluate each value
// with the expression parser (so pi/2 works), and refuse anything ambiguous.
#include "cli/point.hpp"

#include <fmt/format.h>

#include <cctype>

#include <algorithm>
#include <cmath>

#include "autodiff/expression/parser.hpp"
#include "cli/usage_error.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits at commas outside parentheses.
std::vector<std::string_view> split_top_level(std::string_view spec) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] == '(') ++depth;
    if (spec[i] == ')' && depth > 0) --depth;
    if (spec[i] == ',' && depth == 0) {
      parts.push_back(spec.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  parts.push_back(spec.substr(begin));
  return parts;
}

}  // namespace

bool is_variable_name(std::string_view name) {
  if (name.empty()) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(name[0])) return false;
  if (!std::all_of(name.begin(), name.end(),
                   [&](char c) { return letter(c) || (c >= '0' && c <= '9'); }))
    return false;
  return !find_function(name) && !find_constant(name);
}

void Point::add(std::string_view spec, std::string_view option) {
  if (spec.find(';') != std::string_view::npos)
    throw UsageError(trf("{} '{}': separate the bindings with commas, e.g. {} x=1,y=2",
                                 option, spec, option));
  std::string_view previous;  // the binding before, for the decimal-comma hint
  for (std::string_view part : split_top_level(spec)) {
    part = trim(part);
    if (!part.empty() && part.find('=') == std::string_view::npos && std::isdigit(static_cast<unsigned char>(part[0])) &&
        !previous.empty() && std::isdigit(static_cast<unsigned char>(previous.back())))
      throw UsageError(fmt::format(fmt::runtime(tr("{} '{}': '{}' has no '=': is the comma a decimal "
                                                   "comma? The decimal separator is '.' ({}.{}); commas "
                                                   "separate bindings")),
                                   option, spec, part, previous, part));
    previous = part;
    if (part.empty())
      throw UsageError(trf("{} '{}': an empty binding; write name=value pairs separated "
                                   "by commas, e.g. --at x=1,y=2",
                                   option, spec));
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos)
      throw UsageError(trf("{} '{}': '{}' has no '='; write name=value, e.g. x=1", option, spec,
                                   part));
    const std::string_view name = trim(part.substr(0, eq));
    const std::string_view value_text = trim(part.substr(eq + 1));
    if (find_constant(name))
      throw UsageError(trf("{} '{}': '{}' is a constant and cannot be given a value; "
                                   "use another variable name",
                                   option, spec, name));
    if (find_function(name))
      throw UsageError(trf("{} '{}': '{}' is a function name and cannot be a variable",
                                   option, spec, name));
    if (!is_variable_name(name))
      throw UsageError(trf("{} '{}': '{}' is not a variable name (letters, digits and _, "
                                   "not starting with a digit)",
                                   option, spec, name));
    if (value_text.empty())
      throw UsageError(trf("{} '{}': '{}' has no value after '='", option, spec, name));
    double value = 0.0;
    try {
      const Expression e = parse_expression(value_text);
      if (!e.variables().empty())
        throw UsageError(trf("{} '{}': the value of '{}' must be a number or a constant "
                                     "expression such as pi/4, but it uses the variable '{}'",
                                     option, spec, name, e.variables().front()));
      value = e.evaluate({});
    } catch (const ParseError& error) {
      throw UsageError(trf("{} '{}': the value of '{}' is not a number: {}", option, spec, name,
                                   error.what()));
    }
    if (!std::isfinite(value))
      throw UsageError(trf("{} '{}': the value of '{}' is {}, not a finite number", option, spec,
                                   name, value));
    add(std::string(name), value);
  }
}

void Point::add(std::string name, double value) {
  if (find(name))
    throw UsageError(trf("'{}' is given a value twice", name));
  bindings_.push_back({std::move(name), value});
}

std::vector<std::string> Point::names() const {
  std::vector<std::string> out;
  for (const Binding& b : bindings_) out.push_back(b.name);
  return out;
}

std::vector<double> Point::values() const {
  std::vector<double> out;
  for (const Binding& b : bindings_) out.push_back(b.value);
  return out;
}

std::optional<double> Point::find(std::string_view name) const {
  for (const Binding& b : bindings_)
    if (b.name == name) return b.value;
  return std::nullopt;
}

}  // namespace tapegrad::cli
