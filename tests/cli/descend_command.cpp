// SPDX-License-Identifier: MIT
// `tapegrad descend` end to end: the lessons' gradient-descent tables through the command line,
// the stopping rules, other optimizers, divergence.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "tests/cli/run_tool.hpp"

using tapegrad::test::run_tool;
using tapegrad::test::contains;
using tapegrad::test::data_dir;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(descend_command)

BOOST_AUTO_TEST_CASE(school_parabola_from_5) {
  // Lesson 000: x² − 4x + 3 from x = 5 with η = 0.1: 4.4, 3.92, 3.536.
  const auto r = run_tool({"descend", "x^2 - 4*x + 3", "--at", "x=5", "--lr", "0.1", "--steps",
                           "3", "--json"});
  BOOST_TEST(r.code == 0);
  const auto j = r.json();
  const auto& steps = j["steps"];
  BOOST_TEST_REQUIRE(steps.size() == 4u);  // steps + 1 records
  const double expected[] = {5.0, 4.4, 3.92, 3.536};
  for (int k = 0; k < 4; ++k) {
    BOOST_TEST(steps[k]["step"] == k);
    BOOST_TEST(steps[k]["params"]["x"].get<double>() == expected[k], tt::tolerance(1e-12));
    const double x = expected[k];
    BOOST_TEST(steps[k]["value"].get<double>() == x * x - 4 * x + 3, tt::tolerance(1e-12));
    BOOST_TEST(steps[k]["gradient"]["x"].get<double>() == 2 * x - 4, tt::tolerance(1e-12));
  }
  BOOST_TEST(j["stop"]["kind"] == "max_steps");
}

