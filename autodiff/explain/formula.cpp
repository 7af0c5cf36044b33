// SPDX-License-Identifier: MIT
// Formula text for explain (see formula.hpp).
#include "autodiff/explain/formula.hpp"

#include <cctype>

namespace tapegrad {

namespace {
bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}
std::string parenthesised(std::string_view text) {
  return is_atomic_formula(text) ? std::string(text) : "(" + std::string(text) + ")";
}
}  // namespace

bool is_atomic_formula(std::string_view text) {
  if (text.empty()) return false;
  for (std::string_view bad : {" ", "+", "/", "^", ",", "(", "\u00b7", "\u2212", "-", "*"})
    if (text.find(bad) != std::string_view::npos) return false;
  return true;
}

std::string substitute_rule(std::string_view rule, std::string_view a, std::string_view b,
                            std::string_view y) {
  std::string out;
  std::size_t i = 0;
  while (i < rule.size()) {
    if (!is_word_char(rule[i])) {
      out += rule[i++];
      continue;
    }
    std::size_t end = i;
    while (end < rule.size() && is_word_char(rule[end])) ++end;
    const std::string_view word = rule.substr(i, end - i);
    std::string_view replacement;
    if (word == "a") replacement = a;
    else if (word == "b") replacement = b;
    else if (word == "y") replacement = y;
    if (replacement.empty()) {
      out += word;
    } else {
      // Alone, or a whole argument `f(a)` / `f(a, b)`: no parentheses needed.
      const bool alone = i == 0 && end == rule.size();
      const bool open_before = i > 0 && (rule[i - 1] == '(' || (i > 1 && rule.substr(i - 2, 2) == ", "));
      const bool close_after = end < rule.size() && (rule[end] == ')' || rule[end] == ',');
      out += (alone || (open_before && close_after)) ? std::string(replacement)
                                                      : parenthesised(replacement);
    }
    i = end;
  }
  return out;
}

std::string operation_text(const OpInfo& op, std::span<const std::string> operands) {
  if (operands.size() == 2 && !op.symbol.empty()) {
    // Powers are written tight, as on paper (t2^2); other infix operators get spaces.
    const std::string sep = op.symbol == "^" ? std::string(op.symbol) : " " + std::string(op.symbol) + " ";
    return parenthesised(operands[0]) + sep + parenthesised(operands[1]);
  }
  if (operands.size() == 1 && !op.symbol.empty()) return std::string(op.symbol) + parenthesised(operands[0]);
  std::string out = std::string(op.name) + "(";
  for (std::size_t k = 0; k < operands.size(); ++k) {
    if (k > 0) out += ", ";
    out += operands[k];
  }
  return out + ")";
}

}  // namespace tapegrad
