// SPDX-License-Identifier: MIT
// `tapegrad explain` end to end: each format, the lessons' numbers in the explanation, errors.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
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

// Lesson 000's ice-cream data (x = 20..35, y = 40..140) at w1 = w0 = 0.
std::vector<std::string> icecream(const std::vector<std::string>& more = {}) {
  std::vector<std::string> args{"explain", "(y - (w1*x + w0))^2", "--at", "w1=0,w0=0", "--data",
                                data_dir + "/icecream.csv"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// A CSV of `rows` rows x = r, y = 2r + 1 (r = 1..rows), removed with the object.
struct RowsFile {
  std::string path;
  explicit RowsFile(std::size_t rows) {
    char name[] = "/tmp/tapegrad_rows_XXXXXX";
    const int fd = mkstemp(name);
    if (fd >= 0) close(fd);
    path = name;
    std::ofstream out(path);
    out << "x,y\n";
    for (std::size_t r = 1; r <= rows; ++r) out << r << ',' << 2 * r + 1 << '\n';
  }
  ~RowsFile() { std::remove(path.c_str()); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(explain_command)

BOOST_AUTO_TEST_CASE(data_explains_the_first_row_and_sums_the_rows) {
  const auto r = run_tool(icecream());
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.starts_with("Row 1 of 4: y = 40, x = 20\n"), r.out);
  // One row on the tape: its own loss, not a sum growing with the rows.
  BOOST_TEST(contains(r.out, "loss_1 = (y - (w1*x + w0))^2 = 1600 at w1 = 0, w0 = 0; with y = 40, x = 20"), r.out);
  BOOST_TEST(!contains(r.out, "+ (y"), r.out);
  BOOST_TEST(contains(r.out, "∂loss_1/∂w0 = −80"), r.out);
  // The lesson's numbers: the rows' losses, their mean, the gradient as the mean of the rows'.
  BOOST_TEST(contains(r.out, "f = (1/4) · Σ loss_i = (1/4) · (1600 + 4900 + 10000 + 19600) = (1/4) · 36100 = 9025"), r.out);
  BOOST_TEST(contains(r.out, "∂f/∂w0 = (1/4) · Σ ∂loss_i/∂w0 = (1/4) · ((−80) + (−140) + (−200) + (−280)) = (1/4) · (−700) = −175"), r.out);
  BOOST_TEST(contains(r.out, "∂f/∂w1 = (1/4) · Σ ∂loss_i/∂w1 = (1/4) · ((−1600) + (−3500) + (−6000) + (−9800)) = (1/4) · (−20900) = −5225"), r.out);
  BOOST_TEST(contains(r.out, "The gradient of the mean is the mean of the rows' gradients."));
  for (const std::string row : {"1    40   20  1600", "2    70   25  4900", "3    100  30  10000", "4    140  35  19600"})
    BOOST_TEST(contains(r.out, row), r.out);
}

BOOST_AUTO_TEST_CASE(the_sum_equals_grad) {
  const auto e = run_tool(icecream({"--json"}));
  BOOST_TEST(e.code == 0, e.err);
  const auto ex = e.json()["explanation"];
  const auto g = run_tool({"grad", "(y - (w1*x + w0))^2", "--at", "w1=0,w0=0", "--data",
                           data_dir + "/icecream.csv", "--json"});
  BOOST_TEST(g.code == 0, g.err);
  const auto j = g.json();
  BOOST_TEST(ex["total"]["value"] == j["value"]);
  BOOST_TEST(ex["total"]["value"] == 9025.0);
  BOOST_TEST(ex["total"]["gradient"]["w0"] == j["gradient"]["w0"]);
  BOOST_TEST(ex["total"]["gradient"]["w1"] == j["gradient"]["w1"]);
  BOOST_TEST(ex["total"]["gradient"]["w0"] == -175.0);
  BOOST_TEST(ex["total"]["gradient"]["w1"] == -5225.0);
  BOOST_TEST(ex["total"]["reduce"] == "mean");
  // The explained row keeps today's structure: its loss, forward and backward steps, gradient.
  BOOST_TEST(ex["loss"]["value"] == 1600.0);
  BOOST_TEST(ex["row"]["row"] == 1);
  BOOST_TEST(ex["row"]["of"] == 4);
  BOOST_TEST(ex["rows"].size() == 4u);
  BOOST_TEST(ex["rows"][3]["loss"] == 19600.0);
  BOOST_TEST(ex["rows"][3]["values"]["x"] == 35.0);
  BOOST_TEST(ex["rows"][3]["partials"]["w0"] == -280.0);
  BOOST_TEST(ex["omitted_rows"] == 0);
}

BOOST_AUTO_TEST_CASE(sum_reduce_sums_without_the_scale) {
  const auto r = run_tool(icecream({"--reduce", "sum"}));
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "f = Σ loss_i = 1600 + 4900 + 10000 + 19600 = 36100"), r.out);
  BOOST_TEST(contains(r.out, "The gradient of the sum is the sum of the rows' gradients."));
}

BOOST_AUTO_TEST_CASE(row_picks_the_row_explained) {
  const auto r = run_tool(icecream({"--row", "3"}));
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.starts_with("Row 3 of 4: y = 100, x = 30\n"), r.out);
  BOOST_TEST(contains(r.out, "loss_3 = (y - (w1*x + w0))^2 = 10000"), r.out);
  BOOST_TEST(contains(r.out, "∂loss_3/∂w0 = −200"), r.out);
  BOOST_TEST(contains(r.out, "= −175"), r.out);  // the total is the same whichever row is shown
}

