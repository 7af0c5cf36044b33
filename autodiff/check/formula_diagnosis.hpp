// SPDX-License-Identifier: MIT
// Saying how a hand-derived partial written as a formula is wrong, in the user's own symbols: the
// evidence is the per-row values (AD, hand) at several points, each with every variable's value;
// the formula f is re-recorded per sample to read its pieces (sub-expression values, inner
// derivatives, outer derivatives, the parts of a sum), and the hand formula is re-read (brackets,
// a difference turned round) until one explanation fits every sample.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "autodiff/check/diagnosis.hpp"
#include "autodiff/expression/expression.hpp"

namespace tapegrad {

// One sample: a point and (with data) one row.
struct FormulaSample {
  std::vector<double> values;   // every variable's value, in FormulaEvidence::names order
  std::vector<double> ad;       // ∂f_row/∂parameter j, for every parameter
  std::vector<double> hand;     // the hand formula for parameter j (NaN where none is given)
  std::vector<double> allowed;  // per parameter: how far hand may be from AD
};

struct FormulaEvidence {
  const Expression* f = nullptr;
  std::vector<const Expression*> hands;  // per parameter; nullptr where none is given
  // Every variable's name: the parameters first, then the constants, then the data columns.
  std::vector<std::string> names;
  std::size_t parameters = 0;
  std::size_t constants = 0;
  std::vector<FormulaSample> samples;
  std::optional<double> sample_count;  // the rows of the data, for n and 1/n
};

// The diagnosis of parameter `component`'s hand formula, or nothing when it agrees everywhere.
std::optional<Diagnosis> diagnose_formula(const FormulaEvidence& evidence, std::size_t component);

// The value of `e` with its variables looked up by name in (names, values); NaN for a name that
// is not there.
double evaluate_named(const Expression& e, const std::vector<std::string>& names,
                      const std::vector<double>& values);

}  // namespace tapegrad
