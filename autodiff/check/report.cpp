// SPDX-License-Identifier: MIT
// Rendering a gradient check (see report.hpp): aligned text with fmt, and JSON
// with nlohmann-json. Formatting lives here only; the check computes, this file prints.
#include "autodiff/check/report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <cmath>
#include <nlohmann/json.hpp>

#include "autodiff/utf8.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {
namespace {

std::string num(double v) {
  if (std::isnan(v)) return "—";
  return fmt::format("{:.6g}", v);
}
std::string err(double v) {
  if (std::isnan(v)) return "—";
  return fmt::format("{:.2g}", v);
}

std::string_view verdict_text(Verdict v) {
  switch (v) {
    case Verdict::ok: return tr("ok");
    case Verdict::hand_mismatch: return tr("HAND WRONG");
    case Verdict::fd_mismatch: return "AD≠FD";
    case Verdict::hand_and_fd_mismatch: return tr("HAND WRONG, AD≠FD");
  }
  return "ok";
}

// `text` padded with spaces to `width` terminal columns, on the left or the right: a Chinese
// header takes two columns per character, which fmt's {:<} would count as three bytes.
std::string pad(std::string_view text, std::size_t width, bool right) {
  const std::size_t w = utf8::display_width(text);
  const std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + std::string(text) : std::string(text) + fill;
}

// One row of a point's table: wrt, AD, hand, FD, |hand−AD|, rel, |FD−AD|, verdict.
std::string table_row(const std::vector<std::string>& cells, std::size_t width) {
  std::string out = "  " + pad(cells[0], width, false);
  const std::size_t widths[] = {13, 13, 13, 9, 9, 9};
  for (std::size_t c = 1; c < 7; ++c) out += "  " + pad(cells[c], widths[c - 1], true);
  return out + "  " + cells[7];
}

// ", AD vs central finite differences (FD)", as one sentence per scheme for the translations.
std::string fd_phrase(const std::string& scheme) {
  if (scheme == "central") return tr(", AD vs central finite differences (FD)");
  if (scheme == "forward") return tr(", AD vs forward finite differences (FD)");
  if (scheme == "richardson") return tr(", AD vs Richardson-extrapolated finite differences (FD)");
  return fmt::format(", AD vs {} finite differences (FD)", scheme);
}

// Appends one formatted line.
template <class... T>
void line_to(std::string& out, fmt::format_string<T...> format, T&&... args) {
  fmt::format_to(std::back_inserter(out), format, std::forward<T>(args)...);
  out += '\n';
}

// JSON has no NaN: a value that is not there is null.
nlohmann::json number_or_null(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

}  // namespace

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::ok: return "ok";
    case Verdict::hand_mismatch: return "hand_mismatch";
    case Verdict::fd_mismatch: return "fd_mismatch";
    case Verdict::hand_and_fd_mismatch: return "hand_and_fd_mismatch";
  }
  return "ok";
}

const Diagnosis* GradientCheckReport::diagnosis(std::size_t component) const {
  for (const auto& d : diagnoses)
    if (d.component == component) return &d;
  return nullptr;
}

