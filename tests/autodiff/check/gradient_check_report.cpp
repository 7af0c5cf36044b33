// SPDX-License-Identifier: MIT
// The gradient check's report as text and as JSON: the rows, diagnoses and summary, and the
// JSON schema documented in docs/gradient_check.md.
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "autodiff/autodiff.hpp"
#include "autodiff/check/gradient_check.hpp"
#include "tests/autodiff/check/gradient_check_printing.hpp"

using namespace tapegrad;

namespace {
// Lesson 000's one-sample regression with the lesson's sign error in ∂L/∂w0.
GradientCheckReport lesson_report() {
  auto loss = [](const VectorXv<>& w) { return pow(2.0 - (w[1] * 1.0 + w[0]), 2); };
  auto lesson = [](const Eigen::VectorXd& w) {
    const double r = 2.0 - (w[1] + w[0]);
    return Eigen::Vector2d(2 * r, -2 * r).eval();
  };
  return check_hand_gradient(loss, lesson, Eigen::Vector2d(0, 0),
                             {.names = {"w0", "w1"}, .function_name = "L"});
}
bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(gradient_check_report)

BOOST_AUTO_TEST_CASE(text_has_a_row_per_component_a_diagnosis_and_a_summary) {
  const std::string text = to_text(lesson_report());
  BOOST_TEST_MESSAGE(text);
  BOOST_TEST(contains(text, "point 1 of 1: w0 = 0, w1 = 0; L = 4"));
  BOOST_TEST(contains(text, "HAND WRONG"));
  BOOST_TEST(contains(text, "∂L/∂w0: opposite sign"));
  BOOST_TEST(contains(text, "summary: FAILED — hand-derived gradient WRONG in w0 (1 of 2 rows)"));
  BOOST_TEST(!contains(text, "∂L/∂w1:"));
}

BOOST_AUTO_TEST_CASE(text_of_a_passing_check_says_passed) {
  auto f = [](const VectorXv<>& x) { return x[0] * x[0]; };
  const auto report = check_tape_gradient(f, Eigen::VectorXd::Constant(1, 3.0));
  BOOST_TEST(contains(to_text(report), "summary: PASSED — tape agrees with finite differences"));
}

BOOST_AUTO_TEST_CASE(text_shows_at_most_max_points_tables) {
  auto f = [](const VectorXv<>& x) { return x[0] * x[0]; };
  const auto report = check_tape_gradient(
      f, RandomPoints{.lower = Eigen::VectorXd::Zero(1), .upper = Eigen::VectorXd::Ones(1), .count = 4});
  const std::string text = to_text(report, 1);
  BOOST_TEST(contains(text, "point 1 of 4"));
  BOOST_TEST(!contains(text, "point 2 of 4"));
  BOOST_TEST(contains(text, "(3 more points not shown)"));
}

BOOST_AUTO_TEST_CASE(json_follows_the_documented_schema) {
  const nlohmann::json j = to_json(lesson_report());
  BOOST_TEST(j["function"] == "L");
  BOOST_TEST(j["fd_scheme"] == "central");
  BOOST_TEST(j["names"] == nlohmann::json({"w0", "w1"}));
  BOOST_TEST(j["points"].size() == 1u);
  BOOST_TEST(j["points"][0]["x"] == nlohmann::json({0.0, 0.0}));
  BOOST_TEST(j["points"][0]["value"] == 4.0);
  BOOST_TEST_REQUIRE(j["rows"].size() == 2u);
  const auto& w0 = j["rows"][0];
  BOOST_TEST(w0["name"] == "w0");
  BOOST_TEST(w0["ad"] == -4.0);
  BOOST_TEST(w0["hand"] == 4.0);
  BOOST_TEST(w0["abs_error"] == 8.0);
  BOOST_TEST(w0["verdict"] == "hand_mismatch");
  for (const char* key : {"point", "component", "fd", "rel_error", "fd_abs_error", "fd_rel_error",
                          "allowed", "fd_allowed"})
    BOOST_TEST(w0.contains(key), key);
  BOOST_TEST_REQUIRE(j["diagnoses"].size() == 1u);
  const auto& d = j["diagnoses"][0];
  BOOST_TEST(d["kind"] == "opposite_sign");
  BOOST_TEST(d["factor"] == -1.0);
  BOOST_TEST(d["inner"] == "2 − (w1·1 + w0)");
  BOOST_TEST(d["points"] == 1);
  BOOST_TEST(!d["message"].get<std::string>().empty());
  const auto& s = j["summary"];
  BOOST_TEST(s["passed"] == false);
  BOOST_TEST(s["hand_mismatches"] == 1);
  BOOST_TEST(s["wrong_components"] == nlohmann::json({"w0"}));
  BOOST_TEST(s["fd_mismatches"] == 0);
}

BOOST_AUTO_TEST_CASE(json_writes_missing_numbers_as_null) {
  auto f = [](const VectorXv<>& x) { return x[0] * x[0]; };
  GradientCheckOptions options;
  options.finite_differences = false;
  const nlohmann::json j = to_json(check_tape_gradient(f, Eigen::VectorXd::Constant(1, 3.0), options));
  BOOST_TEST(j["rows"][0]["hand"].is_null());
  BOOST_TEST(j["rows"][0]["fd"].is_null());
  BOOST_TEST(j["fd_scheme"].is_null());
  BOOST_TEST(j["rows"][0]["ad"] == 6.0);
}

BOOST_AUTO_TEST_SUITE_END()
