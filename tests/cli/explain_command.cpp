// SPDX-License-Identifier: MIT
// `tapegrad explain` end to end: each format, the lessons' numbers in the explanation, errors.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "tests/cli/run_tool.hpp"

using tapegrad::test::run_tool;
using tapegrad::test::contains;
using tapegrad::test::data_dir;

namespace {

// Lesson 000's one-sample regression: x = 1, y = 2 are data (one CSV row), w0 and w1 parameters.
std::vector<std::string> regression(const std::vector<std::string>& more = {}) {
  std::vector<std::string> args{"explain", "(y - (w1*x + w0))^2", "--data",
                                data_dir + "/one_row.csv", "--at", "w0=0,w1=0"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(explain_command)

BOOST_AUTO_TEST_CASE(text_shows_where_the_minus_sign_comes_from) {
  // Lesson 000: ∂f/∂w0 = 4 · (−1) · 1 = −4, the −1 being the subtraction's partial.
  const auto r = run_tool(regression());
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "Forward pass"));
  BOOST_TEST(contains(r.out, "Backward pass"));
  BOOST_TEST(contains(r.out, "∂f/∂w0 = −4"));
  BOOST_TEST(contains(r.out, "4 · (−1) · 1 = −4"));
}

BOOST_AUTO_TEST_CASE(constants_from_with_keep_their_names) {
  // Issue 17: `∂t1/∂w1 = x = 1`, not `t1 = w1 · 1`; x and y are given, not differentiated.
  const auto r = run_tool({"explain", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0", "--with",
                           "x=1,y=2"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "w1 · x"), r.out);
  BOOST_TEST(contains(r.out, "= x = 1"), r.out);
  BOOST_TEST(contains(r.out, "∂f/∂w0 = −4"));
  BOOST_TEST(!contains(r.out, "∂f/∂x"));
  BOOST_TEST(!contains(r.out, "∂f/∂y"));
}

BOOST_AUTO_TEST_CASE(the_header_shows_the_expression_the_point_and_the_constants) {
  const auto r = run_tool({"explain", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0", "--with",
                           "x=1,y=2"});
  BOOST_TEST(r.code == 0);
  const std::string first = r.out.substr(0, r.out.find('\n'));
  BOOST_TEST(first == "f = (y - (w1*x + w0))^2 = 4 at w0 = 0, w1 = 0; with x = 1, y = 2");
}

BOOST_AUTO_TEST_CASE(data_values_keep_their_column_names) {
  const auto r = run_tool(regression());
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "= x = 1"), r.out);
  // Data values come in the expression's order: y first in (y - (w1*x + w0))^2.
  BOOST_TEST(contains(r.out, "; with y = 2, x = 1"), r.out);
}

BOOST_AUTO_TEST_CASE(a_named_intermediate_is_shown_by_its_name) {
  const auto r = run_tool({"explain", "u := 3*x + 5; u^2", "--at", "x=0"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "∂f/∂u = 2·u = 2(3x + 5) = 2·5 = 10"), r.out);
  BOOST_TEST(contains(r.out, "outer: ∂f/∂u"), r.out);
  BOOST_TEST(contains(r.out, "inner: ∂u/∂"), r.out);
  BOOST_TEST(!contains(r.out, "^(2−1)"));
}

BOOST_AUTO_TEST_CASE(name_renames_the_loss) {
  const auto r = run_tool({"explain", "(3*x + 5)^2", "--at", "x=0", "--name", "L"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "∂L/∂x = 30"), r.out);
  BOOST_TEST(!contains(r.out, "∂f/"));
  const auto g = run_tool({"grad", "(3*x + 5)^2", "--at", "x=0", "--name", "L"});
  BOOST_TEST(contains(g.out, "∂L/∂x = 30"), g.out);
  const auto bad = run_tool({"grad", "x", "--at", "x=0", "--name", "2L"});
  BOOST_TEST(bad.code == 2);
}

BOOST_AUTO_TEST_CASE(max_nodes_refuses_a_larger_tape_with_exit_2) {
  // x·x·x·x: four inputs' worth of nodes (x and three products).
  const auto r = run_tool({"explain", "x*x*x*x", "--at", "x=2", "--max-nodes", "3"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "4 nodes"), r.err);
  BOOST_TEST(contains(r.err, "--max-nodes"), r.err);
  BOOST_TEST(run_tool({"explain", "x*x*x*x", "--at", "x=2", "--max-nodes", "4"}).code == 0);
  BOOST_TEST(run_tool({"explain", "x", "--at", "x=2", "--max-nodes", "0"}).code == 2);
}

BOOST_AUTO_TEST_CASE(ln_is_shown_as_typed) {
  const auto r = run_tool({"explain", "ln(sin((x^2+1)^3))", "--at", "x=1"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "ln(t"), r.out);
  BOOST_TEST(!contains(r.out, "log("));
  const auto l = run_tool({"explain", "log(x)", "--at", "x=1"});
  BOOST_TEST(contains(l.out, "log(x)"), l.out);
}