BOOST_AUTO_TEST_CASE(lesson_001_table_as_text) {
  // Lesson 001: (w − 3)² from w = 0 with η = 0.1: 0.6, 1.08, 1.464, 1.7712.
  const auto r = run_tool({"descend", "(w - 3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "4"});
  BOOST_TEST(r.code == 0);
  for (const char* w : {" 0.6 ", " 1.08 ", " 1.464 ", " 1.7712 "}) BOOST_TEST(contains(r.out, w));
  BOOST_TEST(contains(r.out, "step"));
  BOOST_TEST(contains(r.out, "∂f/∂w"));
}

BOOST_AUTO_TEST_CASE(lesson_002_from_minus_4) {
  // Lesson 002: x² from −4 with lr 0.05: −3.6, −3.24.
  const auto j = run_tool({"descend", "x^2", "--at", "x=-4", "--lr", "0.05", "--steps", "2",
                           "--json"}).json();
  BOOST_TEST(j["steps"][1]["params"]["x"].get<double>() == -3.6, tt::tolerance(1e-12));
  BOOST_TEST(j["steps"][2]["params"]["x"].get<double>() == -3.24, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(gradient_tolerance_stops_at_the_minimum) {
  const auto j = run_tool({"descend", "x^2 - 4*x + 3", "--at", "x=5", "--lr", "0.1", "--steps",
                           "1000", "--grad-tol", "1e-6", "--json"}).json();
  BOOST_TEST(j["stop"]["rule"] == "gradient_norm_below");
  BOOST_TEST(j["result"]["params"]["x"].get<double>() == 2.0, tt::tolerance(1e-6));
  BOOST_TEST(j["steps"].size() < 1000u);
}

BOOST_AUTO_TEST_CASE(ice_cream_regression_with_lbfgs) {
  // Least squares on lesson 000's table: w1 = 6.6, w0 = −94 (badly conditioned for plain GD).
  const auto j = run_tool({"descend", "(y - (w1*x + w0))^2", "--data", data_dir + "/icecream.csv",
                           "--at", "w0=0,w1=0", "--optimizer", "lbfgs", "--steps", "200",
                           "--grad-tol", "1e-9", "--json"}).json();
  BOOST_TEST(j["result"]["params"]["w1"].get<double>() == 6.6, tt::tolerance(1e-6));
  BOOST_TEST(j["result"]["params"]["w0"].get<double>() == -94.0, tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(every_optimizer_runs) {
  for (const char* opt : {"momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"}) {
    BOOST_TEST_CONTEXT(opt) {
      const auto r = run_tool({"descend", "(w - 3)^2", "--at", "w=0", "--optimizer", opt,
                               "--steps", "5", "--json"});
      BOOST_TEST(r.code == 0);
      BOOST_TEST(r.json()["steps"].size() == 6u);
      BOOST_TEST(r.json()["optimizer"]["name"] == opt);
    }
  }
}

BOOST_AUTO_TEST_CASE(too_large_a_learning_rate_diverges) {
  // Lessons 001 and 004: η too large overshoots and diverges; the run says so.
  // A diverged run is a failure: exit 5 (docs/cli.md, "Exit codes"), with the table or JSON.
  const auto r = run_tool({"descend", "x^2", "--at", "x=1", "--lr", "1.5", "--steps", "200",
                           "--json"});
  BOOST_TEST(r.code == 5);
  BOOST_TEST(r.json()["stop"]["kind"] == "diverged");
  const auto text = run_tool({"descend", "x^2", "--at", "x=1", "--lr", "1.5", "--steps", "100"});
  BOOST_TEST(text.code == 5);
  BOOST_TEST(contains(text.out, "stopped (diverged)"));
}

BOOST_AUTO_TEST_CASE(a_run_that_leaves_the_domain_is_a_divergence) {
  const auto r = run_tool({"descend", "log(x)", "--at", "x=1", "--lr", "10", "--steps", "5"});
  BOOST_TEST(r.code == 5);
}

BOOST_AUTO_TEST_CASE(steps_must_be_positive_and_at_most_the_limit) {
  for (const char* steps : {"-1", "0", "1000001", "18446744073709551615"}) {
    BOOST_TEST_CONTEXT("--steps " << steps) {
      const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--steps", steps});
      BOOST_TEST(r.code == 2);
      BOOST_TEST(contains(r.err, "--steps"));
    }
  }
  BOOST_TEST(run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "1"}).code == 0);
}

BOOST_AUTO_TEST_CASE(numeric_options_refuse_nan_and_infinity) {
  for (const char* value : {"nan", "NaN", "inf", "-inf", "infinity"}) {
    for (const char* option : {"--grad-tol", "--lr", "--loss-below", "--time-limit", "--gamma"}) {
      BOOST_TEST_CONTEXT(option << " " << value) {
        const auto r = run_tool({"descend", "x^2", "--at", "x=1", option, value});
        BOOST_TEST(r.code == 2);
        BOOST_TEST(contains(r.err, option));
        BOOST_TEST(contains(r.err, "finite"));
      }
    }
  }
  const auto check = run_tool({"check", "x^2", "--at", "x=1", "--grad", "x=2*x", "--rtol", "nan"});
  BOOST_TEST(check.code == 2);
  BOOST_TEST(contains(check.err, "--rtol"));
}

BOOST_AUTO_TEST_CASE(history_csv) {
  const std::string path = "/tmp/tapegrad_descend_history.csv";
  BOOST_TEST(run_tool({"descend", "x^2", "--at", "x=1", "--lr", "0.1", "--steps", "3",
                       "--history", path}).code == 0);
  std::ifstream in(path);
  std::string header;
  std::getline(in, header);
  BOOST_TEST(header.starts_with("step,value"));
  std::remove(path.c_str());
}

BOOST_AUTO_TEST_CASE(errors) {
  BOOST_TEST(run_tool({"descend", "x^2", "--at", "x=1", "--optimizer", "sgdd"}).code == 2);
  BOOST_TEST(run_tool({"descend", "x^2", "--at", "x=1", "--lr", "-1"}).code == 2);
  BOOST_TEST(run_tool({"descend", "log(x)", "--at", "x=-1"}).code == 3);
  BOOST_TEST(run_tool({"descend", "x^2"}).code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
