// SPDX-License-Identifier: MIT
// `tapegrad hessian` end to end: lesson 004's second-derivative test — the Hessian, eigenvalues,
// condition number and the classification, in text and JSON.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>

#include "tests/cli/run_tool.hpp"

using tapegrad::test::contains;
using tapegrad::test::data_dir;
using tapegrad::test::run_tool;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(hessian_command)

BOOST_AUTO_TEST_CASE(a_stationary_point_that_is_a_maximum) {
  // (x² − 1)² at x = 0: f' = 4x(x² − 1) = 0, f'' = 12x² − 4 = −4.
  const auto r = run_tool({"hessian", "(x^2-1)^2", "--at", "x=0", "--json"});
  BOOST_TEST(r.code == 0, r.err);
  const auto j = r.json();
  BOOST_TEST(j["classification"] == "maximum");
  BOOST_TEST(j["stationary"] == true);
  BOOST_TEST(j["hessian"]["rows"][0][0].get<double>() == -4.0, tt::tolerance(1e-6));
  const auto text = run_tool({"hessian", "(x^2-1)^2", "--at", "x=0"});
  BOOST_TEST(contains(text.out, "a maximum"), text.out);
}

BOOST_AUTO_TEST_CASE(the_school_parabola_has_a_minimum_at_2) {
  const auto r = run_tool({"hessian", "x^2 - 4*x + 3", "--at", "x=2", "--json"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.json()["classification"] == "minimum");
  BOOST_TEST(r.json()["eigenvalues"][0].get<double>() == 2.0, tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(a_saddle) {
  const auto r = run_tool({"hessian", "x^2 - y^2", "--at", "x=0,y=0", "--json"});
  BOOST_TEST(r.json()["classification"] == "saddle");
  BOOST_TEST(r.json()["condition_number"].get<double>() == 1.0, tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(flat_when_an_eigenvalue_is_zero) {
  const auto r = run_tool({"hessian", "x^4", "--at", "x=0"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "flat"), r.out);
  BOOST_TEST(contains(r.out, "cannot decide"), r.out);
}

BOOST_AUTO_TEST_CASE(not_stationary_is_said) {
  const auto r = run_tool({"hessian", "x^2", "--at", "x=1", "--json"});
  BOOST_TEST(r.json()["stationary"] == false);
  const auto text = run_tool({"hessian", "x^2", "--at", "x=1"});
  BOOST_TEST(contains(text.out, "not a stationary point"), text.out);
}

BOOST_AUTO_TEST_CASE(the_raw_ice_cream_problem_is_badly_conditioned) {
  // Lesson 000: the MSE on raw temperatures 20…35 has H = 2[[1, mean x], [mean x, mean x²]] =
  // 2[[1, 27.5], [27.5, 787.5]], whose eigenvalue ratio is about 2·10⁴.
  const auto r = run_tool({"hessian", "(y - (w1*x + w0))^2", "--data", data_dir + "/icecream.csv",
                           "--at", "w0=0,w1=0", "--json"});
  BOOST_TEST(r.code == 0, r.err);
  const auto j = r.json();
  const double a = 2.0, b = 2.0 * 27.5, c = 2.0 * 787.5;  // H = [[a, b], [b, c]]
  const double mean = (a + c) / 2, spread = std::sqrt((a - c) * (a - c) / 4 + b * b);
  const double expected = (mean + spread) / (mean - spread);
  BOOST_TEST(j["condition_number"].get<double>() == expected, tt::tolerance(1e-3));
  BOOST_TEST(j["condition_number"].get<double>() > 1e4);
  BOOST_TEST(j["condition_number"].get<double>() < 3e4);
  BOOST_TEST(j["hessian"]["rows"][0][1].get<double>() == b, tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(needs_a_point) {
  const auto r = run_tool({"hessian", "x^2"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "tapegrad hessian: error:"), r.err);
}

BOOST_AUTO_TEST_SUITE_END()
