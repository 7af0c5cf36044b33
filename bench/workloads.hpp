// SPDX-License-Identifier: MIT
// The benchmark workloads: for each, the data, the point the gradient is taken at, the function
// written once as a template over the scalar type (double, tapegrad's Var, ADOL-C's adouble,
// Sacado's ADvar all run the same code), and the hand-coded analytic gradient that every variant
// is checked against and timed against (a scalar loop, and an Eigen version where that is faster).
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
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
  // One vectorised pass: four rows at a time in SIMD registers, three accumulators (Eigen's
  // r.sum(), (r·X).sum() and r.square().sum() would read the data three times).
  double grad_eigen(std::span<const double> p, std::span<double> g) const {
    return gradient_from_sums(p, eigen_sums(p, 0, x.size()), g);
  }
  // The pass over rows [begin, end): Σ r², Σ r, Σ r·x (split over threads by hand_eigen_2t).
  std::array<double, 3> eigen_sums(std::span<const double> p, std::size_t begin,
                                   std::size_t end) const {
    using A4 = Eigen::Array4d;
    A4 s = A4::Zero(), sr = A4::Zero(), srx = A4::Zero();
    std::size_t i = begin;
    for (; i + 4 <= end; i += 4) {
      const A4 X = Eigen::Map<const A4>(x.data() + i), Y = Eigen::Map<const A4>(y.data() + i);
      const A4 r = Y - (p[1] * X + p[0]);
      s += r * r;
      sr += r;
      srx += r * X;
    }
    std::array<double, 3> sums{s.sum(), sr.sum(), srx.sum()};
    for (; i < end; ++i) {
      const double r = y[i] - (p[1] * x[i] + p[0]);
      sums[0] += r * r;
      sums[1] += r;
      sums[2] += r * x[i];
    }
    return sums;
  }
  double gradient_from_sums(std::span<const double>, const std::array<double, 3>& sums,
                            std::span<double> g) const {
    const double nd = double(x.size());
    g[0] = -2.0 * sums[1] / nd;
    g[1] = -2.0 * sums[2] / nd;
    return sums[0] / nd;
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
  // One vectorised pass, four rows at a time, two accumulators.
  double grad_eigen(std::span<const double> p, std::span<double> g) const {
    return gradient_from_sums(p, eigen_sums(p, 0, x.size()), g);
  }
  // The pass over rows [begin, end): Σ d, Σ d² with d = x − mu (the third sum unused).
  std::array<double, 3> eigen_sums(std::span<const double> p, std::size_t begin,
                                   std::size_t end) const {
    using A4 = Eigen::Array4d;
    const double mu = p[0];
    A4 a1 = A4::Zero(), a2 = A4::Zero();
    std::size_t i = begin;
    for (; i + 4 <= end; i += 4) {
      const A4 d = Eigen::Map<const A4>(x.data() + i) - mu;
      a1 += d;
      a2 += d * d;
    }
    std::array<double, 3> sums{a1.sum(), a2.sum(), 0.0};
    for (; i < end; ++i) {
      const double d = x[i] - mu;
      sums[0] += d;
      sums[1] += d * d;
    }
    return sums;
  }
  double gradient_from_sums(std::span<const double> p, const std::array<double, 3>& sums,
                            std::span<double> g) const {
    const double sigma = p[1], n = double(x.size());
    const double inv2 = 1.0 / (sigma * sigma);
    g[0] = sums[0] * inv2;
    g[1] = -n / sigma + sums[1] * inv2 / sigma;
    return -0.5 * sums[1] * inv2 - n * std::log(sigma) - n * half_log_2pi;
  }
};

// ---- logistic regression on one feature, per sample: L(w0, w1) = 1/n Σ softplus(z_i) − y_i·z_i
// with z_i = w1·x_i + w0 and labels y_i ∈ {0, 1}; ∂L/∂w0 = 1/n Σ (σ(z_i) − y_i), ∂L/∂w1 the same
// weighted by x_i. The hand-coded gradient computes exp once per sample: e = exp(−|z|) gives
// softplus(z) = max(z, 0) + log1p(e) and σ(z) = 1/(1 + e) or e/(1 + e).
struct LogisticLine {
  static constexpr const char* name = "logistic_line";
  std::vector<double> x, y;
  std::vector<double> point{0.2, -0.7};  // (w0, w1)

  explicit LogisticLine(std::size_t n) : x(uniform(n, -3, 3, 8)), y(n) {
    const auto noise = uniform(n, -1, 1, 9);
    for (std::size_t i = 0; i < n; ++i) y[i] = 1.5 * x[i] - 0.5 + noise[i] > 0 ? 1.0 : 0.0;
  }
  std::size_t params() const { return 2; }

