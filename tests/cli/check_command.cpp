// SPDX-License-Identifier: MIT
// `tapegrad check` end to end: right hand-derived partials exit 0, wrong ones exit 1 with the
// diagnosis — lesson 000's sign error for w0 above all.
#include <boost/test/unit_test.hpp>

#include <string>

#include "tests/cli/run_tool.hpp"

using tapegrad::test::run_tool;
using tapegrad::test::contains;
using tapegrad::test::data_dir;

BOOST_AUTO_TEST_SUITE(check_command)

BOOST_AUTO_TEST_CASE(a_right_derivative_passes) {
  const auto r = run_tool({"check", "x^2 - 4*x + 3", "--at", "x=5", "--grad", "x=2*x - 4"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "OK: every hand-derived partial matches"));
  const auto j = run_tool({"check", "x^2 - 4*x + 3", "--at", "x=5", "--grad", "x=2*x - 4",
                           "--json"}).json();
  BOOST_TEST(j["ok"] == true);
  BOOST_TEST(j["partials"]["x"]["ad"] == 6.0);
  BOOST_TEST(j["partials"]["x"]["hand"] == 6.0);
  BOOST_TEST(j["partials"]["x"]["ok"] == true);
}

BOOST_AUTO_TEST_CASE(the_lessons_sign_error_for_w0_is_caught) {
  // Lesson 000 wrote ∂L/∂w0 = +2(y − ŷ) (inner derivative +1); the tape says −2(y − ŷ) = −4.
  const auto r = run_tool({"check", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0", "--data",
                           data_dir + "/one_row.csv", "--grad", "w0=2*(y - (w1*x + w0))",
                           "--grad", "w1=-2*(y - (w1*x + w0))*x", "--json"});
  BOOST_TEST(r.code == 1);
  const auto j = r.json();
  BOOST_TEST(j["ok"] == false);
  BOOST_TEST(j["partials"]["w0"]["ok"] == false);
  BOOST_TEST(j["partials"]["w0"]["ad"] == -4.0);
  BOOST_TEST(j["partials"]["w0"]["hand"] == 4.0);
  BOOST_TEST(j["partials"]["w1"]["ok"] == true);
  BOOST_TEST(contains(j["partials"]["w0"]["diagnosis"].get<std::string>(), "opposite sign"));
  BOOST_TEST(j["diagnoses"][0]["kind"] == "opposite_sign");
}

BOOST_AUTO_TEST_CASE(a_forgotten_inner_derivative_is_named) {
  // d/dx sin(2x) written as cos(2x): off by the inner derivative 2.
  const auto r = run_tool({"check", "sin(2*x)", "--at", "x=0.3", "--points", "4", "--grad",
                           "x=cos(2*x)"});
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.out, "the chain rule's inner derivative is missing"));
  BOOST_TEST(contains(r.out, "MISMATCH"));
}

BOOST_AUTO_TEST_CASE(sum_versus_mean_over_the_data) {
  // The hand partial of the sum, checked against the mean over 4 rows: a factor n = 4.
  const auto r = run_tool({"check", "(y - w*x)^2", "--data", data_dir + "/icecream.csv", "--at",
                           "w=1", "--grad", "w=-2*(y - w*x)*x*4", "--json"});
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.json()["diagnoses"][0]["kind"] == "constant_factor");
}

BOOST_AUTO_TEST_CASE(usage_errors) {
  BOOST_TEST(run_tool({"check", "x^2", "--at", "x=1"}).code == 2);                    // no --grad
  BOOST_TEST(run_tool({"check", "x^2", "--at", "x=1", "--grad", "y=2"}).code == 2);   // not a parameter
  BOOST_TEST(run_tool({"check", "x^2", "--at", "x=1", "--grad", "x=2*"}).code == 2);  // bad hand expression
  BOOST_TEST(run_tool({"check", "x^2", "--at", "x=1", "--grad", "x=2*z"}).code == 2); // unbound in hand
  BOOST_TEST(run_tool({"check", "x^2", "--at", "x=1", "--grad", "x"}).code == 2);     // no '='
  const auto domain = run_tool({"check", "x^2", "--at", "x=-1", "--grad", "x=2*sqrt(x)"});
  BOOST_TEST(domain.code == 3);
  BOOST_TEST(contains(domain.err, "--grad x=2*sqrt(x)"));
}

BOOST_AUTO_TEST_SUITE_END()
