// SPDX-License-Identifier: MIT
// Formula text for explain (see formula.hpp).
#include "autodiff/explain/formula.hpp"

#include <cctype>
#include <cmath>

#include "autodiff/explain/number.hpp"

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

namespace {
// substitute_rule with the test of what needs no parentheses given.
template <class NeedsNoParentheses>
std::string substitute_with(std::string_view rule, std::string_view a, std::string_view b,
                            std::string_view y, NeedsNoParentheses&& atomic_a_b_y) {
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
      const bool atomic = atomic_a_b_y(word == "a" ? 0 : word == "b" ? 1 : 2);
      out += (alone || (open_before && close_after) || atomic)
                 ? std::string(replacement)
                 : "(" + std::string(replacement) + ")";
    }
    i = end;
  }
  return out;
}

bool is_integer(const std::optional<double>& c) {
  return c && std::abs(*c) < 1e6 && *c == std::trunc(*c);
}

// ² ³ ... for 2 to 9; "" otherwise.
std::string superscript(double n) {
  static const char* const digits[] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                       "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
  if (n < 2 || n > 9 || n != std::trunc(n)) return "";
  return digits[static_cast<int>(n)];
}

TeacherFormula wrap(const TeacherFormula& f, int at_least) {
  if (f.precedence >= at_least) return f;
  return {"(" + f.text + ")", TeacherFormula::atom};
}

bool starts_with_letter_or_parenthesis(const std::string& text) {
  if (text.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(text[0]);
  if (c == 'e' || c == 'E') return false;  // 2e1 would read as a number
  return std::isalpha(c) != 0 || c == '(' || c >= 0x80;
}

// Juxtaposes `2` and `(3x + 5)`, as in 2(3x + 5), in a substituted rule: "2·(" → "2(".
std::string juxtapose_numbers(std::string text) {
  const std::string dot = "\u00b7(";
  for (std::size_t p = text.find(dot); p != std::string::npos; p = text.find(dot, p)) {
    if (p > 0 && std::isdigit(static_cast<unsigned char>(text[p - 1])) != 0 &&
        (p < 2 || !std::isalpha(static_cast<unsigned char>(text[p - 2])))) {
      text.erase(p, dot.size() - 1);
    } else {
      p += dot.size();
    }
  }
  return text;
}
}  // namespace

std::string substitute_rule(std::string_view rule, std::string_view a, std::string_view b,
                            std::string_view y) {
  const std::string_view texts[] = {a, b, y};
  return substitute_with(rule, a, b, y, [&](int k) { return is_atomic_formula(texts[k]); });
}

std::string substitute_rule_formula(std::string_view rule, const TeacherFormula& a,
                                    const TeacherFormula& b, const TeacherFormula& y) {
  const TeacherFormula* formulas[] = {&a, &b, &y};
  return juxtapose_numbers(substitute_with(rule, a.text, b.text, y.text, [&](int k) {
    return formulas[k]->precedence == TeacherFormula::atom;
  }));
}

TeacherFormula number_formula(double value, int precision) {
  const std::string text = format_number(value, precision);
  return {text, text.rfind("\u2212", 0) == 0 ? TeacherFormula::negation : TeacherFormula::atom};
}

TeacherFormula teacher_operation(const OpInfo& op, std::string_view name,
                                 std::span<const TeacherFormula> operands,
                                 std::span<const std::optional<double>> constants, int precision) {
  using F = TeacherFormula;
  const auto is = [&](std::size_t k, double v) { return constants.size() > k && constants[k] && *constants[k] == v; };
  const auto is_number = [&](std::size_t k) { return constants.size() > k && constants[k].has_value(); };
  if (operands.size() == 2) {
    const F& a = operands[0];
    const F& b = operands[1];
    switch (op.op) {
      case Op::add:
        if (is(1, 0)) return a;
        if (is(0, 0)) return b;
        if (is_number(1) && *constants[1] < 0)
          return {a.text + " \u2212 " + number_formula(-*constants[1], precision).text, F::sum};
        return {a.text + " + " + b.text, F::sum};
      case Op::sub:
        if (is(1, 0)) return a;
        if (is(0, 0)) return {"\u2212" + wrap(b, F::product).text, F::negation};
        return {a.text + " \u2212 " + wrap(b, F::product).text, F::sum};
      case Op::mul: {
        if (is(1, 1)) return a;
        if (is(0, 1)) return b;
        const bool swap = is_number(1) && !is_number(0);
        const F& first = swap ? b : a;
        const F& second = swap ? a : b;
        const bool first_number = is_number(swap ? 1 : 0);
        if (first_number && first.precedence == F::atom) {
          const F s = wrap(second, F::product);
          if (starts_with_letter_or_parenthesis(s.text)) return {first.text + s.text, F::product};
        }
        return {wrap(first, F::product).text + "\u00b7" + wrap(second, F::product).text, F::product};
      }
      case Op::div:
        return {wrap(a, F::product).text + "/" + wrap(b, F::power).text, F::product};
      case Op::pow: {
        const std::string base = wrap(a, F::atom).text;
        if (is_integer(constants.size() > 1 ? constants[1] : std::nullopt)) {
          const double n = *constants[1];
          if (n == 1) return a;
          if (const std::string sup = superscript(n); !sup.empty()) return {base + sup, F::power};
        }
        return {base + "^" + wrap(b, F::atom).text, F::power};
      }
      default: break;
    }
  }
  if (operands.size() == 1 && op.op == Op::neg)
    return {"\u2212" + wrap(operands[0], F::product).text, F::negation};
  std::string out = std::string(name) + "(";
  for (std::size_t k = 0; k < operands.size(); ++k) {
    if (k > 0) out += ", ";
    out += operands[k].text;
  }
  return {out + ")", F::atom};
}

std::string simplified_rule(const OpInfo& op, std::size_t k,
                            std::span<const std::optional<double>> constants, int precision) {
  const std::string rule(op.partial_text[k]);
  if (op.op == Op::pow && k == 0 && constants.size() > 1 && is_integer(constants[1])) {
    const double n = *constants[1];
    if (n == 0) return "0";
    if (n == 1) return "1";
    const std::string factor = format_number(n, precision);
    const std::string coefficient = factor == "\u22121" ? "\u2212" : factor + "\u00b7";
    if (n == 2) return coefficient + "a";
    if (const std::string sup = superscript(n - 1); !sup.empty()) return coefficient + "a" + sup;
    return coefficient + "a^" + (n - 1 < 0 ? "(" + format_number(n - 1, precision) + ")"
                                           : format_number(n - 1, precision));
  }
  return rule;
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
