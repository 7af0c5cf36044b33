// SPDX-License-Identifier: MIT
// Uses the installed headers and library: d/dx (x² − 4x + 3) at x = 5 must be 6.
#include <autodiff/autodiff.hpp>

#include <cstdio>

int main() {
  tapegrad::Tape tape;
  auto scope = tape.activate();
  const tapegrad::Var x = tape.input(5.0, "x");
  const tapegrad::Var f = x * x - 4 * x + 3;
  const double slope = tape.backward(f)[x];
  std::printf("installed tapegrad: f(5) = %g, f'(5) = %g\n", f.value(), slope);
  return f.value() == 8.0 && slope == 6.0 ? 0 : 1;
}
