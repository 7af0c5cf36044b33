// SPDX-License-Identifier: MIT
// `tapegrad descend` warnings (lessons 001, 003, 004): a stop where the gradient is zero at a
// maximum or saddle, an oscillating descent, and --min-delta for the patience rule.
#include <boost/test/unit_test.hpp>

#include <string>

#include "tests/cli/run_tool.hpp"

using tapegrad::test::contains;
using tapegrad::test::run_tool;

BOOST_AUTO_TEST_SUITE(descend_warnings)

BOOST_AUTO_TEST_CASE(a_zero_gradient_at_a_maximum_is_not_a_minimum) {
  // (x² − 1)² from x = 0: the gradient is 0 at the start, and x = 0 is a maximum.
  const auto r = run_tool({"descend", "(x^2-1)^2", "--at", "x=0", "--lr", "0.1", "--steps", "3"});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "warning: the gradient is zero here, but this is a maximum"), r.out);
  const auto j = run_tool({"descend", "(x^2-1)^2", "--at", "x=0", "--lr", "0.1", "--steps", "3", "--json"});
  BOOST_TEST(j.json()["warnings"][0]["kind"] == "maximum");
}

BOOST_AUTO_TEST_CASE(a_saddle_is_named) {
  const auto r = run_tool({"descend", "x^2 - y^2", "--at", "x=0,y=0", "--lr", "0.1", "--steps", "2", "--json"});
  BOOST_TEST(r.json()["warnings"][0]["kind"] == "saddle");
}

BOOST_AUTO_TEST_CASE(a_minimum_gets_no_warning) {
  const auto r = run_tool({"descend", "x^2 - 4*x + 3", "--at", "x=5", "--lr", "0.1", "--steps", "200", "--json"});
  BOOST_TEST(r.json()["warnings"].empty(), r.out);
}

BOOST_AUTO_TEST_CASE(oscillation_with_a_learning_rate_of_one) {
  // (w − 3)² with η = 1: w = 0, 6, 0, 6, …
  const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "1", "--steps", "8"});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "jump back and forth"), r.out);
  BOOST_TEST(contains(r.out, "try a smaller one, such as 0.5"), r.out);
}

BOOST_AUTO_TEST_CASE(a_damped_oscillation_converges_and_is_not_warned_about) {
  // η = 0.9: w − 3 is multiplied by −0.8 each step, so the jumps shrink.
  const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.9", "--steps", "8", "--json"});
  BOOST_TEST(r.json()["warnings"].empty(), r.out);
}

BOOST_AUTO_TEST_CASE(min_delta_makes_small_improvements_not_count) {
  // Lesson 001's descent gains less than 0.5 per step from step 3 on: with --min-delta 0.5 and
  // patience 2 it stops early; without --min-delta it runs on.
  const auto with = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "50",
                              "--patience", "2", "--min-delta", "0.5", "--json"});
  const auto without = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "50",
                                 "--patience", "2", "--json"});
  BOOST_TEST(with.code == 0, with.err);
  BOOST_TEST(with.json()["steps"].size() < without.json()["steps"].size());
  BOOST_TEST(with.json()["stop"]["kind"] == "rule");
}

BOOST_AUTO_TEST_CASE(min_delta_needs_patience) {
  const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--min-delta", "0.5"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "give --patience K too"), r.err);
}

BOOST_AUTO_TEST_SUITE_END()
