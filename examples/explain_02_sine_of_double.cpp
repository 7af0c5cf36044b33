// SPDX-License-Identifier: MIT
// Lesson 000, "the life hack": d/dx sin(2x) = cos(2x)·2 — write the outer derivative with the
// inside left as it is, then multiply by the inside's derivative. At x = 0: 2·cos(0) = 2.
#include <fmt/format.h>

#include <cmath>

#include "autodiff/autodiff.hpp"
#include "autodiff/explain/all.hpp"
#include "examples/guarded_main.hpp"

using namespace tapegrad;

static int run() {
  Tape tape({.checked = true, .trace = true});
  auto scope = tape.activate();
  const double x0 = 0.0;
  const Var x = tape.input(x0, "x");
  const Var loss = sin(2 * x);
  const Explanation ex = explain(tape, loss, {.loss_name = "f"});
  fmt::print("Lesson 000: f(x) = sin(2x), so f'(x) = cos(2x)·2\n\n{}\n", to_text(ex));
  const double by_hand = std::cos(2 * x0) * 2;
  fmt::print("By hand: cos(2·0)·2 = {}; the tape: {}.\n", format_number(by_hand),
             format_number(ex.gradient_of("x").gradient));
  return ex.gradient_of("x").gradient == by_hand ? 0 : 1;
}

int main(int, char** argv) { return tapegrad::examples::guarded_main(argv[0], run); }
