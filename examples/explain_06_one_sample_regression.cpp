// SPDX-License-Identifier: MIT
// Lesson 000's one-sample linear regression: L = (y − ŷ)², ŷ = w1·x + w0, at x = 1, y = 2,
// w0 = w1 = 0. Outer derivative 2(y − ŷ) = 4; inner derivatives −x = −1 (w1) and −1 (w0), so
// ∂L/∂w1 = ∂L/∂w0 = −4. The lesson wrote +4 for w0: the minus sign comes from the subtraction
// y − ŷ, whose partial with respect to ŷ is −1 — the explanation shows it on the path to w0.
// `explain_06_one_sample_regression graph.png` (or .svg, or .dot) also draws the graph.
#include <fmt/format.h>

#include <fstream>
#include <string>

#include "autodiff/autodiff.hpp"
#include "autodiff/explain/all.hpp"
#include "examples/guarded_main.hpp"

using namespace tapegrad;

static int run(int argc, char** argv) {
  Tape tape({.checked = true, .trace = true});
  auto scope = tape.activate();
  const double x = 1.0, y = 2.0, eta = 0.01;
  const Var w0 = tape.input(0.0, "w0");
  const Var w1 = tape.input(0.0, "w1");
  const Var y_hat = label(w1 * x + w0, "ŷ");
  const Var r = label(y - y_hat, "r");
  const Var loss = pow(r, 2);
  const Explanation ex = explain(tape, loss);
  fmt::print("Lesson 000: one sample (x, y) = (1, 2), L = (y − ŷ)² with ŷ = w1·x + w0, r = y − ŷ\n\n{}\n",
             to_text(ex));

  const auto& g0 = ex.gradient_of("w0");
  const auto& g1 = ex.gradient_of("w1");
  // The outer derivative is the first factor of each path; the inner one is the rest of it.
  const double outer = g0.paths.at(0).factors.at(0).partial;
  double inner_w0 = 1, inner_w1 = 1;
  for (std::size_t k = 1; k < g0.paths[0].factors.size(); ++k) inner_w0 *= g0.paths[0].factors[k].partial;
  for (std::size_t k = 1; k < g1.paths.at(0).factors.size(); ++k) inner_w1 *= g1.paths[0].factors[k].partial;
  fmt::print("Outer derivative ∂L/∂r = 2(y − ŷ) = 2·(2 − 0) = {}\n", format_number(outer));
  fmt::print("Inner derivative ∂r/∂w1 = −x = {}   → ∂L/∂w1 = {}·({}) = {}\n", format_number(inner_w1),
             format_number(outer), format_number(inner_w1), format_number(g1.gradient));
  fmt::print("Inner derivative ∂r/∂w0 = −1 = {}   → ∂L/∂w0 = {}·({}) = {}\n", format_number(inner_w0),
             format_number(outer), format_number(inner_w0), format_number(g0.gradient));
  fmt::print("The minus sign: r = y − ŷ, and the rule for a − b gives ∂r/∂ŷ = −1 (the lesson's +4 for "
             "w0 dropped it).\n");
  fmt::print("Gradient step with η = 0.01: w0 = 0 − 0.01·({}) = {}, w1 = {}\n", format_number(g0.gradient),
             format_number(0 - eta * g0.gradient), format_number(0 - eta * g1.gradient));
  if (argc > 1) {
    const std::string path = argv[1];
    const std::string dot = to_dot(ex);
    if (path.ends_with(".dot"))
      std::ofstream(path) << dot;
    else
      save_graph(dot, path.ends_with(".svg") ? GraphFormat::svg : GraphFormat::png, path);
    fmt::print("The graph is in {}\n", path);
  }
  return outer == 4.0 && inner_w0 == -1.0 && inner_w1 == -1.0 && g0.gradient == -4.0 &&
                 g1.gradient == -4.0
             ? 0
             : 1;
}

int main(int argc, char** argv) {
  return tapegrad::examples::guarded_main(argv[0], [&] { return run(argc, argv); });
}
