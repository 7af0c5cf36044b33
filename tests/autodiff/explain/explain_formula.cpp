// SPDX-License-Identifier: MIT
// The text pieces of explain: numbers as on paper, rules from the rule table with names and
// numbers put in, operations written with their operands, the ASCII spelling.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "autodiff/explain/formula.hpp"
#include "autodiff/explain/layout.hpp"
#include "autodiff/explain/number.hpp"

using namespace tapegrad;

BOOST_AUTO_TEST_SUITE(explain_formula)

BOOST_AUTO_TEST_CASE(numbers_print_as_on_paper) {
  BOOST_TEST(format_number(4.0) == "4");
  BOOST_TEST(format_number(-4.0) == "−4");
  BOOST_TEST(format_number(0.04) == "0.04");
  BOOST_TEST(format_number(-0.0) == "0");
  BOOST_TEST(format_number(1225.0) == "1225");
  BOOST_TEST(format_number(1.0 / 3.0) == "0.333333");
  BOOST_TEST(format_number(1.0 / 3.0, 3) == "0.333");
  BOOST_TEST(format_number(2.5e-7) == "2.5e−7");
  BOOST_TEST(format_number(1e20) == "1e20");
  BOOST_TEST(format_number(std::nan("")) == "NaN");
  BOOST_TEST(format_number(-std::numeric_limits<double>::infinity()) == "−∞");
  BOOST_TEST(format_operand_number(-1.0) == "(−1)");
  BOOST_TEST(format_operand_number(1.0) == "1");
}

BOOST_AUTO_TEST_CASE(substitution_puts_names_and_numbers_in) {
  BOOST_TEST(substitute_rule("b·a^(b−1)", "t2", "2", "L") == "2·t2^(2−1)");
  BOOST_TEST(substitute_rule("cos(a)", "−3", "", "y") == "cos(−3)");
  BOOST_TEST(substitute_rule("a", "−3", "", "") == "−3");
  BOOST_TEST(substitute_rule("1/a", "−2", "", "") == "1/(−2)");
  BOOST_TEST(substitute_rule("−a/b²", "x", "−4", "") == "−x/(−4)²");
  BOOST_TEST(substitute_rule("b/(a² + b²)", "p", "q", "") == "q/(p² + q²)");
  // Words that merely contain a, b or y (tan, abs, sign, as, NaN) are left alone.
  BOOST_TEST(substitute_rule("1 + tan(a)²", "u", "", "") == "1 + tan(u)²");
  BOOST_TEST(substitute_rule("as min; 0 if a is NaN", "u", "v", "") == "as min; 0 if u is NaN");
  BOOST_TEST(substitute_rule("atan2(a, b)", "p", "−1", "") == "atan2(p, −1)");
}

BOOST_AUTO_TEST_CASE(every_rule_text_mentions_only_its_own_inputs) {
  // After substitution, no standalone a, b or y may remain: the text column and the
  // substitution agree for every row of the rule table.
  for (std::size_t i = 0; i < op_count; ++i) {
    const OpInfo& op = op_infos[i];
    for (int k = 0; k < op.arity; ++k) {
      const std::string s = substitute_rule(op.partial_text[k], "P", "Q", "Z");
      BOOST_TEST(!s.empty(), op.name);
      bool stray = false;
      for (std::size_t c = 0; c < s.size(); ++c) {
        const bool word_start = c == 0 || !std::isalnum(static_cast<unsigned char>(s[c - 1]));
        const bool word_end = c + 1 == s.size() || !std::isalnum(static_cast<unsigned char>(s[c + 1]));
        if (word_start && word_end && (s[c] == 'a' || s[c] == 'b' || s[c] == 'y')) stray = true;
      }
      BOOST_TEST(!stray, op.name << ": " << s);
      if (op.arity == 1) BOOST_TEST(s.find('Q') == std::string::npos, op.name << ": " << s);
    }
  }
}

BOOST_AUTO_TEST_CASE(operations_are_written_with_their_operands) {
  const std::vector<std::string> two{"t1", "5"}, neg{"−4", "x"}, one{"t1"};
  BOOST_TEST(operation_text(info(Op::add), two) == "t1 + 5");
  BOOST_TEST(operation_text(info(Op::pow), two) == "t1^5");
  BOOST_TEST(operation_text(info(Op::mul), neg) == "(−4) · x");
  BOOST_TEST(operation_text(info(Op::neg), one) == "−t1");
  BOOST_TEST(operation_text(info(Op::sin), one) == "sin(t1)");
  BOOST_TEST(operation_text(info(Op::atan2), two) == "atan2(t1, 5)");
}

BOOST_AUTO_TEST_CASE(ascii_spelling) {
  BOOST_TEST(to_ascii("∂L/∂ŷ = 2·(−1)² ≥ ½") == "dL/dy_hat = 2*(-1)^2 >= 1/2");
  BOOST_TEST(display_width("∂L/∂ŷ") == 5u);
}

BOOST_AUTO_TEST_SUITE_END()