  template <class T>
  T f(std::span<const T> p) const {
    using std::exp, std::log1p, std::abs;
    T sum = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const T z = p[1] * x[i] + p[0];
      sum += (z > 0.0 ? z : T(0.0)) + log1p(exp(-abs(z))) - y[i] * z;
    }
    return sum / double(x.size());
  }

  double grad_loop(std::span<const double> p, std::span<double> g) const {
    double s = 0, g0 = 0, g1 = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double z = p[1] * x[i] + p[0];
      const double e = std::exp(-std::abs(z));
      s += (z > 0 ? z : 0.0) + std::log1p(e) - y[i] * z;
      const double r = (z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e)) - y[i];
      g0 += r;
      g1 += r * x[i];
    }
    const double n = double(x.size());
    g[0] = g0 / n;
    g[1] = g1 / n;
    return s / n;
  }
  // The same in one vectorised pass, four rows at a time (Eigen's vectorised exp and log1p).
  double grad_eigen(std::span<const double> p, std::span<double> g) const {
    using A4 = Eigen::Array4d;
    const std::size_t n4 = x.size() - x.size() % 4;
    A4 s = A4::Zero(), a0 = A4::Zero(), a1 = A4::Zero();
    for (std::size_t i = 0; i < n4; i += 4) {
      const A4 X = Eigen::Map<const A4>(x.data() + i), Y = Eigen::Map<const A4>(y.data() + i);
      const A4 z = p[1] * X + p[0];
      const A4 e = (-z.abs()).exp();
      s += z.max(0.0) + e.log1p() - Y * z;
      const A4 r = (z >= 0.0).select(1.0 / (1.0 + e), e / (1.0 + e)) - Y;
      a0 += r;
      a1 += r * X;
    }
    double s1 = s.sum(), g0 = a0.sum(), g1 = a1.sum();
    for (std::size_t i = n4; i < x.size(); ++i) {
      const double z = p[1] * x[i] + p[0];
      const double e = std::exp(-std::abs(z));
      s1 += (z > 0 ? z : 0.0) + std::log1p(e) - y[i] * z;
      const double r = (z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e)) - y[i];
      g0 += r;
      g1 += r * x[i];
    }
    const double n = double(x.size());
    g[0] = g0 / n;
    g[1] = g1 / n;
    return s1 / n;
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

// ---- logistic regression: L(w) = 1/n Σ log(1 + exp(x_i·w)) − y_i·(x_i·w), labels y_i ∈ {0, 1} ----
// ∂L/∂w = Xᵀ(σ(Xw) − y)/n. `n` samples of d = 100 features.
struct Logistic {
  static constexpr const char* name = "logistic";
  static constexpr Eigen::Index d = 100;
  Eigen::MatrixXd X;  // n × d, column-major (Eigen, matrix level)
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> Xr;  // rows, for loops
  Eigen::VectorXd y;
  std::vector<double> point;

  explicit Logistic(std::size_t n)
      : X(Eigen::Index(n), d), y(Eigen::Index(n)), point(uniform(d, -0.1, 0.1, 5)) {
    const auto xs = uniform(n * d, -1, 1, 6), truth = uniform(d, -1, 1, 7);
    std::copy(xs.begin(), xs.end(), X.data());
    Xr = X;
    const Eigen::VectorXd z = X * Eigen::Map<const Eigen::VectorXd>(truth.data(), d);
    for (Eigen::Index i = 0; i < y.size(); ++i) y[i] = z[i] > 0 ? 1.0 : 0.0;
  }
  std::size_t params() const { return std::size_t(d); }

  template <class T>
  T f(std::span<const T> w) const {
    using std::exp, std::log;
    T loss = 0.0;
    for (Eigen::Index i = 0; i < Xr.rows(); ++i) {
      T z = 0.0;
      for (Eigen::Index j = 0; j < d; ++j) z += Xr(i, j) * w[std::size_t(j)];
      loss += log(1.0 + exp(z)) - y[i] * z;
    }
    return loss / double(Xr.rows());
  }

  double grad_loop(std::span<const double> w, std::span<double> g) const {
    std::fill(g.begin(), g.end(), 0.0);
    const double n = double(Xr.rows());
    double loss = 0;
    for (Eigen::Index i = 0; i < Xr.rows(); ++i) {
      const double* x = Xr.row(i).data();
      double z = 0;
      for (Eigen::Index j = 0; j < d; ++j) z += x[j] * w[std::size_t(j)];
      loss += std::log1p(std::exp(z)) - y[i] * z;
      const double r = (1.0 / (1.0 + std::exp(-z)) - y[i]) / n;
      for (Eigen::Index j = 0; j < d; ++j) g[std::size_t(j)] += r * x[j];
    }
    return loss / n;
  }
  double grad_eigen(std::span<const double> w, std::span<double> g) const {
    const double n = double(X.rows());
    const Eigen::ArrayXd z = X * Eigen::Map<const Eigen::VectorXd>(w.data(), d);
    const Eigen::ArrayXd p = 1.0 / (1.0 + (-z).exp());
    Eigen::Map<Eigen::VectorXd>(g.data(), d).noalias() = X.transpose() * ((p - y.array()) / n).matrix();
    return ((z.exp().log1p() - y.array() * z).sum()) / n;
  }
};

