// SPDX-License-Identifier: MIT
// Sub-expressions of a parsed formula: where each subtree starts, its text minimally and fully
// bracketed (the checker's precedence-slip echo), and swapping the operands of a difference.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "autodiff/expression/parser.hpp"
#include "autodiff/expression/subexpression.hpp"

using namespace tapegrad;

BOOST_AUTO_TEST_SUITE(subexpression)

BOOST_AUTO_TEST_CASE(subtrees_start_where_their_first_operand_does) {
  // x 2 ^ 3 x * + : entries 0..6
  const Expression e = parse_expression("x^2 + 3*x");
  const auto starts = subtree_starts(e);
  BOOST_TEST(starts.size() == 7u);
  BOOST_TEST(starts[2] == 0u);  // x^2
  BOOST_TEST(starts[5] == 3u);  // 3*x
  BOOST_TEST(starts[6] == 0u);  // the whole sum
  BOOST_TEST(starts[4] == 4u);  // a leaf starts at itself
}

BOOST_AUTO_TEST_CASE(minimal_text_keeps_only_needed_brackets) {
  BOOST_TEST(expression_text(parse_expression("((3*x)+5)^2")) == "(3·x + 5)^2");
  BOOST_TEST(expression_text(parse_expression("a - (b + c)")) == "a − (b + c)");
  BOOST_TEST(expression_text(parse_expression("(a - b) - c")) == "a − b − c");
  BOOST_TEST(expression_text(parse_expression("-(x^2)")) == "−x^2");
  BOOST_TEST(expression_text(parse_expression("sin(2*x)/(1+x)")) == "sin(2·x) / (1 + x)");
  BOOST_TEST(expression_text(parse_expression("atan2(y, x)")) == "atan2(y, x)");
}

BOOST_AUTO_TEST_CASE(full_brackets_show_how_the_text_was_read) {
  // Lesson 001's slip: the last factor 4*x+4 was meant in brackets.
  const Expression e = parse_expression("2*(2*x^2 + 4*x +8)*4*x+4");
  BOOST_TEST(expression_text(e, Brackets::full) ==
             "((((2·(((2·(x^2)) + (4·x)) + 8))·4)·x) + 4)");
  BOOST_TEST(expression_text(parse_expression("-x^2"), Brackets::full) == "(−(x^2))");
}

BOOST_AUTO_TEST_CASE(the_text_of_an_inner_subtree) {
  const Expression e = parse_expression("(y - sigmoid(w*x + b))*x");
  // Entries: y w x * b + sigmoid - x *  → the difference closes at entry 7.
  BOOST_TEST(subexpression_text(e, 7) == "y − sigmoid(w·x + b)");
  BOOST_TEST(subexpression_text(e, 5) == "w·x + b");
}

BOOST_AUTO_TEST_CASE(swapping_the_operands_of_a_difference) {
  const Expression e = parse_expression("(y - sigmoid(w*x + b))*x");
  const Expression turned = with_swapped_operands(e, 7);
  BOOST_TEST(expression_text(turned) == "(sigmoid(w·x + b) − y)·x");
  const std::vector<double> values{2.0, 0.5, 3.0, 1.0};  // y w x b (order of first use)
  BOOST_TEST(turned.evaluate(values) == -e.evaluate(values));
  BOOST_CHECK_THROW(with_swapped_operands(e, 0), Error);  // a leaf has no operands
}

// The checker reads a hand formula with named values as a tree: each use of a name inlined.
BOOST_AUTO_TEST_CASE(named_values_inlined) {
  const Expression e = parse_expression("u := x - 1; v := 2*u; v*(1 - u) + u");
  const auto tree = with_names_inlined(e);
  BOOST_TEST_REQUIRE(tree.has_value());
  BOOST_TEST(expression_text(*tree) == "2·(x − 1)·(1 − (x − 1)) + x − 1");
  for (double x : {-1.5, 0.0, 2.25})
    BOOST_TEST(tree->evaluate(std::vector{x}) == e.evaluate(std::vector{x}));
  // Names of names double the tree each time: past the bound there is no tree.
  const Expression doubling = parse_expression("a := x*x; b := a*a; c := b*b; d := c*c; d*d");
  BOOST_TEST(with_names_inlined(doubling, 1000).has_value());
  BOOST_TEST(!with_names_inlined(doubling, 20).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
