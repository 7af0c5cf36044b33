// SPDX-License-Identifier: MIT
// Lesson 000's nesting doll with three layers: f(x) = ln(sin((x² + 1)³)). Open it from the outside:
// f'(x) = 1/sin((x² + 1)³) · cos((x² + 1)³) · 3(x² + 1)² · 2x. At x = 1 that is
// cos(8)/sin(8) · 12 · 2 = 24·cot(8) ≈ −3.5294.
#include <fmt/format.h>

#include <cmath>

#include "autodiff/autodiff.hpp"
#include "autodiff/explain/all.hpp"
#include "examples/guarded_main.hpp"

using namespace tapegrad;

static int run() {
  Tape tape({.checked = true, .trace = true});
  auto scope = tape.activate();
  const double x0 = 1.0;
  const Var x = tape.input(x0, "x");
  const Var loss = log(sin(pow(pow(x, 2) + 1, 3)));
  const Explanation ex = explain(tape, loss, {.loss_name = "f"});
  fmt::print("Lesson 000: f(x) = ln(sin((x² + 1)³)), three layers of the chain rule\n\n{}\n", to_text(ex));
  const double u = x0 * x0 + 1;
  const double by_hand = 1 / std::sin(u * u * u) * std::cos(u * u * u) * 3 * u * u * 2 * x0;
  const double tape_value = ex.gradient_of("x").gradient;
  fmt::print("By hand: cos(8)/sin(8) · 3·2² · 2·1 = {}; the tape: {}.\n", format_number(by_hand),
             format_number(tape_value));
  return std::abs(tape_value - by_hand) <= 1e-12 * std::abs(by_hand) ? 0 : 1;
}

int main(int, char** argv) { return tapegrad::examples::guarded_main(argv[0], run); }
