// SPDX-License-Identifier: MIT
// The benchmark workloads: for each, the data, the point the gradient is taken at, the function
// written once as a template over the scalar type (double, tapegrad's Var, ADOL-C's adouble,
// Sacado's ADvar all run the same code), and the hand-coded analytic gradient that every variant
// is checked against and timed against (a scalar loop, and an Eigen version where that is faster).
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace bench {

// Deterministic data, so that every variant and every run sees the same numbers.
inline std::vector<double> uniform(std::size_t n, double lo, double hi, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  std::vector<double> v(n);
  for (double& x : v) x = dist(rng);
  return v;
}

// ---- mean-squared-error linear regression: L(w0, w1) = 1/n Σ (y_i − (w1·x_i + w0))² ----
struct Mse {
  static constexpr const char* name = "mse";
  std::vector<double> x, y;
  std::vector<double> point{0.3, -0.2};  // (w0, w1)

  explicit Mse(std::size_t n) : x(uniform(n, -1, 1, 1)), y(n) {
    const auto noise = uniform(n, -0.1, 0.1, 2);
    for (std::size_t i = 0; i < n; ++i) y[i] = 2.0 * x[i] + 1.0 + noise[i];
  }
  std::size_t params() const { return 2; }

  template <class T>
  T f(std::span<const T> p) const {
    const T& w0 = p[0];
    const T& w1 = p[1];
    T sum = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const T r = y[i] - (w1 * x[i] + w0);
      sum += r * r;
    }
    return sum / double(x.size());
  }

  // ∂L/∂w0 = −2/n Σ r_i, ∂L/∂w1 = −2/n Σ r_i·x_i with r_i = y_i − (w1·x_i + w0).
  double grad_loop(std::span<const double> p, std::span<double> g) const {
    double s = 0, sr = 0, srx = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double r = y[i] - (p[1] * x[i] + p[0]);
      s += r * r;
      sr += r;
      srx += r * x[i];
    }
    const double n = double(x.size());
    g[0] = -2.0 * sr / n;
    g[1] = -2.0 * srx / n;
    return s / n;
  }
  double grad_eigen(std::span<const double> p, std::span<double> g) const {
    const auto n = Eigen::Index(x.size());
    const Eigen::Map<const Eigen::ArrayXd> X(x.data(), n), Y(y.data(), n);
    const auto r = Y - (p[1] * X + p[0]);  // an expression: no temporary array
    const double nd = double(n);
    g[0] = -2.0 * r.sum() / nd;
    g[1] = -2.0 * (r * X).sum() / nd;
    return r.square().sum() / nd;
  }
};

// ---- log-sum-exp: L(x) = log Σ exp(x_i), with respect to all n x_i; ∂L/∂x_i = exp(x_i − L) ----
struct LogSumExp {
  static constexpr const char* name = "logsumexp";
  std::vector<double> point;
  double shift;  // max of the point: log Σ exp(x_i − c) + c is exact for any constant c

  explicit LogSumExp(std::size_t n)
      : point(uniform(n, -2, 2, 3)), shift(*std::max_element(point.begin(), point.end())) {}
  std::size_t params() const { return point.size(); }

  template <class T>
  T f(std::span<const T> p) const {
    using std::exp, std::log;
    T sum = 0.0;
    for (const T& xi : p) sum += exp(xi - shift);
    return log(sum) + shift;
  }

  double grad_loop(std::span<const double> p, std::span<double> g) const {
    double sum = 0;
    for (std::size_t i = 0; i < p.size(); ++i) sum += (g[i] = std::exp(p[i] - shift));
    const double inv = 1.0 / sum;
    for (double& gi : g) gi *= inv;
    return std::log(sum) + shift;
  }
  double grad_eigen(std::span<const double> p, std::span<double> g) const {
    const auto n = Eigen::Index(p.size());
    Eigen::Map<Eigen::ArrayXd> G(g.data(), n);
    G = (Eigen::Map<const Eigen::ArrayXd>(p.data(), n) - shift).exp();
    const double sum = G.sum();
    G /= sum;
    return std::log(sum) + shift;
  }
};