BOOST_AUTO_TEST_CASE(a_bad_row_is_a_usage_error) {
  for (const std::string bad : {"0", "5", "two", "-1", "1.5"}) {
    const auto r = run_tool(icecream({"--row", bad}));
    BOOST_TEST(r.code == 2, bad);
    BOOST_TEST(contains(r.err, "--row "), r.err);
    BOOST_TEST(contains(r.err, "give a row number from 1 to 4"), r.err);
  }
  const auto no_data = run_tool({"explain", "x^2", "--at", "x=1", "--row", "2"});
  BOOST_TEST(no_data.code == 2);
  BOOST_TEST(contains(no_data.err, "only with --data"), no_data.err);
  BOOST_TEST(contains(run_tool({"explain", "--help"}).out, "--row"));
}

BOOST_AUTO_TEST_CASE(many_rows_elide_the_middle) {
  const RowsFile file(25);
  const auto r = run_tool({"explain", "(y - (w1*x + w0))^2", "--at", "w1=0,w0=0", "--data", file.path});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "  … (15 more rows)\n  21   43  21"), r.out);
  BOOST_TEST(contains(r.out, "\n  5    11  5"), r.out);
  BOOST_TEST(!contains(r.out, "\n  6    13  6"), r.out);
  // The row asked for is listed even in the middle, with the gaps around it.
  const auto m = run_tool({"explain", "(y - (w1*x + w0))^2", "--at", "w1=0,w0=0", "--data", file.path,
                           "--row", "12", "--json"});
  BOOST_TEST(m.code == 0, m.err);
  const auto ex = m.json()["explanation"];
  BOOST_TEST(ex["rows"].size() == 11u);
  BOOST_TEST(ex["rows"][5]["row"] == 12);
  BOOST_TEST(ex["omitted_rows"] == 14);
  const auto t = run_tool({"explain", "(y - (w1*x + w0))^2", "--at", "w1=0,w0=0", "--data", file.path,
                           "--row", "12"});
  BOOST_TEST(contains(t.out, "(6 more rows)"), t.out);
  BOOST_TEST(contains(t.out, "(8 more rows)"), t.out);
}

