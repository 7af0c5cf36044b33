// SPDX-License-Identifier: MIT
// Recording a problem with its given values as named inputs (see explain_recording.hpp).
#include "cli/explain_recording.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "autodiff/var_ops.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {

ExplainRecording record_for_explain(const Problem& problem, Tape& tape, std::size_t row) {
  ExplainRecording out;
  for (const Binding& b : problem.point().bindings()) out.parameters.push_back(tape.input(b.value, b.name));
  const Expression& expression = problem.expression();
  const auto& variables = expression.variables();
  std::vector<Var> values(variables.size());
  std::vector<std::optional<std::size_t>> columns(variables.size());
  const CsvTable* data = problem.data();
  const auto& at = problem.point().bindings();
  // The --with constants the expression uses, in the order given (the header lists them so).
  for (const Binding& c : problem.constants().bindings()) {
    const auto i = expression.variable_index(c.name);
    if (!i || at.end() != std::find_if(at.begin(), at.end(), [&](const Binding& b) { return b.name == c.name; }))
      continue;
    values[*i] = tape.input(c.value, c.name);
    out.given.push_back(values[*i].index());
  }
  for (std::size_t i = 0; i < variables.size(); ++i) {
    const std::string& name = variables[i];
    bool bound = false;
    for (std::size_t k = 0; k < at.size(); ++k) {
      if (at[k].name == name) {
        values[i] = out.parameters[k];
        bound = true;
      }
    }
    if (bound) continue;
    if (problem.constants().find(name)) continue;  // entered above
    if (data != nullptr) {
      columns[i] = data->column_index(name);  // Objective checked that every variable is bound
    }
  }
  if (data == nullptr) {
    out.loss = expression.record(values);
    return out;
  }
  for (std::size_t i = 0; i < variables.size(); ++i) {
    if (!columns[i]) continue;
    out.columns.push_back(variables[i]);
    out.row_values.push_back(data->number(row, *columns[i]));
    values[i] = tape.input(out.row_values.back(), variables[i]);
    out.given.push_back(values[i].index());
  }
  try {
    out.loss = expression.record(values);
  } catch (const DomainError& e) {
    throw DataRowError(trf("on data row {} of {}: {}", row + 1, data->source(), e.what()), row + 1);
  }
  return out;
}

std::vector<std::pair<Op, std::string>> spellings_of(const Expression& expression) {
  // ln and log are the same op; when the text calls only ln, explain says ln too.
  const std::string& text = expression.text();
  bool ln = false, log = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
    if (!word_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && word_char(text[end])) ++end;
    const std::string_view word(text.data() + i, end - i);
    ln = ln || word == "ln";
    log = log || word == "log";
    i = end;
  }
  if (ln && !log) return {{Op::log, "ln"}};
  return {};
}

}  // namespace tapegrad::cli
