// SPDX-License-Identifier: MIT
// check_hand_gradient on formulas: the points cover the formula (constants and data move, special
// values are avoided), the notes say when an agreement may be an accident, a wrong row fails even
// when the mean hides it, options that are not finite are refused by name, and the report reads
// as text, Markdown and JSON.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "autodiff/check/formula_check.hpp"
#include "autodiff/expression/parser.hpp"
#include "tests/autodiff/check/gradient_check_printing.hpp"

using namespace tapegrad;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Lesson 000's model with x = 1: the false pass.
FormulaProblem forgotten_x() {
  FormulaProblem p;
  p.f = parse_expression("(y - (w1*x + w0))^2");
  p.parameters = {{"w0", 0.0}, {"w1", 0.0}};
  p.constants = {{"x", 1.0}, {"y", 2.0}};
  p.hands = {{"w0", parse_expression("-2*(y - (w1*x + w0))")},
             {"w1", parse_expression("-2*(y - (w1*x + w0))")}};
  return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(formula_check)

BOOST_AUTO_TEST_CASE(the_other_points_move_parameters_and_constants_off_special_values) {
  const auto r = check_hand_gradient(forgotten_x());
  BOOST_TEST(r.gradient.points.size() == 5u);
  BOOST_TEST(r.constants[0][0].value == 1.0);  // the user's point first, as given
  for (std::size_t p = 1; p < 5; ++p) {
    for (const auto& c : r.constants[p]) {
      BOOST_TEST(std::abs(c.value - std::round(c.value)) >= 0.05);
    }
    for (Eigen::Index i = 0; i < 2; ++i) {
      const double w = r.gradient.points[p][i];
      BOOST_TEST(std::abs(w) <= 0.5);
      BOOST_TEST(std::abs(w) >= 0.05);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_forgotten_x_fails_and_the_note_says_why_x_equal_1_hid_it) {
  const auto r = check_hand_gradient(forgotten_x());
  BOOST_TEST(!r.passed());
  BOOST_TEST(r.gradient.row(0, 1).verdict == Verdict::ok);  // right at the user's point
  const Diagnosis* d = r.gradient.diagnosis(1);
  BOOST_TEST_REQUIRE(d != nullptr);
  BOOST_TEST(d->kind == DiagnosisKind::missing_factor);
  BOOST_TEST(d->piece == "x");
  bool x_note = false, accident = false;
  for (const auto& n : r.notes) {
    x_note = x_note || contains(n, "at x = 1 a missing factor x cannot be seen; checked also at x = ");
    accident = accident || contains(n, "the formula for ∂/∂w1 agrees at your point by accident");
  }
  BOOST_TEST(x_note);
  BOOST_TEST(accident);
}

BOOST_AUTO_TEST_CASE(one_point_only_when_asked_and_the_note_says_so) {
  const auto r = check_hand_gradient(forgotten_x(), {.points = 1});
  BOOST_TEST(r.passed());  // the mistake is invisible at x = 1 …
  bool warned = false;
  for (const auto& n : r.notes)
    warned = warned || contains(n, "at x = 1 a missing factor x cannot be seen; check at more points");
  BOOST_TEST(warned);  // … and the report says so
}

BOOST_AUTO_TEST_CASE(lesson_000_at_its_one_point_is_read_as_a_lost_inner_expression) {
  FormulaProblem p;
  p.f = parse_expression("(3*x+5)^2");
  p.parameters = {{"x", 0.0}};
  p.hands = {{"x", parse_expression("2*3")}};
  const auto one = check_hand_gradient(p, {.points = 1});
  const Diagnosis* d = one.gradient.diagnosis(0);
  BOOST_TEST_REQUIRE(d != nullptr);
  BOOST_TEST(d->kind == DiagnosisKind::lost_inner_expression);  // not "a constant factor 1/5"
  BOOST_TEST(d->piece == "3·x + 5");
  BOOST_TEST(contains(d->message, "only one point was checked"));
  const auto five = check_hand_gradient(p);
  BOOST_TEST(five.gradient.diagnosis(0)->kind == DiagnosisKind::lost_inner_expression);
  BOOST_TEST(!contains(five.gradient.diagnosis(0)->message, "only one point"));
}

BOOST_AUTO_TEST_CASE(a_row_that_is_wrong_fails_even_when_the_mean_hides_it) {
  // hand = AD + (x − 2): wrong on each row, right in the mean over x = 1, 3 (at every point the
  // data cells move, so only the user's point hides it; check that one alone).
  FormulaProblem p;
  p.f = parse_expression("w*x");
  p.parameters = {{"w", 0.3}};
  p.data = {{"x"}, {{1.0}, {3.0}}, false};
  p.hands = {{"w", parse_expression("2*x - 2")}};
  const auto r = check_hand_gradient(p, {.points = 1});
  BOOST_TEST(r.gradient.row(0, 0).verdict == Verdict::ok);  // the means agree: 2 = 2
  BOOST_TEST(!r.passed());
  BOOST_TEST(r.gradient.diagnoses.size() == 1u);
}

BOOST_AUTO_TEST_CASE(options_that_are_not_finite_are_refused_by_name) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  auto message = [](const FormulaCheckOptions& o) -> std::string {
    try {
      check_hand_gradient(forgotten_x(), o);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  };
  BOOST_TEST(contains(message({.radius = nan}), "radius is nan"));
  BOOST_TEST(contains(message({.radius = inf}), "radius is inf"));
  BOOST_TEST(contains(message({.hand = {.rtol = nan}}), "rtol is nan"));
  BOOST_TEST(contains(message({.hand = {.atol = inf}}), "atol is inf"));
  BOOST_TEST(contains(message({.points = 0}), "points is 0"));
}

BOOST_AUTO_TEST_CASE(an_unbound_name_or_a_partial_for_a_constant_is_refused) {
  FormulaProblem p = forgotten_x();
  p.hands.push_back({"x", parse_expression("1")});
  BOOST_CHECK_THROW(check_hand_gradient(p), Error);
  p = forgotten_x();
  p.hands[0].expression = parse_expression("z");
  BOOST_CHECK_THROW(check_hand_gradient(p), Error);
}

BOOST_AUTO_TEST_CASE(the_report_as_text_markdown_and_json) {
  FormulaProblem p;
  p.f = parse_expression("(2*x^2 + 4*x + 8)^2");
  p.parameters = {{"x", 1.0}};
  p.hands = {{"x", parse_expression("2*(2*x^2 + 4*x +8)*4*x+4")}};
  const auto r = check_hand_gradient(p);
  const Diagnosis* d = r.gradient.diagnosis(0);
  BOOST_TEST_REQUIRE(d != nullptr);
  BOOST_TEST(d->kind == DiagnosisKind::precedence_slip);
  BOOST_TEST(d->intended == "2*(2*x^2 + 4*x +8)*(4*x+4)");
  BOOST_TEST(contains(to_text(r), "point 1 (yours): x = 1"));
  BOOST_TEST(contains(to_text(r), d->hand_bracketed));
  const std::string md = to_markdown(r);
  BOOST_TEST(contains(md, "| x | `2*(2*x^2 + 4*x +8)*4*x+4` |"));
  BOOST_TEST(contains(md, "  - intended: `2*(2*x^2 + 4*x +8)*(4*x+4)`"));
  const auto j = to_json(r);
  BOOST_TEST(j["ok"] == false);
  BOOST_TEST(j["partials"]["x"]["kind"] == "precedence_slip");
  BOOST_TEST(j["partials"]["x"]["ad"] == r.gradient.row(0, 0).ad);
  BOOST_TEST(j["diagnoses"][0]["intended"] == d->intended);
  BOOST_TEST(j["points"].size() == 5u);
}

BOOST_AUTO_TEST_SUITE_END()
