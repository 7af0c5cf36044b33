// SPDX-License-Identifier: MIT
// The Graphviz form of an explanation, checked by structure: one node per shown tape node with
// its operation, value and adjoint, one edge per recorded input labelled with its partial; and
// rendering through `dot` when Graphviz is installed.
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <map>
#include <sstream>

#include "tests/autodiff/explain/explain_lessons.hpp"

using namespace tapegrad;
using namespace tapegrad::test;

namespace {
struct DotGraph {
  std::map<std::string, std::string> node_labels;                  // id → label
  std::map<std::pair<std::string, std::string>, std::string> edges;  // (from, to) → label
};
// The quoted label of a statement: from label=" to the next unescaped quote.
std::string label_of(const std::string& line) {
  const std::size_t begin = line.find("label=\"");
  if (begin == std::string::npos) return {};
  std::string out;
  for (std::size_t k = begin + 7; k < line.size() && line[k] != '"'; ++k) {
    if (line[k] == '\\' && k + 1 < line.size()) out += line[k++];
    out += line[k];
  }
  return out;
}
// Reads the node and edge statements explain writes (one per line: `nI [...]`, `nI -> nJ [...]`).
DotGraph parse(const std::string& dot) {
  DotGraph g;
  std::istringstream in(dot);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string first, second, third;
    words >> first >> second >> third;
    if (first.size() < 2 || first[0] != 'n' || !std::isdigit(static_cast<unsigned char>(first[1]))) continue;
    if (second == "->")
      g.edges[{first, third}] = label_of(line);
    else
      g.node_labels[first] = label_of(line);
  }
  return g;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(explain_dot)

BOOST_AUTO_TEST_CASE(is_a_digraph_with_a_node_per_step_and_an_edge_per_partial) {
  const auto l = one_sample_regression();
  const std::string dot = to_dot(l.ex);
  BOOST_TEST(dot.rfind("digraph \"explain\" {", 0) == 0u);
  BOOST_TEST(dot.substr(dot.size() - 2) == "}\n");
  const DotGraph g = parse(dot);
  BOOST_TEST(g.node_labels.size() == l.ex.forward.size());
  std::size_t partials = 0;
  for (const auto& s : l.ex.backward) partials += s.partials.size();
  BOOST_TEST(g.edges.size() == partials);
  BOOST_TEST(g.edges.size() == 5u);
}

BOOST_AUTO_TEST_CASE(labels_carry_operation_value_adjoint_and_partial) {
  const DotGraph g = parse(to_dot(one_sample_regression().ex));
  BOOST_TEST(g.node_labels.at("n4") == "r = 2 − ŷ\\nvalue 2\\nadjoint 4");
  BOOST_TEST(g.node_labels.at("n5") == "L = r^2\\nvalue 4\\nadjoint 1");
  BOOST_TEST(g.node_labels.at("n0") == "w0 (input)\\nvalue 0\\nadjoint −4");
  // Arrows follow the values (input → node) and carry ∂node/∂input.
  BOOST_TEST(g.edges.at({"n3", "n4"}) == "∂r/∂ŷ = −1");
  BOOST_TEST(g.edges.at({"n4", "n5"}) == "∂L/∂r = 4");
  BOOST_TEST(g.edges.at({"n0", "n3"}) == "∂ŷ/∂w0 = 1");
}

BOOST_AUTO_TEST_CASE(ascii_labels) {
  const DotGraph g = parse(to_dot(one_sample_regression().ex, {.ascii = true}));
  BOOST_TEST(g.edges.at({"n3", "n4"}) == "dr/dy_hat = -1");
}

BOOST_AUTO_TEST_CASE(quotes_in_names_are_escaped) {
  const auto l = explain_lesson([](Tape& t) {
    const Var x = t.input(1.0, "say \"x\"");
    return 2 * x;
  });
  const std::string dot = to_dot(l.ex);
  BOOST_TEST(dot.find("say \\\"x\\\" (input)") != std::string::npos, dot);
}

BOOST_AUTO_TEST_CASE(title_names_the_loss_and_the_point_by_default) {
  const std::string dot = to_dot(school_parabola().ex);
  BOOST_TEST(dot.find("labelloc=t") != std::string::npos);
  BOOST_TEST(dot.find("<b>f = 8 at x = 5</b>") != std::string::npos, dot);
}

BOOST_AUTO_TEST_CASE(title_given_is_escaped) {
  const std::string dot = to_dot(school_parabola().ex, {.title = "f = x^2 - 4*x + 3 & <more>"});
  BOOST_TEST(dot.find("<b>f = x^2 - 4*x + 3 &amp; &lt;more&gt;</b>") != std::string::npos, dot);
}

BOOST_AUTO_TEST_CASE(legend_says_what_value_adjoint_and_arrow_mean) {
  const std::string dot = to_dot(school_parabola().ex);
  BOOST_TEST(dot.find("its value (forward pass) and its adjoint ∂f/∂name") != std::string::npos);
  BOOST_TEST(dot.find("local partial ∂node/∂input") != std::string::npos);
  BOOST_TEST(to_dot(school_parabola().ex, {.legend = false}).find("local partial") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(products_show_how_the_shares_add_up_at_x) {
  // x² − 4x + 3 at x = 5: x's arrow into x² carries 1 · 10 = 10, its arrow into 4x (whose
  // adjoint is −1, from the subtraction) carries (−1) · 4 = −4: 10 + (−4) = 6.
  const auto l = school_parabola();
  const DotGraph g = parse(to_dot(l.ex, {.products = true}));
  const std::string x = "n" + std::to_string(l.ex.gradient_of("x").node);
  int shares_into_x = 0;
  for (const auto& [edge, label] : g.edges) {
    if (edge.first != x) continue;
    ++shares_into_x;
    BOOST_TEST((label.find("carries 1 · 10 = 10") != std::string::npos ||
                label.find("carries (−1) · 4 = −4") != std::string::npos), label);
  }
  BOOST_TEST(shares_into_x == 2);
  BOOST_TEST(to_dot(l.ex).find("carries") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(renders_to_svg_and_png_when_graphviz_is_installed) {
  if (!graphviz_available()) {
    BOOST_TEST_MESSAGE("Graphviz `dot` is not installed: rendering not tested");
    return;
  }
  const std::string dot = to_dot(square_of_quadratic().ex);
  const std::string svg = render_graph(dot, GraphFormat::svg);
  BOOST_TEST(svg.find("<svg") != std::string::npos);
  BOOST_TEST(svg.find("adjoint 224") != std::string::npos);
  const std::string png = render_graph(dot, GraphFormat::png);
  BOOST_TEST(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
}

BOOST_AUTO_TEST_CASE(invalid_dot_is_a_graphviz_error) {
  if (!graphviz_available()) return;
  BOOST_CHECK_THROW(render_graph("digraph { -> }", GraphFormat::svg), GraphvizError);
}

BOOST_AUTO_TEST_SUITE_END()
