// SPDX-License-Identifier: MIT
// Lesson 000, first chain-rule example: d/dx (3x + 5)² = 2(3x + 5)·3 — the outer derivative keeps
// the inner expression inside it. At x = 0: 2·5·3 = 30; at x = 10: 2·35·3 = 210.
#include <fmt/format.h>

#include "autodiff/autodiff.hpp"
#include "autodiff/explain/all.hpp"
#include "examples/guarded_main.hpp"

using namespace tapegrad;

namespace {
// Records (3x + 5)² at `x0` and prints how its derivative comes about; returns dL/dx.
double explain_at(double x0) {
  Tape tape({.checked = true, .trace = true});
  auto scope = tape.activate();
  const Var x = tape.input(x0, "x");
  const Var loss = pow(3 * x + 5, 2);
  const Explanation ex = explain(tape, loss);
  fmt::print("{}\n", to_text(ex));
  return ex.gradient_of("x").gradient;
}
}  // namespace

static int run() {
  fmt::print("Lesson 000: L = (3x + 5)², so dL/dx = 2(3x + 5)·3 (outer derivative × inner derivative)\n\n");
  const double at0 = explain_at(0.0);
  const double at10 = explain_at(10.0);
  fmt::print("By hand: at x = 0, 2·(3·0 + 5)·3 = 30; at x = 10, 2·(3·10 + 5)·3 = 210.\n");
  fmt::print("The tape: {} and {}.\n", format_number(at0), format_number(at10));
  return at0 == 30.0 && at10 == 210.0 ? 0 : 1;
}

int main(int, char** argv) { return tapegrad::examples::guarded_main(argv[0], run); }
