// SPDX-License-Identifier: MIT
// Saying how a hand-derived gradient component is wrong, from its values next to the tape's at
// several points: the opposite sign, a constant factor (2, 1/2, n, 1/n), zero where the tape is
// not (a missing term), or hand·∂u/∂x = AD for an inner expression u of the recorded function
// (the chain rule's inner derivative forgotten). Also reads a recording for those inner
// expressions: each node's text and its forward tangent ∂node/∂x_i.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/tape.hpp"

namespace tapegrad {

enum class DiagnosisKind {
  opposite_sign,               // hand = −AD everywhere
  constant_factor,             // hand = c·AD everywhere, c ≠ ±1 (2, 1/2, n, 1/n, …)
  forgotten_inner_derivative,  // hand·∂u/∂x = AD for an inner expression u of f
  missing_term,                // hand = 0 where AD is not
  extra_term,                  // AD = 0 everywhere but hand is not
  no_clear_pattern,            // wrong, but none of the above fits every point
  // Read from the formula (formula_diagnosis.hpp), each naming the piece in the user's symbols:
  missing_factor,            // hand·x = AD for a variable or data column x (or xᵢ per row)
  lost_inner_expression,     // hand·u = AD for an inner expression u: the outer derivative
                             // was written without its inner expression, e.g. 2·3 for 2·(3x+5)·3
  missing_outer_derivative,  // hand·g'(u) = AD: the inner derivative without the outer one
  dropped_term,              // AD − hand = the part through one term of a sum (or product)
  swapped_partials,          // hand for x_i = AD for x_j: the partials were given for each other
  precedence_slip,           // the hand text with one pair of brackets added is right
  wrong_sign_in_part,        // a − b written where b − a belongs, inside the hand expression
};
std::string_view to_string(DiagnosisKind kind);

// An inner expression u of the recorded function and ∂u/∂x_i at each point.
struct InnerCandidate {
  std::string text;  // as recorded, e.g. "2·x"
  std::vector<double> derivative;
};

// What is known about one component across the points.
struct ComponentEvidence {
  std::size_t component = 0;
  std::string name;
  std::vector<double> ad, hand;  // per point
  // Per point: how far hand may be from AD and still agree (the check's combined tolerance).
  std::vector<double> allowed;
  // Per point: how small a value counts as 0 (the tolerance without its relative part).
  std::vector<double> zero;
  std::vector<InnerCandidate> inner;  // may be empty (no recording available)
};

struct DiagnosisOptions {
  // hand/AD counts as constant when every ratio lies within ratio_rtol·|mean| (plus what the
  // tolerance `allowed` permits) of the mean.
  double ratio_rtol = 1e-6;
  // The number of samples n in a loss that sums or averages over samples; with it a factor of
  // n or 1/n is named as sum-versus-mean.
  std::optional<double> sample_count;
};

struct Diagnosis {
  std::size_t component = 0;
  std::string name;
  DiagnosisKind kind = DiagnosisKind::no_clear_pattern;
  double factor = std::numeric_limits<double>::quiet_NaN();  // hand/AD when it is constant
  std::string factor_text;  // the factor as a person would write it: "−1", "1/2", "n = 4"
  std::string inner;        // the inner expression u whose derivative is missing, if found
  std::size_t points = 0;   // the points the pattern was seen at
  std::string message;      // one or two sentences for the user
  // The named piece for the formula diagnoses: "x", "3·x + 5", "w0" (swapped), "4*x+4"
  // (the bracketed part of a precedence slip), "y − σ" (a difference the wrong way round).
  std::string piece;
  std::string hand_bracketed;  // precedence slip: the hand text re-read fully bracketed
  std::string intended;        // precedence slip: the hand text with the brackets it needs
};

// The diagnosis of one component, or nothing when hand agrees with AD at every point.
std::optional<Diagnosis> diagnose_component(const ComponentEvidence& evidence,
                                            const DiagnosisOptions& options = {});

// A factor as a person would write it: "−1", "2", "1/3", "n = 4", "1/n = 1/4", else "0.731".
std::string factor_text(double factor, std::optional<double> sample_count = {});

// ∂node/∂x for every node of the tape's current recording, where x is the input node `wrt`:
// one forward sweep, tangent(node) = Σ partial·tangent(input). NaN for outputs of block ops
// (their partials are not on the tape) and what depends on them.
std::vector<double> forward_tangents(const Tape& tape, NodeIndex wrt);

// A short text of each node's expression ("sin(2·x)"), built in creation order without
// recursion. Constants appear only when the tape records in trace mode; an expression longer
// than max_length is shown by its op and node index instead.
std::vector<std::string> expression_texts(const Tape& tape, std::size_t max_length = 80);

}  // namespace tapegrad
