// SPDX-License-Identifier: MIT
// Named values in the expression language: `u := 3*x + 5; u^2` records u once, names its node on
// the tape, and every misuse of := and ; is a ParseError at the right column.
#include <boost/test/unit_test.hpp>

#include <string>

#include "autodiff/autodiff.hpp"
#include "autodiff/expression/parser.hpp"

using namespace tapegrad;

namespace {

// The column of the ParseError that parsing `text` throws (0 if it parses).
std::size_t error_column(const std::string& text) {
  try {
    parse_expression(text);
  } catch (const ParseError& e) {
    return e.column();
  }
  return 0;
}

std::string error_message(const std::string& text) {
  try {
    parse_expression(text);
  } catch (const ParseError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(expression_names)

BOOST_AUTO_TEST_CASE(a_named_value_is_used_by_the_expression) {
  const Expression e = parse_expression("u := 3*x + 5; u^2");
  BOOST_TEST(e.variables() == std::vector<std::string>{"x"});
  BOOST_TEST(e.names() == std::vector<std::string>{"u"});
  const double x = 2.0;
  BOOST_TEST(e.evaluate(std::vector<double>{x}) == (3 * x + 5) * (3 * x + 5));
}

BOOST_AUTO_TEST_CASE(later_parts_use_earlier_names) {
  const Expression e = parse_expression("r := y - (w1*x + w0); L := r^2; L");
  BOOST_TEST(e.names() == (std::vector<std::string>{"r", "L"}));
  BOOST_TEST(e.variables() == (std::vector<std::string>{"y", "w1", "x", "w0"}));
  BOOST_TEST(e.evaluate(std::vector<double>{2, 0, 1, 0}) == 4.0);
}

BOOST_AUTO_TEST_CASE(the_unicode_define_sign_works_too) {
  BOOST_TEST(parse_expression("a ≔ 2; a*3").evaluate({}) == 6.0);
}

BOOST_AUTO_TEST_CASE(the_named_node_keeps_its_name_on_the_tape) {
  const Expression e = parse_expression("u := 3*x + 5; u^2");
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(0.0, "x");
  const Var y = e.record({{"x", x}});
  bool found = false;
  for (NodeIndex i = 0; i < tape.size(); ++i) {
    if (tape.name(i) != "u") continue;
    found = true;
    BOOST_TEST(tape.value(i) == 5.0);
  }
  BOOST_TEST(found);
  BOOST_TEST(tape.backward(y)[x] == 30.0);  // 2(3x + 5)·3 at x = 0
}

BOOST_AUTO_TEST_CASE(a_name_used_twice_is_recorded_once) {
  const Expression once = parse_expression("u := sin(x); u*u");
  const Expression twice = parse_expression("sin(x)*sin(x)");
  const auto nodes = [](const Expression& e) {
    Tape tape({.checked = true});
    auto scope = tape.activate();
    const Var x = tape.input(0.5, "x");
    e.record({{"x", x}});
    return tape.size();
  };
  BOOST_TEST(nodes(once) + 1 == nodes(twice));
}

BOOST_AUTO_TEST_CASE(naming_an_input_does_not_rename_it) {
  const Expression e = parse_expression("u := x; u^2");
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(3.0, "x");
  e.record({{"x", x}});
  BOOST_TEST(tape.name(x.index()) == "x");
}

BOOST_AUTO_TEST_CASE(a_definition_must_come_first_in_its_part) {
  BOOST_TEST(error_column("x + u := 3; u") == 7u);
}

BOOST_AUTO_TEST_CASE(the_last_part_is_the_expression) {
  BOOST_TEST(error_column("u := 3*x") == 1u);
  BOOST_TEST(error_message("u := 3*x").find("must come last") != std::string::npos);
  BOOST_TEST(error_message("u := 3*x;").find("nothing after the last ';'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_part_before_a_semicolon_needs_a_name) {
  BOOST_TEST(error_column("3*x; x^2") == 4u);
  BOOST_TEST(error_message("3*x; x^2").find("u := ...") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_name_is_given_once_and_before_its_use) {
  BOOST_TEST(error_message("u := x; u := 2; u").find("already named") != std::string::npos);
  BOOST_TEST(error_column("u := x; u := 2; u") == 9u);
  BOOST_TEST(error_message("x^2 + u; u := 1; u").find("u := ...") != std::string::npos);
  BOOST_TEST(error_message("u := u + 1; u").find("its own definition") != std::string::npos);
  BOOST_TEST(error_column("u := u + 1; u") == 6u);
}

BOOST_AUTO_TEST_CASE(functions_and_constants_cannot_be_names) {
  BOOST_TEST(error_message("sin := x; sin").find("function or constant") != std::string::npos);
  BOOST_TEST(error_message("pi := 3; pi").find("function or constant") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nothing_to_name_after_define) {
  BOOST_TEST(error_message("u := ; u").find("after ':='") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_lone_colon_hints_at_define) {
  BOOST_TEST(error_message("u : 3").find("u := 3*x + 5; u^2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unclosed_parenthesis_before_a_semicolon) {
  BOOST_TEST(error_message("u := (x + 1; u").find("unclosed '('") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
