// SPDX-License-Identifier: MIT
// Checking hand-derived partials written as formulas (Expressions) against the tape, at points
// that cover the formula: the user's point, then seeded points where the parameters, the
// constants and the data rows all take other, non-special values (no 0, ±1 or small integer), so
// that a missing factor x cannot hide behind x = 1. Each hand partial is compared per data row as
// well as for the whole objective (the mean or sum over the rows); a wrong one is diagnosed in
// the user's own symbols (formula_diagnosis.hpp).
//
//   FormulaProblem p{.f = parse_expression("(3*x+5)^2"), .parameters = {{"x", 0.0}},
//                    .hands = {{"x", parse_expression("2*3")}}};
//   auto report = check_hand_gradient(p);   // x: the outer derivative lost (3·x + 5)
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "autodiff/check/gradient_check.hpp"
#include "autodiff/expression/expression.hpp"

namespace tapegrad {

struct NamedValue {
  std::string name;
  double value = 0.0;
};

// Rows of data the formula is evaluated on: the objective is their mean (or sum).
struct FormulaData {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> rows;  // each with one value per column
  bool sum = false;
};

struct HandFormula {
  std::string wrt;  // a parameter's name
  Expression expression;
};

struct FormulaProblem {
  Expression f;
  std::vector<NamedValue> parameters;  // the point; the partials are taken with respect to these
  std::vector<NamedValue> constants;   // values f must hold for but is not differentiated in
  FormulaData data{};                  // rows; none: f is the objective itself
  std::vector<HandFormula> hands{};
};

struct FormulaCheckOptions {
  // The user's point and points − 1 more; each of the others moves every parameter and constant
  // by up to ±radius (data cells by up to ±max(radius, |v|/10)), avoiding special values.
  std::size_t points = 5;
  double radius = 0.5;
  std::uint64_t seed = 1;
  bool vary_data = true;  // the other points also move the data cells
  Tolerance hand{.rtol = 1e-6, .atol = 1e-12, .norm_rtol = 1e-9};
  Tolerance fd{.rtol = 1e-5, .atol = 1e-10, .norm_rtol = 1e-7};
  double fd_noise_factor = 10.0;
  bool finite_differences = true;
  std::size_t max_rows = 64;  // rows per point used for the per-row comparison and diagnosis
  std::string function_name = "f";
};

struct FormulaCheckReport {
  GradientCheckReport gradient;  // per point and parameter: AD, hand, FD, verdict; diagnoses
  std::vector<std::string> hand_texts;                 // per parameter: the formula or ""
  std::vector<std::vector<NamedValue>> constants;      // per point: the constants' values
  std::vector<bool> data_varied;                       // per point: the data cells were moved
  std::size_t rows = 0;                                // rows of data (0: none)
  // Why an agreement at the user's point may be an accident, and what else was checked:
  // "at x = 1 a missing factor x cannot be seen; checked also at x = 1.37, −0.61".
  std::vector<std::string> notes;
  bool passed() const { return gradient.summary.passed; }
};

// Throws tapegrad::Error for an inconsistent problem (an unbound variable, a hand partial for a
// name that is not a parameter, a name used twice, a row of the wrong length) or options that are
// not finite (naming the option).
FormulaCheckReport check_hand_gradient(const FormulaProblem& problem,
                                       const FormulaCheckOptions& options = {});

// The report as text (per point a table, then the diagnoses and notes), as Markdown for a
// handout, and as JSON (docs/gradient_check.md).
std::string to_text(const FormulaCheckReport& report);
std::string to_markdown(const FormulaCheckReport& report);
nlohmann::json to_json(const FormulaCheckReport& report);

}  // namespace tapegrad
