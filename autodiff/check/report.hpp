// SPDX-License-Identifier: MIT
// The result of a gradient check as data: a row per component and point (AD, hand, finite
// difference, errors, verdict), the diagnoses of wrong components, and a summary; rendered as
// aligned text with fmt or as JSON (the schema is in docs/gradient_check.md).
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/check/diagnosis.hpp"

namespace tapegrad {

enum class Verdict {
  ok,                    // hand ≈ AD (when given) and AD ≈ FD (when computed)
  hand_mismatch,         // the hand-derived component disagrees with the tape's
  fd_mismatch,           // the tape disagrees with finite differences
  hand_and_fd_mismatch,  // both
};
std::string_view to_string(Verdict verdict);

struct GradientCheckRow {
  std::size_t point = 0;      // index into GradientCheckReport::points
  std::size_t component = 0;  // index into x
  std::string name;
  double ad = 0.0;    // the tape's ∂f/∂x_i
  double hand = 0.0;  // the hand-derived one; NaN when no hand gradient was given
  double fd = 0.0;    // finite differences; NaN when they were switched off
  double abs_error = 0.0;  // |hand − AD|; NaN without a hand gradient
  double rel_error = 0.0;  // |hand − AD| / max(|hand|, |AD|), 0 when both are 0
  double fd_abs_error = 0.0;  // |FD − AD|
  double fd_rel_error = 0.0;  // |FD − AD| / max(|FD|, |AD|)
  double allowed = 0.0;       // the tolerance abs_error was compared with
  double fd_allowed = 0.0;    // the tolerance fd_abs_error was compared with
  Verdict verdict = Verdict::ok;
};

struct GradientCheckSummary {
  std::size_t points = 0;
  std::size_t components = 0;
  bool hand_checked = false;  // a hand gradient was given
  bool fd_checked = false;    // finite differences were computed
  std::size_t hand_mismatches = 0;  // rows
  std::size_t fd_mismatches = 0;    // rows
  std::vector<std::string> wrong_components;          // hand ≠ AD at some point
  std::vector<std::string> fd_disagreeing_components;  // AD ≠ FD at some point
  double max_abs_error = 0.0, max_rel_error = 0.0;
  double max_fd_abs_error = 0.0, max_fd_rel_error = 0.0;
  bool passed = true;
};

struct GradientCheckReport {
  std::string function_name = "f";
  std::string fd_scheme;  // "central", "forward", "richardson", or "" when off
  std::vector<std::string> names;
  std::vector<Eigen::VectorXd> points;
  std::vector<double> values;  // f at each point
  std::vector<GradientCheckRow> rows;  // point-major: all components of point 0, then point 1, …
  std::vector<Diagnosis> diagnoses;    // one per wrong component whose pattern was read
  GradientCheckSummary summary;

  // The row of a component at a point.
  const GradientCheckRow& row(std::size_t point, std::size_t component) const {
    return rows.at(point * names.size() + component);
  }
  // The diagnosis of a component, or nullptr.
  const Diagnosis* diagnosis(std::size_t component) const;
};

// Aligned text: per point a table (wrt, AD, hand, FD, |hand−AD|, rel, |FD−AD|, verdict), then the
// diagnoses and a one-line summary. At most `max_points` point tables are printed (the summary
// covers all).
std::string to_text(const GradientCheckReport& report, std::size_t max_points = 5);
nlohmann::json to_json(const GradientCheckReport& report);

}  // namespace tapegrad