std::string to_text(const GradientCheckReport& r, std::size_t max_points) {
  const auto& s = r.summary;
  std::string out;
  line_to(out, "{}", trf("Gradient check of {}: {} {}; {}{}", r.function_name,
                         trf(trn("{} component", "{} components", s.components), s.components),
                         trf(trn("at {} point", "at {} points", s.points), s.points),
                         s.hand_checked ? tr("hand-derived vs tape (AD)") : tr("tape (AD) only"),
                         s.fd_checked ? fd_phrase(r.fd_scheme) : ""));

  std::size_t width = utf8::display_width(tr("wrt"));
  for (const auto& name : r.names) width = std::max(width, utf8::display_width(name));
  const std::size_t shown = std::min(max_points, r.points.size());
  for (std::size_t p = 0; p < shown; ++p) {
    std::vector<std::string> coords;
    for (std::size_t i = 0; i < r.names.size(); ++i)
      coords.push_back(fmt::format("{} = {}", r.names[i], num(r.points[p][static_cast<Eigen::Index>(i)])));
    line_to(out, "");
    line_to(out, "{}", trf("point {} of {}: {}; {} = {}", p + 1, r.points.size(), fmt::join(coords, ", "),
                           r.function_name, num(r.values[p])));
    line_to(out, "{}", table_row({tr("wrt"), "AD", tr("hand"), "FD", tr("|hand−AD|"), tr("rel"), "|FD−AD|",
                                  tr("verdict")},
                                 width));
    for (std::size_t i = 0; i < r.names.size(); ++i) {
      const auto& row = r.row(p, i);
      line_to(out, "{}", table_row({row.name, num(row.ad), num(row.hand), num(row.fd), err(row.abs_error),
                                    err(row.rel_error), err(row.fd_abs_error),
                                    std::string(verdict_text(row.verdict))},
                                   width));
    }
  }
  if (shown < r.points.size())
    line_to(out, "\n{}", trf(trn("({} more point not shown)", "({} more points not shown)", r.points.size() - shown),
                             r.points.size() - shown));

  if (!r.diagnoses.empty()) {
    line_to(out, "");
    line_to(out, "{}", tr("diagnosis:"));
    for (const auto& d : r.diagnoses) line_to(out, "  {}", trf("∂{}/∂{}: {}", r.function_name, d.name, d.message));
  }

  line_to(out, "");
  std::string verdict;
  if (s.hand_checked)
    verdict = s.wrong_components.empty()
                  ? trf("hand-derived gradient agrees with the tape (max |hand−AD| {}, max rel {})",
                        err(s.max_abs_error), err(s.max_rel_error))
                  : trf("hand-derived gradient WRONG in {} ({} of {} rows)", fmt::join(s.wrong_components, ", "),
                        s.hand_mismatches, r.rows.size());
  if (s.fd_checked) {
    if (!verdict.empty()) verdict += tr("; ");
    verdict += s.fd_disagreeing_components.empty()
                   ? trf("tape agrees with finite differences (max |FD−AD| {}, max rel {})",
                         err(s.max_fd_abs_error), err(s.max_fd_rel_error))
                   : trf("tape and finite differences DISAGREE in {} ({} rows): a bug in an op or a custom "
                         "op, a kink or jump near the point, or a step too large for the input's scale "
                         "(FdOptions::typical_x)",
                         fmt::join(s.fd_disagreeing_components, ", "), s.fd_mismatches);
  }
  line_to(out, "{}", trf("summary: {} — {}", s.passed ? tr("PASSED") : tr("FAILED"), verdict));
  return out;
}

nlohmann::json to_json(const GradientCheckReport& r) {
  using nlohmann::json;
  json points = json::array();
  for (std::size_t p = 0; p < r.points.size(); ++p) {
    json x = json::array();
    for (Eigen::Index i = 0; i < r.points[p].size(); ++i) x.push_back(number_or_null(r.points[p][i]));
    points.push_back({{"x", x}, {"value", number_or_null(r.values[p])}});
  }
  json rows = json::array();
  for (const auto& row : r.rows)
    rows.push_back({{"point", row.point},
                    {"component", row.component},
                    {"name", row.name},
                    {"ad", number_or_null(row.ad)},
                    {"hand", number_or_null(row.hand)},
                    {"fd", number_or_null(row.fd)},
                    {"abs_error", number_or_null(row.abs_error)},
                    {"rel_error", number_or_null(row.rel_error)},
                    {"fd_abs_error", number_or_null(row.fd_abs_error)},
                    {"fd_rel_error", number_or_null(row.fd_rel_error)},
                    {"allowed", number_or_null(row.allowed)},
                    {"fd_allowed", number_or_null(row.fd_allowed)},
                    {"verdict", std::string(to_string(row.verdict))}});
  json diagnoses = json::array();
  for (const auto& d : r.diagnoses)
    diagnoses.push_back({{"component", d.component},
                         {"name", d.name},
                         {"kind", std::string(to_string(d.kind))},
                         {"factor", number_or_null(d.factor)},
                         {"factor_text", d.factor_text},
                         {"inner", d.inner.empty() ? json(nullptr) : json(d.inner)},
                         {"points", d.points},
                         {"piece", d.piece.empty() ? json(nullptr) : json(d.piece)},
                         {"message", d.message}});
  const auto& s = r.summary;
  json summary = {{"passed", s.passed},
                  {"points", s.points},
                  {"components", s.components},
                  {"hand_checked", s.hand_checked},
                  {"fd_checked", s.fd_checked},
                  {"hand_mismatches", s.hand_mismatches},
                  {"fd_mismatches", s.fd_mismatches},
                  {"wrong_components", s.wrong_components},
                  {"fd_disagreeing_components", s.fd_disagreeing_components},
                  {"max_abs_error", number_or_null(s.max_abs_error)},
                  {"max_rel_error", number_or_null(s.max_rel_error)},
                  {"max_fd_abs_error", number_or_null(s.max_fd_abs_error)},
                  {"max_fd_rel_error", number_or_null(s.max_fd_rel_error)}};
  return {{"function", r.function_name},
          {"fd_scheme", r.fd_scheme.empty() ? json(nullptr) : json(r.fd_scheme)},
          {"names", r.names},
          {"points", points},
          {"rows", rows},
          {"diagnoses", diagnoses},
          {"summary", summary}};
}

}  // namespace tapegrad
