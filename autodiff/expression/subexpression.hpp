// SPDX-License-Identifier: MIT
// Reading an Expression as a tree of sub-expressions: where each entry's subtree starts, the text
// of a subtree (minimally or fully bracketed, in the expression's own names), and a copy with the
// operands of one binary entry swapped (a − b → b − a) — for the checker's diagnoses.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "autodiff/expression/expression.hpp"

namespace tapegrad {

// For each entry k (postfix order), the index of the first entry of the subtree that k closes;
// the subtree is the entries [starts[k], k].
std::vector<std::size_t> subtree_starts(const Expression& e);

enum class Brackets { minimal, full };

// The text of the subtree closed by entry `node`: "2·(3·x + 5)" (minimal) or "(2·((3·x) + 5))"
// (full: every binary and prefix op in its own brackets, so precedence is plain to see).
std::string subexpression_text(const Expression& e, std::size_t node,
                               Brackets brackets = Brackets::minimal);
// The whole expression's text (its last entry); "" for an empty expression.
std::string expression_text(const Expression& e, Brackets brackets = Brackets::minimal);

// A copy of `e` in which every use of a named value is replaced by the entries that define it
// (`u := x − 1; 2·(1 − u)` reads as `2·(1 − (x − 1))`): a plain tree, as the functions here
// expect. Nullopt when the copy would pass `max_entries` (names of names can double it each time).
std::optional<Expression> with_names_inlined(const Expression& e, std::size_t max_entries = 1 << 16);

// A copy of `e` with the two operands of binary entry `node` swapped: a − b becomes b − a.
// Throws tapegrad::Error when `node` is not a binary op.
Expression with_swapped_operands(const Expression& e, std::size_t node);

}  // namespace tapegrad
