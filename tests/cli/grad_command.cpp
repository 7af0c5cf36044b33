// SPDX-License-Identifier: MIT
// `tapegrad grad` end to end: the lessons' numbers through the command line, text and JSON, and
// --data with lesson 000's ice-cream table.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>

#include "tests/cli/run_tool.hpp"

using tapegrad::test::run_tool;
using tapegrad::test::contains;
using tapegrad::test::data_dir;
namespace tt = boost::test_tools;

namespace {

// Lesson 000's ice-cream table: temperature x, sales y.
const double ice_x[] = {20, 25, 30, 35};
const double ice_y[] = {40, 70, 100, 140};

}  // namespace

BOOST_AUTO_TEST_SUITE(grad_command)

BOOST_AUTO_TEST_CASE(school_parabola_at_5) {
  // Lesson 000: f(x) = x² − 4x + 3, f'(x) = 2x − 4; at x = 5: f = 8, f' = 6.
  const auto r = run_tool({"grad", "x^2 - 4*x + 3", "--at", "x=5", "--json"});
  BOOST_TEST(r.code == 0);
  const auto j = r.json();
  BOOST_TEST(j["value"] == 8.0);
  BOOST_TEST(j["gradient"]["x"] == 6.0);
  BOOST_TEST(j["expression"] == "x^2 - 4*x + 3");
  BOOST_TEST(j["at"]["x"] == 5.0);
}

BOOST_AUTO_TEST_CASE(the_documented_kink_choices_hold_on_the_commands_checked_tape) {
  // docs/cli.md: at a point without a derivative both partials are 0 — hypot and atan2 at the
  // origin, x^y at (0, 0) — and the checked tape the command records on does not refuse them.
  struct Kink {
    const char* expression;
    double value;
  };
  for (const Kink k : {Kink{"hypot(x, y)", 0.0}, Kink{"atan2(x, y)", 0.0}, Kink{"x^y", 1.0}}) {
    const auto r = run_tool({"grad", k.expression, "--at", "x=0,y=0", "--json"});
    BOOST_TEST_REQUIRE(r.code == 0, k.expression << ": " << r.err);
    const auto j = r.json();
    BOOST_TEST(j["value"].get<double>() == k.value, k.expression);
    BOOST_TEST(j["gradient"]["x"].get<double>() == 0.0, k.expression);
    BOOST_TEST(j["gradient"]["y"].get<double>() == 0.0, k.expression);
  }
}