BOOST_AUTO_TEST_CASE(the_row_and_the_sum_are_translated) {
  const RowsFile file(25);
  const std::vector<std::string> args{"explain", "(y - (w1*x + w0))^2", "--at", "w1=0,w0=0", "--data", file.path};
  const auto ru = run_tool(icecream({"--lang", "ru"}));
  BOOST_TEST(ru.code == 0, ru.err);
  BOOST_TEST(ru.out.starts_with("Строка 1 из 4: y = 40, x = 20\n"), ru.out);
  BOOST_TEST(contains(ru.out, "Сумма по строкам: f = (1/4) · Σ loss_i"), ru.out);
  BOOST_TEST(contains(ru.out, "Градиент среднего равен среднему градиентов строк."), ru.out);
  std::vector<std::string> many = args;
  many.insert(many.end(), {"--lang", "ru"});
  BOOST_TEST(contains(run_tool(many).out, "… (ещё 15 строк)"));
  many.back() = "zh";
  const auto zh = run_tool(many);
  BOOST_TEST(zh.out.starts_with("第 1 行（共 25 行）：y = 3, x = 1\n"), zh.out);
  BOOST_TEST(contains(zh.out, "… (还有 15 行)"), zh.out);
}

BOOST_AUTO_TEST_CASE(a_hundred_thousand_rows_take_linear_time) {
  const RowsFile file(100000);
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_tool({"explain", "(y - (w1*x + w0))^2", "--at", "w1=0,w0=0", "--data", file.path});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "  … (99990 more rows)\n"), r.out.substr(0, 2000));
  BOOST_TEST(r.out.size() < 20000u);
  // Quadratic (every row on one explained tape) took minutes; generous for a shared machine.
  BOOST_TEST(seconds < 30.0);
}

BOOST_AUTO_TEST_CASE(data_in_markdown_html_and_dot) {
  const auto md = run_tool(icecream({"--format", "markdown"}));
  BOOST_TEST(md.code == 0, md.err);
  BOOST_TEST(contains(md.out, "| row | y | x | loss\\_i |"), md.out);
  const auto html = run_tool(icecream({"--format", "html"}));
  BOOST_TEST(html.code == 0, html.err);
  BOOST_TEST(contains(html.out, R"("omitted_rows":0)"));
  BOOST_TEST(contains(html.out, "id=\"rows-table\""));
  const auto dot = run_tool(icecream({"--format", "dot"}));
  BOOST_TEST(dot.code == 0, dot.err);
  BOOST_TEST(contains(dot.out, "rows [shape=plain"), dot.out);
  BOOST_TEST(contains(dot.out, "row 1 of the 4 rows of"), dot.out);
  // The row explained in full and the table of all rows, each in a frame (a cluster) of its own.
  BOOST_TEST(contains(dot.out, "subgraph cluster_row {\n  label=\"row 1 of 4, in full\"; labelloc=b"), dot.out);
  BOOST_TEST(contains(dot.out, "subgraph cluster_all_rows {\n  label=\"all 4 rows\"; labelloc=b"), dot.out);
  const auto cluster = dot.out.find("subgraph cluster_row"), loss_box = dot.out.find("peripheries=2");
  BOOST_TEST((cluster < loss_box && loss_box < dot.out.find("\n  }\n", cluster)), dot.out);
}

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

BOOST_AUTO_TEST_CASE(dot_shows_where_a_given_value_flows_in) {
  // y and x are given (--with): held fixed, so no partial, but their arrows are drawn and their
  // boxes do not claim they miss the loss.
  const auto r = run_tool({"explain", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0", "--with", "x=1,y=2",
                           "--format", "dot"});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(!contains(r.out, "does not reach the loss"), r.out);
  BOOST_TEST(contains(r.out, "a given value, held fixed"), r.out);
  std::size_t dashed = 0;
  for (std::size_t at = r.out.find("[style=dashed, color=gray]"); at != std::string::npos;
       at = r.out.find("[style=dashed, color=gray]", at + 1))
    ++dashed;
  BOOST_TEST(dashed == 2u);  // y → y − t2 and x → w1 · x
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