// ---- sum of normal log-densities: L(mu, sigma) = Σ log N(x_i | mu, sigma) ----
//   = −n·log(sigma) − n/2·log(2π) − ½ Σ ((x_i − mu)/sigma)²
// ∂L/∂mu = Σ (x_i − mu)/sigma², ∂L/∂sigma = −n/sigma + Σ (x_i − mu)²/sigma³.
struct NormalLogDensity {
  static constexpr const char* name = "normal";
  std::vector<double> x;
  std::vector<double> point{0.2, 1.3};  // (mu, sigma)
  static constexpr double half_log_2pi = 0.91893853320467274178;

  explicit NormalLogDensity(std::size_t n) : x(uniform(n, -2, 3, 4)) {}
  std::size_t params() const { return 2; }

  template <class T>
  T f(std::span<const T> p) const {
    using std::log;
    const T& mu = p[0];
    const T& sigma = p[1];
    T sum = 0.0;
    for (double xi : x) {
      const T z = (xi - mu) / sigma;
      sum += z * z;
    }
    const double n = double(x.size());
    return -0.5 * sum - n * log(sigma) - n * half_log_2pi;
  }

  double grad_loop(std::span<const double> p, std::span<double> g) const {
    const double mu = p[0], sigma = p[1], n = double(x.size());
    double s1 = 0, s2 = 0;
    for (double xi : x) {
      const double d = xi - mu;
      s1 += d;
      s2 += d * d;
    }
    const double inv2 = 1.0 / (sigma * sigma);
    g[0] = s1 * inv2;
    g[1] = -n / sigma + s2 * inv2 / sigma;
    return -0.5 * s2 * inv2 - n * std::log(sigma) - n * half_log_2pi;
  }
  double grad_eigen(std::span<const double> p, std::span<double> g) const {
    const double mu = p[0], sigma = p[1], n = double(x.size());
    const auto d = Eigen::Map<const Eigen::ArrayXd>(x.data(), Eigen::Index(x.size())) - mu;
    const double s1 = d.sum(), s2 = d.square().sum();
    const double inv2 = 1.0 / (sigma * sigma);
    g[0] = s1 * inv2;
    g[1] = -n / sigma + s2 * inv2 / sigma;
    return -0.5 * s2 * inv2 - n * std::log(sigma) - n * half_log_2pi;
  }
};

// ---- a chain of scalar operations: x ← sin(x)·x + exp(−x²), `steps` times, d x_end / d x_0 ----
// The chain settles near its fixed point 1.786, where the step's slope is 0.448; the derivative
// therefore underflows to 0 after about 900 steps. Every variant is also checked on a 40-step
// chain (derivative ≈ 1e-20, far from 0) so that the check means something.
struct Chain {
  static constexpr const char* name = "chain";
  std::size_t steps;
  std::vector<double> point{0.5};

  explicit Chain(std::size_t n) : steps(n) {}
  std::size_t params() const { return 1; }

  template <class T>
  T f(std::span<const T> p) const {
    using std::exp, std::sin;
    T x = p[0];
    for (std::size_t i = 0; i < steps; ++i) x = sin(x) * x + exp(-(x * x));
    return x;
  }

  // d/dx [sin(x)·x + exp(−x²)] = cos(x)·x + sin(x) − 2x·exp(−x²), multiplied along the chain.
  double grad_loop(std::span<const double> p, std::span<double> g) const {
    double x = p[0], d = 1.0;
    for (std::size_t i = 0; i < steps; ++i) {
      const double s = std::sin(x), c = std::cos(x), e = std::exp(-x * x);
      d *= c * x + s - 2.0 * x * e;
      x = s * x + e;
    }
    g[0] = d;
    return x;
  }
};

// The number of scalar operations f performs (what a scalar tape records), for bytes per op.
inline std::size_t scalar_ops(const Mse& w) { return 5 * w.x.size() + 1; }
inline std::size_t scalar_ops(const LogSumExp& w) { return 3 * w.point.size() + 2; }
inline std::size_t scalar_ops(const NormalLogDensity& w) { return 4 * w.x.size() + 5; }
inline std::size_t scalar_ops(const Chain& w) { return 6 * w.steps; }

}  // namespace bench
