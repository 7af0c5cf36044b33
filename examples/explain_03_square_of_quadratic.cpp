// SPDX-License-Identifier: MIT
// Lesson 000: d/dx (2x² + 4x + 8)² = 2(2x² + 4x + 8)·(4x + 4) — the outer derivative drags the
// inner expression along. At x = 1: 2·14·8 = 224. x is used twice (in 2x² and in 4x), so its
// adjoint is a sum: the explanation writes out where the two paths meet.
#include <fmt/format.h>

#include "autodiff/autodiff.hpp"
#include "autodiff/explain/all.hpp"
#include "examples/guarded_main.hpp"

using namespace tapegrad;

static int run() {
  Tape tape({.checked = true, .trace = true});
  auto scope = tape.activate();
  const double x0 = 1.0;
  const Var x = tape.input(x0, "x");
  // 2x² gets its own statement: C++ leaves the order of `2 * pow(x, 2)` and `4 * x` within one
  // expression open, and the tape (so the forward table) follows whichever the compiler picks.
  const Var two_x_sq = 2 * pow(x, 2);
  const Var inner = label(two_x_sq + 4 * x + 8, "u");
  const Var loss = pow(inner, 2);
  const Explanation ex = explain(tape, loss, {.loss_name = "f"});
  fmt::print("Lesson 000: f(x) = (2x² + 4x + 8)², with u = 2x² + 4x + 8: f'(x) = 2u·(4x + 4)\n\n{}\n",
             to_text(ex));
  const double by_hand = 2 * (2 * x0 * x0 + 4 * x0 + 8) * (4 * x0 + 4);
  fmt::print("By hand: 2·(2 + 4 + 8)·(4 + 4) = 2·14·8 = {}; the tape: {}.\n", format_number(by_hand),
             format_number(ex.gradient_of("x").gradient));
  return ex.gradient_of("x").gradient == by_hand ? 0 : 1;
}

int main(int, char** argv) { return tapegrad::examples::guarded_main(argv[0], run); }
