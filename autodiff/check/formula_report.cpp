// SPDX-License-Identifier: MIT
// The formula check's report as text, as Markdown for a handout, and as JSON: per parameter the
// AD, hand and finite-difference values, the verdict and the diagnosis; the points; the notes.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "autodiff/check/formula_check.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {
namespace {

std::string num(double v) { return std::isnan(v) ? "—" : fmt::format("{:.6g}", v); }

nlohmann::json number_or_null(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

// Whether parameter j's hand formula is right at every point checked.
bool component_ok(const FormulaCheckReport& r, std::size_t j) {
  const auto& w = r.gradient.summary.wrong_components;
  return std::find(w.begin(), w.end(), r.gradient.names[j]) == w.end();
}

std::string point_text(const FormulaCheckReport& r, std::size_t p) {
  std::vector<std::string> parts;
  const auto& g = r.gradient;
  for (std::size_t j = 0; j < g.names.size(); ++j)
    parts.push_back(fmt::format("{} = {}", g.names[j], num(g.points[p][static_cast<Eigen::Index>(j)])));
  std::string out = fmt::format("{}", fmt::join(parts, ", "));
  if (!r.constants[p].empty()) {
    parts.clear();
    for (const auto& c : r.constants[p]) parts.push_back(fmt::format("{} = {}", c.name, num(c.value)));
    out += trf("; with {}", fmt::join(parts, ", "));
  }
  if (r.rows > 0) out += r.data_varied[p] ? tr("; the data cells moved") : tr("; the data as given");
  return out;
}

std::string verdict_text(const FormulaCheckReport& r, std::size_t j) {
  if (r.hand_texts[j].empty()) return tr("not given");
  return component_ok(r, j) ? tr("ok") : tr("WRONG");
}

}  // namespace

std::string to_text(const FormulaCheckReport& r) {
  const auto& g = r.gradient;
  std::string out;
  for (std::size_t p = 0; p < g.points.size(); ++p)
    out += trf("point {}{}: {}", p + 1, p == 0 ? tr(" (yours)") : "", point_text(r, p)) + '\n';
  out += '\n' + to_text(g, g.points.size());
  if (!r.notes.empty()) {
    out += '\n';
    for (const auto& n : r.notes) out += trf("note: {}", n) + '\n';
  }
  return out;
}

std::string to_markdown(const FormulaCheckReport& r) {
  const auto& g = r.gradient;
  std::string out = "## " + trf("Gradient check of {}", g.function_name) + "\n\n";
  out += fmt::format("| ∂/∂ | {} | AD | {} | FD | {} |\n", tr("hand-derived"), tr("hand"), tr("verdict"));
  out += "| --- | --- | ---: | ---: | ---: | --- |\n";
  for (std::size_t j = 0; j < g.names.size(); ++j) {
    const auto& row = g.row(0, j);
    out += fmt::format("| {} | `{}` | {} | {} | {} | {} |\n", g.names[j],
                       r.hand_texts[j].empty() ? "—" : r.hand_texts[j], num(row.ad), num(row.hand),
                       num(row.fd), verdict_text(r, j));
  }
  out += fmt::format("\n{}\n\n### {}\n\n", tr("Values at your point; the verdict covers every point below."),
                     tr("Points checked"));
  for (std::size_t p = 0; p < g.points.size(); ++p) {
    out += fmt::format("{}. {}{}\n", p + 1, point_text(r, p), p == 0 ? tr(" (yours)") : "");
    for (std::size_t j = 0; j < g.names.size(); ++j) {
      const auto& row = g.row(p, j);
      if (r.hand_texts[j].empty()) continue;
      // The verdict's identifier in English (as in the JSON), a word from the catalogs otherwise.
      out += "   - " + trf("∂/∂{}: AD {}, hand {}, FD {} — {}", g.names[j], num(row.ad), num(row.hand),
                           num(row.fd), tr(std::string(to_string(row.verdict)).c_str())) + '\n';
    }
  }
  if (!g.diagnoses.empty()) {
    out += fmt::format("\n### {}\n\n", tr("Diagnosis"));
    for (const auto& d : g.diagnoses) {
      out += fmt::format("- **∂/∂{}** ({}): {}\n", d.name, to_string(d.kind), d.message);
      if (!d.hand_bracketed.empty())
        out += "  - " + trf("read as: `{}`", d.hand_bracketed) + "\n  - " + trf("intended: `{}`", d.intended) + '\n';
    }
  }
  if (!r.notes.empty()) {
    out += fmt::format("\n### {}\n\n", tr("Notes"));
    for (const auto& n : r.notes) out += fmt::format("- {}\n", n);
  }
  out += fmt::format("\n**{}**\n", r.passed() ? tr("PASSED") : tr("FAILED"));
  return out;
}

nlohmann::json to_json(const FormulaCheckReport& r) {
  using nlohmann::json;
  const auto& g = r.gradient;
  json partials = json::object();
  for (std::size_t j = 0; j < g.names.size(); ++j) {
    if (r.hand_texts[j].empty()) continue;
    const auto& row = g.row(0, j);
    const Diagnosis* d = g.diagnosis(j);
    partials[g.names[j]] = {{"hand_expression", r.hand_texts[j]},
                            {"ad", number_or_null(row.ad)},
                            {"hand", number_or_null(row.hand)},
                            {"fd", number_or_null(row.fd)},
                            {"abs_error", number_or_null(row.abs_error)},
                            {"rel_error", number_or_null(row.rel_error)},
                            {"verdict", std::string(to_string(row.verdict))},
                            {"ok", component_ok(r, j)},
                            {"kind", d != nullptr ? json(std::string(to_string(d->kind))) : json(nullptr)},
                            {"diagnosis", d != nullptr ? json(d->message) : json(nullptr)}};
  }
  json points = json::array();
  for (std::size_t p = 0; p < g.points.size(); ++p) {
    json parameters = json::object(), constants = json::object();
    for (std::size_t j = 0; j < g.names.size(); ++j)
      parameters[g.names[j]] = g.points[p][static_cast<Eigen::Index>(j)];
    for (const auto& c : r.constants[p]) constants[c.name] = c.value;
    points.push_back({{"parameters", parameters},
                      {"constants", constants},
                      {"data_varied", static_cast<bool>(r.data_varied[p])},
                      {"value", number_or_null(g.values[p])}});
  }
  json diagnoses = json::array();
  for (const auto& d : g.diagnoses) {
    json entry = {{"name", d.name}, {"kind", std::string(to_string(d.kind))}, {"message", d.message}};
    if (!d.piece.empty()) entry["piece"] = d.piece;
    if (!d.hand_bracketed.empty()) {
      entry["hand_bracketed"] = d.hand_bracketed;
      entry["intended"] = d.intended;
    }
    diagnoses.push_back(std::move(entry));
  }
  return {{"ok", g.summary.wrong_components.empty()},
          {"passed", r.passed()},
          {"partials", partials},
          {"diagnoses", diagnoses},
          {"notes", r.notes},
          {"points", points},
          {"report", to_json(g)}};
}

}  // namespace tapegrad
