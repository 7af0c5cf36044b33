// SPDX-License-Identifier: MIT
// Test helpers: central finite differences of plain-double functions, with the step that balances
// a central difference's truncation error (O(h²)) against rounding (O(ε/h)): h = cbrt(ε)·max(1, |x|).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace tapegrad::testing {

inline double fd_step(double x) {
  return std::cbrt(std::numeric_limits<double>::epsilon()) * std::max(1.0, std::abs(x));
}

// d/dx f(x) by a central difference, Richardson-extrapolated from steps h and h/2 so that the
// truncation error is O(h⁴): accurate even near a singularity, as the rule table's ranges reach.
template <class F>
double central_difference(F&& f, double x) {
  const double h = fd_step(x);
  const double d1 = (f(x + h) - f(x - h)) / (2.0 * h);
  const double d2 = (f(x + h / 2) - f(x - h / 2)) / h;
  return (4.0 * d2 - d1) / 3.0;
}

// Whether an exact derivative and a finite difference agree to the accuracy a central difference
// has: a relative tolerance on the larger magnitude, with an absolute floor for values near 0.
inline bool close_to_fd(double exact, double fd, double rtol = 1e-6, double atol = 1e-7) {
  return std::abs(exact - fd) <= atol + rtol * std::max(std::abs(exact), std::abs(fd));
}

}  // namespace tapegrad::testing
