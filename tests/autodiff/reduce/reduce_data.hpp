// SPDX-License-Identifier: MIT
// Test helpers for reductions over data: deterministic data sets, the same loss recorded one row
// at a time on a plain tape (the reference), and central finite differences of a double loss.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

#include "../finite_difference_check.hpp"
#include "autodiff/autodiff.hpp"
#include "autodiff/reduce.hpp"

namespace tapegrad::testing {

inline std::vector<double> uniform_data(std::size_t n, double lo, double hi, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> d(lo, hi);
  std::vector<double> v(n);
  for (double& x : v) x = d(rng);
  return v;
}

// The reference: Σ_i loss(row_i) with one recorded Var per row, on the active tape.
template <class F, class... Col>
Var record_per_row(const F& loss, const Col&... col) {
  Var total(0.0);
  const std::size_t n = std::size(std::get<0>(std::tie(col...)));
  for (std::size_t i = 0; i < n; ++i) total = total + Var(loss(col[i]...));
  return total;
}

// Relative agreement, for sums taken in a different order.
inline bool close(double a, double b, double rtol = 1e-12) {
  return std::abs(a - b) <= rtol * std::max({1.0, std::abs(a), std::abs(b)});
}

// ∂f/∂p_k at p by central differences, f a function of a parameter vector on doubles.
template <class F>
double fd_partial(const F& f, std::vector<double> p, std::size_t k) {
  return central_difference(
      [&](double t) {
        std::vector<double> q = p;
        q[k] = t;
        return f(q);
      },
      p[k]);
}

}  // namespace tapegrad::testing
