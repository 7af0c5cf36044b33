// SPDX-License-Identifier: MIT
// Lesson 000's school parabola: f(x) = x² − 4x + 3, f'(x) = 2x − 4. At x = 5, f'(5) = 6, and one
// gradient-descent step with η = 0.1 moves x to 5 − 0.1·6 = 4.4 (then 3.92, 3.536, ... → 2).
// x appears twice, so its adjoint is the sum 10 + (−4) of the two paths.
#include <fmt/format.h>

#include "autodiff/autodiff.hpp"
#include "autodiff/explain/all.hpp"
#include "examples/guarded_main.hpp"

using namespace tapegrad;

static int run() {
  Tape tape({.checked = true, .trace = true});
  auto scope = tape.activate();
  const double x0 = 5.0, eta = 0.1;
  const Var x = tape.input(x0, "x");
  // x² gets its own statement so that it is recorded first, whatever order the compiler
  // evaluates the operands of one expression in.
  const Var x_sq = pow(x, 2);
  const Var loss = x_sq - 4 * x + 3;
  const Explanation ex = explain(tape, loss, {.loss_name = "f"});
  fmt::print("Lesson 000: f(x) = x² − 4x + 3, f'(x) = 2x − 4\n\n{}\n", to_text(ex));
  const double slope = ex.gradient_of("x").gradient;
  fmt::print("By hand: f'(5) = 2·5 − 4 = 6; the tape: {}.\n", format_number(slope));
  fmt::print("One step of gradient descent, η = 0.1: x = 5 − 0.1·{} = {}\n", format_number(slope),
             format_number(x0 - eta * slope));
  return slope == 6.0 ? 0 : 1;
}

int main(int, char** argv) { return tapegrad::examples::guarded_main(argv[0], run); }
