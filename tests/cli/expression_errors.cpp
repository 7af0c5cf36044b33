// SPDX-License-Identifier: MIT
// Every error the expression parser and evaluator can report: the message, the column, and the
// caret under it.
#include <boost/test/unit_test.hpp>

#include <string>

#include "autodiff/autodiff.hpp"
#include "autodiff/expression/parser.hpp"
#include "tests/cli/run_tool.hpp"

using namespace tapegrad;

using tapegrad::test::contains;

namespace {

// The ParseError of `text`; fails the test if it parses.
ParseError parse_error(const std::string& text) {
  try {
    parse_expression(text);
  } catch (const ParseError& e) {
    return e;
  }
  BOOST_FAIL("'" + text + "' parsed, but an error was expected");
  throw;  // unreachable
}

// Checks the problem text, the column, and that the message shows the caret line.
void expect_error(const std::string& text, const std::string& problem_part, std::size_t column) {
  const ParseError e = parse_error(text);
  BOOST_TEST_CONTEXT("expression '" << text << "', message:\n" << e.what()) {
    BOOST_TEST(contains(e.problem(), problem_part));
    BOOST_TEST(e.column() == column);
    BOOST_TEST(contains(e.what(), "(column " + std::to_string(column) + ")"));
    BOOST_TEST(contains(e.what(), "\n  " + std::string(column - 1, ' ') + "^"));
  }
}

// The domain error of recording `text` at x on a checked tape.
ExpressionDomainError domain_error(const std::string& text, double x) {
  const Expression e = parse_expression(text);
  Tape tape({.checked = true});
  auto scope = tape.activate();
  try {
    e.record({{"x", tape.input(x, "x")}});
  } catch (const ExpressionDomainError& error) {
    return error;
  }
  BOOST_FAIL("'" + text + "' recorded without a domain error");
  throw;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(expression_errors)

BOOST_AUTO_TEST_CASE(empty_expression) {
  expect_error("", "empty expression", 1);
  expect_error("   ", "empty expression", 1);
}

BOOST_AUTO_TEST_CASE(unexpected_characters) {
  expect_error("x $ 2", "unexpected character '$'", 3);
  expect_error("x = 2", "unexpected character '=' (write only the expression", 3);
  expect_error("|x|", "unexpected character '|' (for an absolute value, write abs(x))", 1);
  expect_error("√x", "(for a square root, write sqrt(x))", 1);
  expect_error("2π", "unexpected character 'π' (write pi)", 2);
  expect_error("[x]", "(group with parentheses ( ) instead)", 1);
  expect_error("x ≤ 2", "unexpected character '≤'", 3);
  expect_error("x\x01", "control character U+0001", 2);
  expect_error("x + \xff", "byte 0xFF (not valid UTF-8)", 5);
  expect_error("x + .", "a '.' must be part of a number", 5);
}

BOOST_AUTO_TEST_CASE(columns_count_characters_not_bytes) {
  // '²' and '−' take two and three bytes; the caret is still under the right character.
  expect_error("x² − $", "unexpected character '$'", 6);
}

BOOST_AUTO_TEST_CASE(malformed_numbers) {
  expect_error("1.2.3 + x", "malformed number '1.2.3'", 1);
  expect_error("x + 1e+", "the exponent has no digits", 5);
  expect_error("1e999", "too large for a double", 1);
}

BOOST_AUTO_TEST_CASE(missing_operator) {
  expect_error("2 x", "missing operator between '2' and 'x'", 3);
  expect_error("2x", "missing operator between '2' and 'x'", 2);
  expect_error("(x+1)(x-1)", "missing operator between ')' and '('", 6);
  expect_error("2e", "missing operator between '2' and 'e'", 2);
}

BOOST_AUTO_TEST_CASE(missing_operand) {
  expect_error("x +", "missing operand after '+' (found the end of the expression)", 4);
  expect_error("x + * 2", "missing operand after '+' (found '*')", 5);
  expect_error("* 2", "cannot start with '*'", 1);
  expect_error("x ^ ^ 2", "missing operand after '^'", 5);
  expect_error("(* 2)", "missing operand after '('", 2);
  expect_error("²", "must follow a value", 1);
  expect_error("x + ²", "must follow a value", 5);
}

BOOST_AUTO_TEST_CASE(parentheses) {
  expect_error("()", "empty parentheses", 1);
  expect_error("x + )", "missing operand after '+'", 5);
  expect_error("x + 1)", "unmatched ')'", 6);
  expect_error("(x + 1", "unclosed '('", 1);
  expect_error("2 * ((x + 1)", "unclosed '('", 5);
  expect_error("sin(x", "unclosed '('", 4);
}

BOOST_AUTO_TEST_CASE(unknown_function_suggests_the_nearest) {
  expect_error("sinn(x)", "unknown function 'sinn': did you mean 'sin'?", 1);
  expect_error("2 * sqr(x)", "did you mean 'sqrt'?", 5);
  expect_error("Exp(x)", "did you mean 'exp'?", 1);
  expect_error("logg(x)", "did you mean 'log'?", 1);
  BOOST_TEST(nearest_function("arcsin") == "asin");
  BOOST_TEST(nearest_function("sigmod") == "sigmoid");
  BOOST_TEST(nearest_function("f").empty());
}

BOOST_AUTO_TEST_CASE(unknown_function_without_a_near_name_lists_them) {
  const ParseError e = parse_error("quux(x)");
  BOOST_TEST(contains(e.problem(), "unknown function 'quux' (for a product, write quux*(...))"));
  BOOST_TEST(contains(e.problem(), "sigmoid"));
  BOOST_TEST(contains(e.problem(), "atan2"));
}

BOOST_AUTO_TEST_CASE(names_used_the_wrong_way) {
  expect_error("pi(2)", "'pi' is a constant, not a function", 1);
  expect_error("x + sin", "'sin' is a function: write sin(...)", 5);
  expect_error("sin x", "'sin' is a function", 1);
}

BOOST_AUTO_TEST_CASE(argument_counts) {
  expect_error("sin(x, y)", "'sin' takes 1 argument, but more were given", 6);
  expect_error("pow(x)", "'pow' takes 2 arguments, but 1 was given", 1);
  expect_error("atan2()", "'atan2' takes 2 arguments, but none were given", 1);
  expect_error("max(x, )", "missing argument after ','", 8);
  expect_error("min(, x)", "missing operand after '('", 5);
  expect_error("x, y", "',' outside a function's argument list", 2);
  expect_error("(x, y)", "',' outside a function's argument list", 3);
}

BOOST_AUTO_TEST_CASE(a_long_expression_is_shown_as_a_window) {
  std::string text;
  for (int i = 0; i < 2500; ++i) text += "x+";
  text += "x $ ";
  for (int i = 0; i < 2500; ++i) text += "+x";
  const ParseError e = parse_error(text);
  BOOST_TEST(e.column() == 5003u);
  const std::string message = e.what();
  BOOST_TEST(message.size() < 400u);
  BOOST_TEST(contains(message, "  …x+x+"));
  BOOST_TEST(contains(message, "x+x $ +x+"));
  BOOST_TEST(contains(message, "\n  " + std::string(31, ' ') + "^"));
  BOOST_TEST(contains(message, "+x…\n"));
}

BOOST_AUTO_TEST_CASE(domain_errors_name_the_op_the_argument_and_the_column) {
  const auto log_error = domain_error("1 + log(x - 2)", 1.0);
  BOOST_TEST(info(log_error.op()).name == "log");
  BOOST_TEST(log_error.column() == 5u);
  BOOST_TEST(contains(log_error.what(), "domain error in log(a = -1): outside the domain a > 0"));
  BOOST_TEST(contains(log_error.what(), "\n      ^~~"));

  const auto sqrt_error = domain_error("sqrt(x)", -4.0);
  BOOST_TEST(contains(sqrt_error.what(), "sqrt(a = x = -4)"));

  const auto div_error = domain_error("3 / x", 0.0);
  BOOST_TEST(info(div_error.op()).name == "div");
  BOOST_TEST(div_error.column() == 3u);
  BOOST_TEST(contains(div_error.what(), "b = x = 0"));
}

BOOST_AUTO_TEST_CASE(constant_subexpressions_are_checked_too) {
  // log(-1) records nothing (both are constants), but a checked tape still refuses it.
  const auto e = domain_error("x + log(-1)", 1.0);
  BOOST_TEST(info(e.op()).name == "log");
  BOOST_TEST(e.column() == 5u);
  // Without a checked tape, the plain value follows IEEE: NaN.
  BOOST_TEST(std::isnan(parse_expression("log(-1)").evaluate({})));
}

BOOST_AUTO_TEST_CASE(a_superscript_exponent_of_310_digits_is_an_error) {
  // It used to lex to ∞: `grad` printed null and exited 0.
  std::string ones;
  for (int i = 0; i < 310; ++i) ones += "¹";
  const auto r = test::run_tool({"grad", "x" + ones, "--at", "x=2", "--json"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.out, "superscript exponent"));
}

BOOST_AUTO_TEST_SUITE_END()
