// SPDX-License-Identifier: MIT
// explain and every renderer stay linear in the nodes. Not timed: the work is counted as the
// allocations and bytes allocated (the executable's counting operator new, counted_new.hpp), which
// must about double when the tape doubles. Each graph once made some part quadratic: a long sum
// (one adjoint of n terms), a deep nesting (one path of n factors), a chain of n inputs (paths of
// n, n − 1, ... factors, n²/2 in all), and the JSON document and the HTML page built as a DOM.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <functional>
#include <string>

#include "autodiff/autodiff.hpp"
#include "autodiff/explain/all.hpp"
#include "tests/autodiff/counted_new.hpp"

using namespace tapegrad;
using tapegrad::testing::injection;

namespace {

struct Work {
  double allocations = 0;
  double bytes = 0;
};

using Graph = std::function<Var(Tape&, int)>;
using Render = std::function<std::size_t(const Explanation&)>;

// The work of recording nothing new but explaining an n-term graph and rendering it.
Work work(const Graph& graph, int n, const Render& render) {
  Tape tape({.trace = true});
  auto scope = tape.activate();
  const Var loss = graph(tape, n);
  injection = {.counting = true};
  const std::size_t size = render(explain(tape, loss));
  injection.counting = false;
  BOOST_TEST(size > 0u);
  return {double(injection.seen), double(injection.bytes)};
}

Var long_sum(Tape& tape, int n) {
  const Var x = tape.input(1.0, "x");
  Var y = x;
  for (int k = 1; k < n; ++k) y = y + x;
  return y;
}

Var deep_nesting(Tape& tape, int n) {
  Var y = tape.input(0.5, "x");
  for (int k = 1; k < n; ++k) y = sin(y);
  return y;
}

Var chain_of_inputs(Tape& tape, int n) {
  Var y = tape.input(1.0, "x1");
  for (int k = 2; k <= n; ++k) y = y + tape.input(1.0, "x" + std::to_string(k));
  return y;
}

const std::pair<const char*, Graph> graphs[] = {
    {"a long sum", long_sum}, {"a deep nesting", deep_nesting}, {"a chain of inputs", chain_of_inputs}};

const std::pair<const char*, Render> renderers[] = {
    {"text", [](const Explanation& ex) { return to_text(ex).size(); }},
    {"markdown", [](const Explanation& ex) { return to_markdown(ex).size(); }},
    {"json", [](const Explanation& ex) { return to_json_string(ex, -1).size(); }},
    {"html", [](const Explanation& ex) { return to_html(ex).size(); }},
    {"dot", [](const Explanation& ex) { return to_dot(ex).size(); }},
};

// Doubling the nodes may at most about double the work; quadratic work quadruples it.
constexpr double max_ratio = 2.5;
constexpr int nodes = 1500;

}  // namespace

BOOST_AUTO_TEST_SUITE(explain_linear)

BOOST_AUTO_TEST_CASE(every_format_does_work_linear_in_the_nodes) {
  for (const auto& [graph_name, graph] : graphs) {
    for (const auto& [format, render] : renderers) {
      BOOST_TEST_CONTEXT(format << " of " << graph_name) {
        const Work once = work(graph, nodes, render);
        const Work twice = work(graph, 2 * nodes, render);
        BOOST_TEST(twice.allocations < max_ratio * once.allocations,
                   twice.allocations << " allocations at " << 2 * nodes << " nodes, " << once.allocations
                                     << " at " << nodes);
        BOOST_TEST(twice.bytes < max_ratio * once.bytes,
                   twice.bytes << " bytes allocated at " << 2 * nodes << " nodes, " << once.bytes << " at "
                               << nodes);
      }
    }
  }
}

// The chain of inputs writes out paths until max_path_factors is spent, then only counts them.
BOOST_AUTO_TEST_CASE(paths_beyond_max_path_factors_are_only_counted) {
  Tape tape({.trace = true});
  auto scope = tape.activate();
  const Var loss = chain_of_inputs(tape, 10);  // x1's path has 9 factors, x2's 9, x3's 8, ...
  const Explanation all = explain(tape, loss);
  BOOST_TEST(all.gradient_of("x1").paths.size() == 1u);
  BOOST_TEST(all.gradient_of("x1").path_factors == 9.0);
  BOOST_TEST(all.gradient_of("x10").paths.size() == 1u);
  const Explanation some = explain(tape, loss, {.max_path_factors = 20});
  BOOST_TEST(some.gradient_of("x1").paths.size() == 1u);  // 9 of 20
  BOOST_TEST(some.gradient_of("x2").paths.size() == 1u);  // 18 of 20
  BOOST_TEST(some.gradient_of("x3").paths.empty());       // 8 more would be 26
  BOOST_TEST(some.gradient_of("x3").gradient == 1.0);     // the gradient is all there
  BOOST_TEST(some.gradient_of("x3").path_count == 1.0);
  BOOST_TEST(some.gradient_of("x9").paths.size() == 1u);  // 2 more fit: 20 of 20
  BOOST_TEST(some.gradient_of("x10").paths.empty());
  const std::string text = to_text(some);
  BOOST_TEST(text.find("one path of 8 factors: too long to write out") != std::string::npos, text);
}

BOOST_AUTO_TEST_SUITE_END()