BOOST_AUTO_TEST_CASE(school_parabola_as_text) {
  const auto r = run_tool({"grad", "x² − 4·x + 3", "--at", "x=5"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out == "f = x² − 4·x + 3\nat x = 5\n\nf     = 8\n∂f/∂x = 6\n");
}

BOOST_AUTO_TEST_CASE(one_sample_regression_has_negative_w0_partial) {
  // Lesson 000 at x = 1, y = 2, w0 = w1 = 0: ∂L/∂w0 = ∂L/∂w1 = −4 (the lesson wrote +4 for w0).
  const auto r = run_tool({"grad", "(y-(w1*x+w0))^2", "--at", "x=1,y=2,w0=0,w1=0", "--json"});
  BOOST_TEST(r.code == 0);
  const auto j = r.json();
  BOOST_TEST(j["value"] == 4.0);
  BOOST_TEST(j["gradient"]["w0"] == -4.0);
  BOOST_TEST(j["gradient"]["w1"] == -4.0);
  // x and y were given with --at too, so they are parameters: ∂L/∂y = 2(y − ŷ) = 4.
  BOOST_TEST(j["gradient"]["y"] == 4.0);
  // The gradient's keys follow the order of --at.
  BOOST_TEST(j["gradient"].begin().key() == "x");
}

BOOST_AUTO_TEST_CASE(data_values_as_constants_with_with) {
  // --with binds x and y as constants: only w0 and w1 are differentiated.
  const auto r = run_tool({"grad", "(y-(w1*x+w0))^2", "--at", "w0=0,w1=0", "--with", "x=1,y=2",
                           "--json"});
  BOOST_TEST(r.code == 0);
  const auto j = r.json();
  BOOST_TEST(j["gradient"].size() == 2u);
  BOOST_TEST(j["gradient"]["w0"] == -4.0);
  BOOST_TEST(j["with"]["y"] == 2.0);
  const auto text = run_tool({"grad", "(y-(w1*x+w0))^2", "--at", "w0=0,w1=0", "--with", "x=1,y=2"});
  BOOST_TEST(contains(text.out, "at w0 = 0, w1 = 0; with x = 1, y = 2\n"));
  BOOST_TEST(run_tool({"grad", "x*y", "--at", "x=1", "--with", "x=2,y=1"}).code == 2);
}

BOOST_AUTO_TEST_CASE(two_rows_mean_through_data) {
  // Lesson 000: rows (1, 2), (2, 3), the mean, at w0 = w1 = 0: ∂L/∂w0 = −5, ∂L/∂w1 = −8.
  const auto r = run_tool({"grad", "(y - (w1*x + w0))^2", "--data", data_dir + "/two_rows.csv",
                           "--at", "w0=0,w1=0", "--json"});
  BOOST_TEST(r.code == 0);
  const auto j = r.json();
  BOOST_TEST(j["gradient"]["w0"].get<double>() == -5.0, tt::tolerance(1e-15));
  BOOST_TEST(j["gradient"]["w1"].get<double>() == -8.0, tt::tolerance(1e-15));
  BOOST_TEST(j["data"]["rows"] == 2);
  BOOST_TEST(j["data"]["reduce"] == "mean");
}

// Named intermediates over data: `r := y - (w1*x + w0); r^2` is the headline loss (this aborted
// with a corrupted heap before the column-wise plan resolved named values), for every command
// that takes --data.
BOOST_AUTO_TEST_CASE(named_values_over_data) {
  const auto named = run_tool({"grad", "r := y - (w1*x + w0); r^2", "--data",
                               data_dir + "/two_rows.csv", "--at", "w0=0,w1=0", "--json"});
  BOOST_TEST(named.code == 0);
  BOOST_TEST(named.json()["gradient"]["w0"].get<double>() == -5.0, tt::tolerance(1e-15));
  BOOST_TEST(named.json()["gradient"]["w1"].get<double>() == -8.0, tt::tolerance(1e-15));
  const auto check = run_tool({"check", "r := y - (w1*x + w0); r^2", "--data",
                               data_dir + "/two_rows.csv", "--at", "w0=0,w1=0",
                               "--grad", "w0=-2*(y - (w1*x + w0))", "--grad",
                               "w1=-2*x*(y - (w1*x + w0))"});
  BOOST_TEST(check.code == 0, check.out << check.err);
  const auto descend = run_tool({"descend", "r := y - (w1*x + w0); r^2", "--data",
                                 data_dir + "/two_rows.csv", "--at", "w0=0,w1=0", "--steps", "3",
                                 "--lr", "0.1", "--json"});
  BOOST_TEST(descend.code == 0, descend.out << descend.err);
}

BOOST_AUTO_TEST_CASE(ice_cream_table_mean_and_sum) {
  // L(w0, w1) = 1/n Σ (y_i − (w1 x_i + w0))², at w0 = w1 = 0 and at the least-squares solution.
  for (const auto& [w0, w1] : {std::pair{0.0, 0.0}, std::pair{-94.0, 6.6}, std::pair{1.0, 10.0}}) {
    double loss = 0, d0 = 0, d1 = 0;
    for (int i = 0; i < 4; ++i) {
      const double residual = ice_y[i] - (w1 * ice_x[i] + w0);
      loss += residual * residual / 4;
      d0 += -2 * residual / 4;
      d1 += -2 * residual * ice_x[i] / 4;
    }
    const std::string at = "w0=" + std::to_string(w0) + ",w1=" + std::to_string(w1);
    BOOST_TEST_CONTEXT(at) {
      const auto mean = run_tool({"grad", "(y - (w1*x + w0))^2", "--data",
                                  data_dir + "/icecream.csv", "--at", at, "--json"});
      BOOST_TEST(mean.code == 0);
      BOOST_TEST(mean.json()["value"].get<double>() == loss, tt::tolerance(1e-12));
      BOOST_TEST(mean.json()["gradient"]["w0"].get<double>() == d0, tt::tolerance(1e-9));
      BOOST_TEST(mean.json()["gradient"]["w1"].get<double>() == d1, tt::tolerance(1e-9));
      const auto sum = run_tool({"grad", "(y - (w1*x + w0))^2", "--data",
                                 data_dir + "/icecream.csv", "--at", at, "--reduce", "sum",
                                 "--json"});
      BOOST_TEST(sum.json()["value"].get<double>() == 4 * loss, tt::tolerance(1e-12));
      BOOST_TEST(sum.json()["gradient"]["w1"].get<double>() == 4 * d1, tt::tolerance(1e-9));
    }
  }
}

BOOST_AUTO_TEST_CASE(least_squares_solution_has_zero_gradient) {
  // Lesson 000: least squares gives w1 = 6.6, w0 = −94.
  const auto r = run_tool({"grad", "(y - (w1*x + w0))^2", "--data", data_dir + "/icecream.csv",
                           "--at", "w0=-94,w1=6.6", "--json"});
  BOOST_TEST(std::abs(r.json()["gradient"]["w0"].get<double>()) < 1e-9);
  BOOST_TEST(std::abs(r.json()["gradient"]["w1"].get<double>()) < 1e-9);
}

BOOST_AUTO_TEST_CASE(data_text_output_names_the_reduction) {
  const auto r = run_tool({"grad", "(y - (w1*x + w0))^2", "--data", data_dir + "/icecream.csv",
                           "--at", "w0=0,w1=0"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "the mean over the 4 rows of"));
  BOOST_TEST(contains(r.out, "∂f/∂w0 = -175\n"));
}

BOOST_AUTO_TEST_CASE(values_may_be_constant_expressions) {
  const auto r = run_tool({"grad", "sin(x) * y", "--at", "x=pi/2, y=atan2(1, 1)", "--json"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.json()["value"].get<double>() == std::atan2(1.0, 1.0), tt::tolerance(1e-15));
  BOOST_TEST(r.json()["gradient"]["y"].get<double>() == 1.0, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(a_parameter_the_expression_does_not_use_has_slope_0) {
  const auto r = run_tool({"grad", "x^2", "--at", "x=3", "--at", "z=1"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "∂f/∂z = 0"));
  BOOST_TEST(contains(r.out, "f does not use z"));
}

BOOST_AUTO_TEST_CASE(a_constant_expression_has_an_empty_gradient) {
  const auto r = run_tool({"grad", "2^3^2", "--json"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.json()["value"] == 512.0);
  BOOST_TEST(r.json()["gradient"].empty());
}

BOOST_AUTO_TEST_CASE(data_errors) {
  const auto clash = run_tool({"grad", "(y - w*x)^2", "--data", data_dir + "/icecream.csv",
                               "--at", "w=1,x=2"});
  BOOST_TEST(clash.code == 2);
  BOOST_TEST(contains(clash.err, "'x' is both given with --at and a column of"));
  const auto malformed = run_tool({"grad", "(y - w*x)^2", "--data", data_dir + "/malformed.csv",
                                   "--at", "w=1"});
  BOOST_TEST(malformed.code == 2);
  BOOST_TEST(contains(malformed.err, "malformed.csv:3:3: 'ten' in column 'y' is not a finite number"));
  const auto missing = run_tool({"grad", "x", "--data", "/nonexistent.csv", "--at", "w=1"});
  BOOST_TEST(missing.code == 2);
  BOOST_TEST(contains(missing.err, "cannot open"));
  const auto row = run_tool({"grad", "log(y - 50) * w", "--data", data_dir + "/icecream.csv",
                             "--at", "w=1"});
  BOOST_TEST(row.code == 3);
  BOOST_TEST(contains(row.err, "on data row 1 of"));
  BOOST_TEST(contains(row.err, "(x = 20, y = 40)"));
}

// Anomaly mode's backward half: every value is finite (1e−100, 1e100), but ∂f/∂x = 1e400 is not.
BOOST_AUTO_TEST_CASE(an_adjoint_that_overflows_is_a_domain_error_naming_the_op_and_the_variable) {
  const auto r = run_tool({"grad", "x * 1e200 * 1e200", "--at", "x=1e-300"});
  BOOST_TEST(r.code == 3);
  BOOST_TEST(contains(r.err, "domain error in the backward pass, at mul"), r.err);
  BOOST_TEST(contains(r.err, "the adjoint of 'x' (node 0) becomes infinite"), r.err);
}

BOOST_AUTO_TEST_SUITE_END()