// ---- sum of a matrix product: L(A, B) = Σ_ij (A·B)_ij for n × n matrices A, B ----
// ∂L/∂A_ik = Σ_j B_kj (the row sums of B), ∂L/∂B_kj = Σ_i A_ik (the column sums of A); the value
// is (1ᵀA)(B1). The closed form costs O(n²): it is the physical limit, and what the reference
// variants compute. `hand_chain_rule` is the textbook reverse pass, C = A·B and dA = dC·Bᵀ,
// dB = Aᵀ·dC with dC = 1 (three products), which is what any AD tool must do.
// Parameters: A then B, each column-major.
struct SumMatmul {
  static constexpr const char* name = "sum_matmul";
  Eigen::Index n;
  std::vector<double> point;

  explicit SumMatmul(std::size_t size)
      : n(Eigen::Index(size)), point(uniform(2 * size * size, -1, 1, 8)) {}
  std::size_t params() const { return std::size_t(2 * n * n); }

  template <class T>
  T f(std::span<const T> p) const {
    const T* a = p.data();
    const T* b = p.data() + n * n;
    T sum = 0.0;
    for (Eigen::Index j = 0; j < n; ++j)
      for (Eigen::Index i = 0; i < n; ++i) {
        T c = 0.0;
        for (Eigen::Index k = 0; k < n; ++k) c += a[i + k * n] * b[k + j * n];
        sum += c;
      }
    return sum;
  }

  double grad_loop(std::span<const double> p, std::span<double> g) const {
    const double* a = p.data();
    const double* b = p.data() + n * n;
    double* ga = g.data();
    double* gb = g.data() + n * n;
    double value = 0;
    for (Eigen::Index k = 0; k < n; ++k) {
      double row_b = 0, col_a = 0;  // Σ_j B_kj and Σ_i A_ik
      for (Eigen::Index j = 0; j < n; ++j) row_b += b[k + j * n];
      for (Eigen::Index i = 0; i < n; ++i) col_a += a[i + k * n];
      for (Eigen::Index i = 0; i < n; ++i) ga[i + k * n] = row_b;
      for (Eigen::Index j = 0; j < n; ++j) gb[k + j * n] = col_a;
      value += col_a * row_b;
    }
    return value;
  }
  double grad_eigen(std::span<const double> p, std::span<double> g) const {
    const Eigen::Map<const Eigen::MatrixXd> A(p.data(), n, n), B(p.data() + n * n, n, n);
    const Eigen::VectorXd row_b = B.rowwise().sum();
    const Eigen::RowVectorXd col_a = A.colwise().sum();
    // dA(i, k) = row_b(k): every row of dA is row_bᵀ; dB(k, j) = col_a(k): every column is col_aᵀ.
    Eigen::Map<Eigen::MatrixXd>(g.data(), n, n).rowwise() = row_b.transpose();
    Eigen::Map<Eigen::MatrixXd>(g.data() + n * n, n, n).colwise() = col_a.transpose();
    return col_a * row_b;
  }
  // The chain rule by hand: what a reverse pass that does not know dC = 1 computes.
  double grad_chain_rule(std::span<const double> p, std::span<double> g) const {
    const Eigen::Map<const Eigen::MatrixXd> A(p.data(), n, n), B(p.data() + n * n, n, n);
    const Eigen::MatrixXd C = A * B;
    const Eigen::MatrixXd dC = Eigen::MatrixXd::Ones(n, n);
    Eigen::Map<Eigen::MatrixXd>(g.data(), n, n).noalias() = dC * B.transpose();
    Eigen::Map<Eigen::MatrixXd>(g.data() + n * n, n, n).noalias() = A.transpose() * dC;
    return C.sum();
  }
};

// ---- one MLP training step's gradient: 10 inputs → 32 tanh units → 1 output, mean squared error
// over a batch of n samples. Parameters: W1 (32×10, column-major), b1 (32), W2 (1×32), b2 (1).
struct Mlp {
  static constexpr const char* name = "mlp";
  static constexpr Eigen::Index in = 10, hidden = 32;
  Eigen::MatrixXd X;  // n × in
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> Xr;
  Eigen::VectorXd y;
  std::vector<double> point;

