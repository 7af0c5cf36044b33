// SPDX-License-Identifier: MIT
// The messages for a student's usual command-line mistakes (issue 17): a learning rate that is
// not positive, a misspelt parameter, a forgotten --at, a decimal comma, spaces around '=', a
// bare binding, an optimizer by another name, and "1 step" rather than "1 steps".
#include <boost/test/unit_test.hpp>

#include <string>

#include "tests/cli/run_tool.hpp"

using tapegrad::test::contains;
using tapegrad::test::run_tool;

BOOST_AUTO_TEST_SUITE(command_messages)

BOOST_AUTO_TEST_CASE(a_zero_learning_rate_must_be_positive) {
  for (const std::string lr : {"0", "-0.1"}) {
    const auto r = run_tool({"descend", "x^2", "--at", "x=1", "--lr", lr});
    BOOST_TEST(r.code == 2);
    BOOST_TEST(contains(r.err, "tapegrad descend: error: --lr " + lr + ": the learning rate must be positive"), r.err);
    BOOST_TEST(!contains(r.err, "1.79769"), r.err);
    const auto j = run_tool({"descend", "x^2", "--at", "x=1", "--lr", lr, "--json"});
    BOOST_TEST(j.json()["error"]["kind"] == "usage");
  }
}

BOOST_AUTO_TEST_CASE(a_misspelt_parameter_suggests_the_expression_name) {
  for (const std::string typo : {"W0", "w_0"}) {
    const auto r = run_tool({"grad", "(y - (w1*x + w0))^2", "--at", typo + "=0,w1=0", "--with", "x=1,y=2"});
    BOOST_TEST(r.code == 2);
    BOOST_TEST(contains(r.err, "the variable 'w0' has no value"), r.err);
    BOOST_TEST(contains(r.err, "--at " + typo + " gives '" + typo + "', which the expression does not use"), r.err);
    BOOST_TEST(contains(r.err, "did you mean --at w0="), r.err);
  }
}

BOOST_AUTO_TEST_CASE(a_forgotten_at_names_the_variables) {
  const auto r = run_tool({"grad", "x^2 + y"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "the variables x, y need a value"), r.err);
  BOOST_TEST(contains(r.err, "--at x=1,y=1"), r.err);
}

BOOST_AUTO_TEST_CASE(a_decimal_comma_is_recognised) {
  const auto r = run_tool({"grad", "x^2", "--at", "x=0,5"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "decimal comma"), r.err);
  BOOST_TEST(contains(r.err, "x=0.5"), r.err);
}

BOOST_AUTO_TEST_CASE(spaces_around_equals_get_a_hint) {
  const auto r = run_tool({"grad", "x^2", "--at", "x", "=", "1"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "tapegrad grad: error:"), r.err);
  BOOST_TEST(contains(r.err, "without spaces around '=': --at x=1"), r.err);
}

BOOST_AUTO_TEST_CASE(a_bare_binding_gets_a_hint) {
  const auto r = run_tool({"grad", "x^2", "x=1"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "put --at before a parameter (--at x=1)"), r.err);
  const auto j = run_tool({"grad", "x^2", "x=1", "--json"});
  BOOST_TEST(contains(j.json()["error"]["hint"].get<std::string>(), "--at x=1"));
}

BOOST_AUTO_TEST_CASE(sgd_is_gd) {
  const auto r = run_tool({"descend", "x^2", "--at", "x=1", "--optimizer", "sgd"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "--optimizer gd"), r.err);
}

BOOST_AUTO_TEST_CASE(one_step_is_singular) {
  const auto r = run_tool({"descend", "x^2", "--at", "x=1", "--lr", "0.1", "--steps", "1"});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "at most 1 step\n"), r.out);
}

BOOST_AUTO_TEST_CASE(the_update_is_worked_out_per_row) {
  // Lesson 001: (w − 3)² from w = 0 with η = 0.1: 0.6, 1.08, 1.464, …
  const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "3"});
  BOOST_TEST(contains(r.out, "1.08 − 0.1·(−3.84) = 1.464"), r.out);
  BOOST_TEST(contains(r.out, "w − η·∂f/∂w"), r.out);
}

BOOST_AUTO_TEST_CASE(the_table_in_markdown_with_precision) {
  const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "3",
                           "--format", "markdown", "--precision", "3"});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "| step | w | f | ∂f/∂w |"), r.out);
  BOOST_TEST(contains(r.out, "| 3 | 1.46 |"), r.out);
}

BOOST_AUTO_TEST_SUITE_END()
