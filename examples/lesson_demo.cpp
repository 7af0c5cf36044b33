// SPDX-License-Identifier: MIT
// The flagship demo: lesson 000's two worked examples, differentiated by the tape.
// 1. f(x) = x² − 4x + 3 at x = 5: the lesson computes f'(5) = 2·5 − 4 = 6 by hand.
// 2. One sample of linear regression, L = (y − (w1·x + w0))² at x = 1, y = 2, w0 = w1 = 0:
//    ∂L/∂w1 = −4 and ∂L/∂w0 = −4 (the lesson wrote +4 for w0: the inner derivative is −1, not +1).
#include <fmt/format.h>

#include "autodiff/autodiff.hpp"
#include "examples/guarded_main.hpp"

using tapegrad::Tape;
using tapegrad::Var;

static int run() {
  Tape tape;
  auto scope = tape.activate();

  fmt::print("Lesson 000, the school parabola: f(x) = x² − 4x + 3 at x = 5\n");
  const Var x = tape.input(5.0, "x");
  const Var f = x * x - 4 * x + 3;
  const auto df = tape.backward(f);
  fmt::print("  f(5)  = {}\n  f'(5) = {}    (by hand: 2·5 − 4 = 6)\n", f.value(), df[x]);
  fmt::print("  one step of gradient descent with η = 0.1: x = 5 − 0.1·6 = {}\n\n",
             x.value() - 0.1 * df[x]);

  fmt::print("Lesson 000, one sample of linear regression: L = (y − (w1·x + w0))²\n");
  fmt::print("  at x = 1, y = 2, w0 = 0, w1 = 0\n");
  const Var w0 = tape.input(0.0, "w0");
  const Var w1 = tape.input(0.0, "w1");
  const double xs = 1.0, ys = 2.0;
  const Var y_hat = w1 * xs + w0;
  const Var loss = (ys - y_hat) * (ys - y_hat);
  const auto g = tape.backward(loss);
  fmt::print("  ŷ = {}, L = {}\n", y_hat.value(), loss.value());
  fmt::print("  ∂L/∂w1 = {}    (outer 2(y − ŷ) = 4, inner −x = −1)\n", g[w1]);
  fmt::print("  ∂L/∂w0 = {}    (outer 4, inner −1: the lesson's +4 has the wrong sign)\n", g[w0]);
  fmt::print("  gradient step with η = 0.01: w0 = {}, w1 = {}\n", w0.value() - 0.01 * g[w0],
             w1.value() - 0.01 * g[w1]);
  return 0;
}

int main(int, char** argv) { return tapegrad::examples::guarded_main(argv[0], run); }