  explicit Mlp(std::size_t n)
      : X(Eigen::Index(n), in), y(Eigen::Index(n)),
        point(uniform(std::size_t(hidden * in + hidden + hidden + 1), -0.5, 0.5, 9)) {
    const auto xs = uniform(n * in, -1, 1, 10);
    std::copy(xs.begin(), xs.end(), X.data());
    Xr = X;
    for (Eigen::Index i = 0; i < y.size(); ++i) y[i] = std::sin(3.0 * X(i, 0)) + 0.5 * X(i, 1);
  }
  std::size_t params() const { return point.size(); }
  // Offsets of the parameter blocks in the flat parameter vector.
  static constexpr Eigen::Index w1 = 0, b1 = hidden * in, w2 = b1 + hidden, b2 = w2 + hidden;

  template <class T>
  T f(std::span<const T> p) const {
    using std::tanh;
    T loss = 0.0;
    for (Eigen::Index i = 0; i < Xr.rows(); ++i) {
      T out = p[b2];
      for (Eigen::Index h = 0; h < hidden; ++h) {
        T a = p[std::size_t(b1 + h)];
        for (Eigen::Index j = 0; j < in; ++j) a += p[std::size_t(w1 + h + j * hidden)] * Xr(i, j);
        out += p[std::size_t(w2 + h)] * tanh(a);
      }
      const T r = out - y[i];
      loss += r * r;
    }
    return loss / double(Xr.rows());
  }

  double grad_loop(std::span<const double> p, std::span<double> g) const {
    std::fill(g.begin(), g.end(), 0.0);
    const double n = double(Xr.rows());
    double loss = 0, t[hidden];
    for (Eigen::Index i = 0; i < Xr.rows(); ++i) {
      double out = p[b2];
      for (Eigen::Index h = 0; h < hidden; ++h) {
        double a = p[std::size_t(b1 + h)];
        for (Eigen::Index j = 0; j < in; ++j) a += p[std::size_t(w1 + h + j * hidden)] * Xr(i, j);
        t[h] = std::tanh(a);
        out += p[std::size_t(w2 + h)] * t[h];
      }
      const double r = out - y[i];
      loss += r * r;
      const double dout = 2.0 * r / n;
      g[b2] += dout;
      for (Eigen::Index h = 0; h < hidden; ++h) {
        g[std::size_t(w2 + h)] += dout * t[h];
        const double da = dout * p[std::size_t(w2 + h)] * (1.0 - t[h] * t[h]);
        g[std::size_t(b1 + h)] += da;
        for (Eigen::Index j = 0; j < in; ++j) g[std::size_t(w1 + h + j * hidden)] += da * Xr(i, j);
      }
    }
    return loss / n;
  }
  double grad_eigen(std::span<const double> p, std::span<double> g) const {
    const double n = double(X.rows());
    const Eigen::Map<const Eigen::MatrixXd> W1(p.data() + w1, hidden, in);
    const Eigen::Map<const Eigen::VectorXd> B1(p.data() + b1, hidden);
    const Eigen::Map<const Eigen::RowVectorXd> W2(p.data() + w2, hidden);
    const Eigen::MatrixXd T = ((W1 * X.transpose()).colwise() + B1).array().tanh();  // hidden × n
    const Eigen::RowVectorXd r = (W2 * T).array() + p[b2] - y.transpose().array();
    const Eigen::RowVectorXd dout = 2.0 / n * r;
    const Eigen::MatrixXd dA = (W2.transpose() * dout).array() * (1.0 - T.array().square());
    Eigen::Map<Eigen::MatrixXd>(g.data() + w1, hidden, in).noalias() = dA * X;
    Eigen::Map<Eigen::VectorXd>(g.data() + b1, hidden) = dA.rowwise().sum();
    Eigen::Map<Eigen::RowVectorXd>(g.data() + w2, hidden).noalias() = dout * T.transpose();
    g[b2] = dout.sum();
    return r.squaredNorm() / n;
  }
};

// The number of scalar operations f performs (what a scalar tape records), for bytes per op.
inline std::size_t scalar_ops(const Mse& w) { return 5 * w.x.size() + 1; }
inline std::size_t scalar_ops(const LogSumExp& w) { return 3 * w.point.size() + 2; }
inline std::size_t scalar_ops(const NormalLogDensity& w) { return 4 * w.x.size() + 5; }
inline std::size_t scalar_ops(const Chain& w) { return 6 * w.steps; }
inline std::size_t scalar_ops(const Logistic& w) { return std::size_t(w.Xr.rows() * (2 * w.d + 6) + 1); }
inline std::size_t scalar_ops(const SumMatmul& w) {
  return std::size_t(w.n * w.n * (2 * w.n + 1));
}
inline std::size_t scalar_ops(const Mlp& w) {
  return std::size_t(w.Xr.rows() * (w.hidden * (2 * w.in + 3) + 3) + 1);
}

}  // namespace bench
