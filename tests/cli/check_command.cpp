// SPDX-License-Identifier: MIT
// `tapegrad check` end to end: right hand-derived partials exit 0, wrong ones exit 1 with the
// diagnosis — lesson 000's sign error for w0 above all.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

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

// A hand formula with named values (`u := x - 1; 2*u`): checked, and diagnosed, as the plain
// formula it stands for (the diagnoses read it as a tree; this crashed before the names were
// inlined for them).
BOOST_AUTO_TEST_CASE(hand_formulas_with_named_values) {
  const auto right = run_tool({"check", "(x-1)^2", "--at", "x=3", "--grad", "x=u := x - 1; 2*u"});
  BOOST_TEST(right.code == 0, right.out << right.err);
  const auto flipped =
      run_tool({"check", "(x-1)^2", "--at", "x=3", "--grad", "x=u := 1 - x; 2*u"});
  BOOST_TEST(flipped.code == 1, flipped.out << flipped.err);
  BOOST_TEST(contains(flipped.out, "opposite sign"), flipped.out);
  const auto unexplained =
      run_tool({"check", "x^2", "--at", "x=1", "--grad", "x=u := 3*x; u - 1"});
  BOOST_TEST(unexplained.code == 1, unexplained.out << unexplained.err);
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

BOOST_AUTO_TEST_CASE(a_missing_factor_x_cannot_hide_behind_x_equal_1) {
  // The false pass: at x = 1 the forgotten x is invisible; the other points move x too.
  const auto r = run_tool({"check", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0", "--with",
                           "x=1,y=2", "--grad", "w0=-2*(y - (w1*x + w0))", "--grad",
                           "w1=-2*(y - (w1*x + w0))", "--points", "5", "--json"});
  BOOST_TEST(r.code == 1);
  const auto j = r.json();
  BOOST_TEST(j["partials"]["w0"]["ok"] == true);
  BOOST_TEST(j["partials"]["w1"]["ok"] == false);
  BOOST_TEST(j["partials"]["w1"]["kind"] == "missing_factor");
  BOOST_TEST(contains(j["partials"]["w1"]["diagnosis"].get<std::string>(),
                      "∂/∂w1 is missing the factor x"));
  bool noted = false;
  for (const auto& n : j["notes"])
    noted = noted || contains(n.get<std::string>(), "at x = 1 a missing factor x cannot be seen; "
                                                    "checked also at x = ");
  BOOST_TEST(noted);
  // The constants were moved at the other points, and none landed on a special value.
  BOOST_TEST(j["points"].size() == 5u);
  BOOST_TEST(j["points"][0]["constants"]["x"] == 1.0);
  for (std::size_t p = 1; p < 5; ++p) {
    const double x = j["points"][p]["constants"]["x"];
    BOOST_TEST(std::abs(x - std::round(x)) >= 0.05);
  }
  // The default is five points too.
  BOOST_TEST(run_tool({"check", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0", "--with", "x=1,y=2",
                       "--grad", "w1=-2*(y - (w1*x + w0))"}).code == 1);
}

BOOST_AUTO_TEST_CASE(a_missing_data_factor_is_named_per_row_in_the_columns_name) {
  const auto r = run_tool({"check", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0", "--data",
                           data_dir + "/icecream.csv", "--grad", "w0=-2*(y - (w1*x + w0))",
                           "--grad", "w1=-2*(y - (w1*x + w0))"});
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.out, "∂/∂w1 is missing the factor x"));
  BOOST_TEST(contains(r.out, "the data column x"));
  BOOST_TEST(!contains(r.out, "140 −"));  // no row substituted into a diagnosis
}

BOOST_AUTO_TEST_CASE(lesson_000_the_outer_derivative_lost_its_inner_expression) {
  for (const char* points : {"1", "5"}) {
    const auto r = run_tool({"check", "(3*x+5)^2", "--at", "x=0", "--grad", "x=2*3", "--points",
                             points, "--json"});
    BOOST_TEST(r.code == 1);
    const auto j = r.json();
    BOOST_TEST(j["diagnoses"][0]["kind"] == "lost_inner_expression");
    BOOST_TEST(j["diagnoses"][0]["piece"] == "3·x + 5");
  }
  // Without --points the default five points see it too.
  const auto r = run_tool({"check", "(3*x+5)^2", "--at", "x=0", "--grad", "x=2*3"});
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.out, "the outer derivative lost its inner expression: hand·(3·x + 5) = AD"));
  BOOST_TEST(contains(r.out, "at x = 0 every term with the factor x vanishes"));
}

