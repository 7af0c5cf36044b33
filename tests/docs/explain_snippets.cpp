// SPDX-License-Identifier: MIT
// The C++ blocks of docs/explain.md, docs/gradient_check.md and docs/cli.md, each pasted verbatim
// (without its #include lines, which are gathered here) into a test case that checks what its
// comments promise, and whose printed text is the output the doc shows after it.
#include <boost/test/unit_test.hpp>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "autodiff/check/formula_check.hpp"
#include "autodiff/check/gradient_check.hpp"
#include "autodiff/explain/all.hpp"
#include "autodiff/expression/parser.hpp"

namespace tt = boost::test_tools;

namespace {
// The first ``` block after the line `after` in `doc` (a path in the source tree): the output a
// doc tells the reader its C++ block prints.
std::string shown_output(const std::string& doc, const std::string& after) {
  std::ifstream in(std::string(TAPEGRAD_SOURCE_DIR) + "/" + doc);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = text.find("\n" + after + "\n");
  BOOST_TEST_REQUIRE(at != std::string::npos, doc << " has no line \"" << after << "\"");
  const auto open = text.find("```\n", at);
  const auto close = text.find("\n```", open);
  BOOST_TEST_REQUIRE(close != std::string::npos);
  return text.substr(open + 4, close + 1 - (open + 4));
}
}  // namespace

BOOST_AUTO_TEST_SUITE(explain_snippets)

BOOST_AUTO_TEST_CASE(explain_one_sample) {
using namespace tapegrad;

Tape tape({.checked = true, .trace = true});  // trace keeps constants, so `2 − ŷ` can be shown
auto scope = tape.activate();
const Var w0 = tape.input(0.0, "w0");         // inputs get names...
const Var w1 = tape.input(0.0, "w1");
const Var y_hat = label(w1 * 1.0 + w0, "ŷ");  // ...and so may intermediate results
const Var r = label(2.0 - y_hat, "r");
const Var loss = pow(r, 2);
fmt::print("{}", to_text(explain(tape, loss)));
  BOOST_TEST(to_text(explain(tape, loss)) ==
             shown_output("docs/explain.md", "at x = 1, y = 2, w0 = w1 = 0):"));
}

BOOST_AUTO_TEST_CASE(gradient_check_tour) {
using namespace tapegrad;

// Lesson 000: L = (y − (w1·x + w0))² at x = 1, y = 2, and the lesson's hand gradient.
auto loss = [](const VectorXv<>& w) { return pow(2.0 - (w[1] * 1.0 + w[0]), 2); };
auto hand = [](const Eigen::VectorXd& w) {
  const double r = 2.0 - (w[1] + w[0]);
  return Eigen::Vector2d(+2 * r, -2 * r).eval();   // +2(y − ŷ) for w0: the lesson's sign error
};
auto report = check_hand_gradient(loss, hand, Eigen::Vector2d(0, 0),
                                  {.names = {"w0", "w1"}, .function_name = "L"});
fmt::print("{}", to_text(report));
  BOOST_TEST(!report.summary.passed);
  BOOST_TEST((report.diagnoses.at(0).kind == DiagnosisKind::opposite_sign));
  BOOST_TEST(to_text(report) == shown_output("docs/gradient_check.md", "prints"));
}

BOOST_AUTO_TEST_CASE(hand_partials_as_formulas) {
using namespace tapegrad;

FormulaProblem p{.f = parse_expression("(y - (w1*x + w0))^2"),
                 .parameters = {{"w0", 0.0}, {"w1", 0.0}},
                 .constants = {{"x", 1.0}, {"y", 2.0}},
                 .hands = {{"w0", parse_expression("-2*(y - (w1*x + w0))")},
                           {"w1", parse_expression("-2*(y - (w1*x + w0))")}}};
FormulaCheckReport r = check_hand_gradient(p);   // FormulaCheckOptions{.points = 5, ...}
r.passed();                      // false: ∂/∂w1 is missing the factor x
fmt::print("{}", to_text(r));    // or to_markdown(r); to_json(r) needs <nlohmann/json.hpp>
  BOOST_TEST(!r.passed());
  BOOST_TEST((r.gradient.summary.wrong_components == std::vector<std::string>{"w1"}));
  BOOST_TEST_REQUIRE(r.gradient.diagnoses.size() == 1u);
  BOOST_TEST((r.gradient.diagnoses[0].kind == DiagnosisKind::missing_factor));
  BOOST_TEST(r.gradient.points.size() == 5u);
  BOOST_TEST(!to_markdown(r).empty());
  BOOST_TEST(to_json(r).is_object());
}

BOOST_AUTO_TEST_CASE(the_parser_as_a_library) {
using namespace tapegrad;

Expression loss = parse_expression("(y - (w1*x + w0))^2");   // throws ParseError
loss.variables();                          // {"y", "w1", "x", "w0"}: in order of first use
Tape tape({.checked = true});
auto scope = tape.activate();
Var w0 = tape.input(0.0, "w0"), w1 = tape.input(0.0, "w1");
Var l = loss.record({{"x", Var(1.0)}, {"y", Var(2.0)}, {"w0", w0}, {"w1", w1}});
gradient(l, {w0, w1});                     // {-4, -4}
loss.evaluate(std::vector{2.0, 0.0, 1.0, 0.0});  // 4, plain doubles, records nothing
  BOOST_TEST((loss.variables() == std::vector<std::string>{"y", "w1", "x", "w0"}));
  const auto g = gradient(l, {w0, w1});
  BOOST_TEST(g[0] == -4.0);
  BOOST_TEST(g[1] == -4.0);
  BOOST_TEST(loss.evaluate(std::vector{2.0, 0.0, 1.0, 0.0}) == 4.0);
  BOOST_CHECK_THROW(parse_expression("(y - "), ParseError);
}

BOOST_AUTO_TEST_SUITE_END()