BOOST_AUTO_TEST_CASE(a_product_with_itself_names_no_factor_twice) {
  // x*x: both paths come straight from f; "∂f/∂f · ∂f/∂x" was printed before.
  const auto r = run_tool({"explain", "x*x", "--at", "x=3"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(!contains(r.out, "∂f/∂f"), r.out);
  BOOST_TEST(contains(r.out, "∂f/∂x = ∂f/∂x + ∂f/∂x = 3 + 3 = 6"), r.out);
}

BOOST_AUTO_TEST_CASE(relu_says_which_case_applies) {
  const auto r = run_tool({"explain", "relu(x - 1)", "--at", "x=1"});
  BOOST_TEST(r.code == 0);
  BOOST_TEST(!contains(r.out, "1 if 0 > 0"), r.out);
  BOOST_TEST(contains(r.out, "(1 if t1 > 0, else 0) = 0, as t1 = 0"), r.out);
}

BOOST_AUTO_TEST_CASE(given_values_alone_are_nothing_to_explain) {
  const auto r = run_tool({"explain", "x^2", "--at", "w=1", "--with", "x=2"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "does not depend on the --at variable"), r.err);
}

BOOST_AUTO_TEST_CASE(ascii_text) {
  const auto r = run_tool(regression({"--ascii"}));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "df/dw0 = -4"));
  BOOST_TEST(!contains(r.out, "∂"));
}

BOOST_AUTO_TEST_CASE(markdown_has_tables) {
  const auto r = run_tool(regression({"--format", "markdown"}));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "| "));
  BOOST_TEST(contains(r.out, "#"));
}

BOOST_AUTO_TEST_CASE(dot_is_a_graph) {
  const auto r = run_tool(regression({"--format", "dot"}));
  BOOST_TEST(r.code == 0);
  BOOST_TEST(r.out.starts_with("digraph"));
  BOOST_TEST(contains(r.out, "->"));
}

BOOST_AUTO_TEST_CASE(html_is_a_class_page_with_the_expression_and_point) {
  const auto r = run_tool({"explain", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0", "--with", "x=1,y=2",
                           "--format", "html"});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.rfind("<!DOCTYPE html>", 0) == 0u);
  BOOST_TEST(contains(r.out, R"("expression":"(y - (w1*x + w0))^2")"), r.out.substr(0, 400));
  BOOST_TEST(contains(r.out, R"("point":"w0 = 0, w1 = 0; with x = 1, y = 2")"));
  BOOST_TEST(contains(r.out, R"("schema":"tapegrad.explain/1")"));
}

BOOST_AUTO_TEST_CASE(dot_has_the_title_and_products_on_request) {
  const auto r = run_tool({"explain", "x^2 - 4*x + 3", "--at", "x=5", "--format", "dot", "--products"});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "<b>f = x^2 - 4*x + 3 at x = 5</b>"), r.out);
  BOOST_TEST(contains(r.out, "carries 1 · 10 = 10"));
  BOOST_TEST(contains(r.out, "carries (−1) · 4 = −4"));
}

BOOST_AUTO_TEST_CASE(json_has_the_lesson_numbers) {
  for (const auto& flag : {std::vector<std::string>{"--json"},
                           std::vector<std::string>{"--format", "json"}}) {
    const auto r = run_tool(regression(flag));
    BOOST_TEST(r.code == 0);
    const auto j = r.json();
    BOOST_TEST(j["expression"] == "(y - (w1*x + w0))^2");
    const auto& ex = j["explanation"];
    BOOST_TEST(ex["schema"] == "tapegrad.explain/1");
    BOOST_TEST(ex["loss"]["value"] == 4.0);
    bool saw_w0 = false;
    for (const auto& g : ex["gradient"]) {
      if (g["name"] == "w0") {
        saw_w0 = true;
        BOOST_TEST(g["gradient"] == -4.0);
      }
    }
    BOOST_TEST(saw_w0);
  }
}

BOOST_AUTO_TEST_CASE(school_parabola_sums_two_paths) {
  // x² − 4x + 3 at x = 5: x is used twice, its adjoint is 10 + (−4) = 6.
  const auto r = run_tool({"explain", "x^2 - 4*x + 3", "--at", "x=5", "--json"});
  BOOST_TEST(r.code == 0);
  const auto j = r.json();
  const auto& gradient = j["explanation"]["gradient"];
  BOOST_TEST(gradient.size() == 1u);
  BOOST_TEST(gradient[0]["gradient"] == 6.0);
  BOOST_TEST(gradient[0]["path_count"] == 2.0);
}

BOOST_AUTO_TEST_CASE(errors) {
  BOOST_TEST(run_tool({"explain", "x^2", "--at", "x=1", "--format", "pdf"}).code == 2);
  BOOST_TEST(run_tool({"explain", "2^3", "--at", "x=1"}).code == 2);  // nothing to explain
  BOOST_TEST(run_tool({"explain", "log(x)", "--at", "x=-1"}).code == 3);
  BOOST_TEST(run_tool({"explain", "x^2", "--at", "x=1", "--graph", "out.txt"}).code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