BOOST_AUTO_TEST_CASE(the_logistic_sign_is_named_in_the_students_symbols) {
  const std::string loss = "-(y*log(sigmoid(w*x+b)) + (1-y)*log(1-sigmoid(w*x+b)))";
  const auto r = run_tool({"check", loss, "--at", "w=0.3,b=-0.2", "--data",
                           data_dir + "/logistic.csv", "--grad", "w=(y - sigmoid(w*x+b))*x",
                           "--grad", "b=sigmoid(w*x+b) - y", "--json"});
  BOOST_TEST(r.code == 1);
  const auto j = r.json();
  BOOST_TEST(j["partials"]["b"]["ok"] == true);
  BOOST_TEST(j["partials"]["w"]["kind"] == "opposite_sign");
  const std::string message = j["partials"]["w"]["diagnosis"];
  BOOST_TEST(contains(message, "y − sigmoid(w·x + b) should be sigmoid(w·x + b) − y"));
  BOOST_TEST(!contains(message, "(−1)"));   // row 3's x = −1.2 is not substituted
  BOOST_TEST(!contains(message, "−1.2"));
}

BOOST_AUTO_TEST_CASE(a_bracket_slip_is_echoed_fully_bracketed_next_to_the_intended_text) {
  const auto r = run_tool({"check", "(2*x^2 + 4*x + 8)^2", "--at", "x=1", "--grad",
                           "x=2*(2*x^2 + 4*x +8)*4*x+4", "--json"});
  BOOST_TEST(r.code == 1);
  const auto d = r.json()["diagnoses"][0];
  BOOST_TEST(d["kind"] == "precedence_slip");
  BOOST_TEST(d["hand_bracketed"] == "((((2·(((2·(x^2)) + (4·x)) + 8))·4)·x) + 4)");
  BOOST_TEST(d["intended"] == "2*(2*x^2 + 4*x +8)*(4*x+4)");
  const auto text = run_tool({"check", "(2*x^2 + 4*x + 8)^2", "--at", "x=1", "--grad",
                              "x=2*(2*x^2 + 4*x +8)*4*x+4"});
  BOOST_TEST(contains(text.out, "((((2·(((2·(x^2)) + (4·x)) + 8))·4)·x) + 4)"));
  BOOST_TEST(contains(text.out, "2*(2*x^2 + 4*x +8)*(4*x+4)"));
}

BOOST_AUTO_TEST_CASE(swapped_partials_are_named) {
  const auto r = run_tool({"check", "x^2*y^3", "--at", "x=0.7,y=0.6", "--grad", "x=3*x^2*y^2",
                           "--grad", "y=2*x*y^3", "--json"});
  BOOST_TEST(r.code == 1);
  BOOST_TEST(r.json()["partials"]["x"]["kind"] == "swapped_partials");
  BOOST_TEST(r.json()["partials"]["y"]["kind"] == "swapped_partials");
}

BOOST_AUTO_TEST_CASE(each_component_has_ad_hand_fd_verdict_and_diagnosis) {
  const auto j = run_tool({"check", "x^2 + 3*x", "--at", "x=0.6", "--grad", "x=2*x", "--json"})
                     .json();
  const auto& x = j["partials"]["x"];
  BOOST_TEST(x["ad"].get<double>() == 2 * 0.6 + 3, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(x["hand"].get<double>() == 1.2, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(x["fd"].get<double>() == 4.2, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(x["verdict"] == "hand_mismatch");
  BOOST_TEST(x["kind"] == "dropped_term");
  BOOST_TEST(contains(x["diagnosis"].get<std::string>(), "3·x"));
}

BOOST_AUTO_TEST_CASE(the_report_as_markdown_for_a_handout) {
  const auto r = run_tool({"check", "sin(x^2)", "--at", "x=0.6", "--grad", "x=2*x", "--format",
                           "markdown"});
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.out, "## Gradient check of f"));
  BOOST_TEST(contains(r.out, "| ∂/∂ | hand-derived | AD | hand | FD | verdict |"));
  BOOST_TEST(contains(r.out, "| x | `2*x` |"));
  BOOST_TEST(contains(r.out, "### Diagnosis"));
  BOOST_TEST(contains(r.out, "missing_outer_derivative"));
  BOOST_TEST(contains(r.out, "**FAILED**"));
  const auto ok = run_tool({"check", "sin(x^2)", "--at", "x=0.6", "--grad", "x=2*x*cos(x^2)",
                            "--format", "markdown"});
  BOOST_TEST(ok.code == 0);
  BOOST_TEST(contains(ok.out, "**PASSED**"));
}

BOOST_AUTO_TEST_CASE(numbers_that_are_not_finite_are_refused_by_option_name) {
  const std::vector<std::string> base{"check", "x^2", "--at", "x=0.6", "--grad", "x=2*x"};
  for (const auto& [option, value] : std::vector<std::pair<std::string, std::string>>{
           {"--rtol", "nan"}, {"--rtol", "inf"}, {"--atol", "inf"}, {"--atol", "nan"},
           {"--radius", "nan"}, {"--radius", "inf"}, {"--points", "nan"}, {"--points", "inf"}}) {
    auto args = base;
    args.push_back(option);
    args.push_back(value);
    const auto r = run_tool(args);
    BOOST_TEST_CONTEXT(option << " " << value) {
      BOOST_TEST(r.code == 2);
      BOOST_TEST(contains(r.err, "tapegrad check: error: "), r.err);
      BOOST_TEST(contains(r.err, option), r.err);
    }
  }
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
