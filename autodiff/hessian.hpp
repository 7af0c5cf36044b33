// SPDX-License-Identifier: MIT
// Second derivatives by forward-over-reverse: f is recorded on a BasicTape<Dual> with inputs
// x_i + v_i·ε, and one reverse sweep gives ∇f(x) in the adjoints' values and H(x)·v in their
// tangents. Offers hessian_vector_product(f, x, v), hessian(f, x) (n such sweeps) and
// classify_stationary_point(f, x), the second-derivative test from H's eigenvalues.
// f is written once as a generic lambda over the vector of Vars:
//   auto f = [](const auto& x) { return x[0] * x[0] - 4.0 * x[0] + 3.0; };
#pragma once

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <limits>
#include <ostream>
#include <string_view>
#include <utility>

#include "autodiff/dual.hpp"
#include "autodiff/eigen_support.hpp"
#include "autodiff/errors.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var_ops.hpp"

namespace tapegrad {

using DualVar = BasicVar<Dual>;
using DualTape = BasicTape<Dual>;

namespace detail {
// Records f at x + v·ε on `tape` (rewound first) and sweeps once: ∇f in the values, H·v in the
// tangents. Returns f(x).
template <class F>
double gradient_and_hvp(F& f, const Eigen::VectorXd& x, const Eigen::VectorXd& v,
                        Eigen::VectorXd& grad, Eigen::VectorXd& hv, DualTape& tape) {
  if (x.size() != v.size())
    throw ShapeError("hessian_vector_product", {x.size(), 1}, {v.size(), 1},
                     "the direction v needs as many entries as the point x");
  tape.rewind();
  auto scope = tape.activate();
  VectorXv<Dual> xv(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) xv[i] = tape.input(Dual(x[i], v[i]));
  const DualVar y = f(std::as_const(xv));
  grad = Eigen::VectorXd::Zero(x.size());
  hv = Eigen::VectorXd::Zero(x.size());
  if (!y.is_recorded()) return y.value().v;
  const Adjoints<Dual> adjoints = tape.backward(y);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    grad[i] = adjoints[xv[i]].v;
    hv[i] = adjoints[xv[i]].d;
  }
  return y.value().v;
}
}  // namespace detail

// H(x)·v for f: VectorX<DualVar> → DualVar, in one forward and one reverse pass.
template <class F>
Eigen::VectorXd hessian_vector_product(F&& f, const Eigen::VectorXd& x, const Eigen::VectorXd& v) {
  DualTape tape;
  Eigen::VectorXd grad, hv;
  detail::gradient_and_hvp(f, x, v, grad, hv, tape);
  return hv;
}

// f(x), ∇f(x) and the Hessian H(x), from n Hessian-vector products with the unit vectors (one
// tape, rewound between them). H is symmetrised, (H + Hᵀ)/2, which removes rounding asymmetry.
struct HessianResult {
  double value = 0.0;
  Eigen::VectorXd gradient;
  Eigen::MatrixXd hessian;
};
template <class F>
HessianResult value_gradient_hessian(F&& f, const Eigen::VectorXd& x) {
  const Eigen::Index n = x.size();
  HessianResult r;
  r.gradient = Eigen::VectorXd::Zero(n);
  r.hessian = Eigen::MatrixXd::Zero(n, n);
  DualTape tape;
  Eigen::VectorXd grad, hv;
  if (n == 0) {
    r.value = detail::gradient_and_hvp(f, x, x, grad, hv, tape);
    return r;
  }
  for (Eigen::Index j = 0; j < n; ++j) {
    r.value = detail::gradient_and_hvp(f, x, Eigen::VectorXd::Unit(n, j), grad, hv, tape);
    r.hessian.col(j) = hv;
  }
  r.gradient = grad;
  r.hessian = (0.5 * (r.hessian + r.hessian.transpose())).eval();
  return r;
}
template <class F>
Eigen::MatrixXd hessian(F&& f, const Eigen::VectorXd& x) {
  return value_gradient_hessian(std::forward<F>(f), x).hessian;
}

// ---- the second-derivative test ----
enum class StationaryPoint { minimum, maximum, saddle, inconclusive };

constexpr std::string_view to_string(StationaryPoint kind) {
  switch (kind) {
    case StationaryPoint::minimum: return "minimum";
    case StationaryPoint::maximum: return "maximum";
    case StationaryPoint::saddle: return "saddle";
    case StationaryPoint::inconclusive: return "inconclusive";
  }
  return "inconclusive";
}

inline std::ostream& operator<<(std::ostream& os, StationaryPoint kind) { return os << to_string(kind); }

struct ClassifyOptions {
  // An eigenvalue counts as zero when |λ| ≤ tolerance·max(1, max|λ|) (relative for large H).
  double tolerance = 1e-8;
  // x counts as stationary when ‖∇f(x)‖∞ ≤ gradient_tolerance.
  double gradient_tolerance = 1e-6;
};

struct StationaryPointReport {
  StationaryPoint kind = StationaryPoint::inconclusive;
  bool is_stationary = false;      // ‖∇f‖∞ ≤ gradient_tolerance; the test assumes it
  double value = 0.0;              // f(x)
  Eigen::VectorXd gradient;        // ∇f(x)
  Eigen::MatrixXd hessian;         // H(x)
  Eigen::VectorXd eigenvalues;     // of H, ascending
  double condition_number = 0.0;   // max|λ| / min|λ| (∞ when some λ is 0)
};

// The second-derivative test on a value, gradient and (symmetric) Hessian computed elsewhere,
// such as the command's Hessian of a parsed expression: see classify_stationary_point.
inline StationaryPointReport classify_hessian(double value, Eigen::VectorXd gradient,
                                              Eigen::MatrixXd hessian, ClassifyOptions options = {}) {
  StationaryPointReport r;
  r.value = value;
  r.is_stationary = gradient.size() == 0 ||
                    gradient.lpNorm<Eigen::Infinity>() <= options.gradient_tolerance;
  r.gradient = std::move(gradient);
  r.hessian = std::move(hessian);
  if (r.hessian.rows() == 0) return r;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(r.hessian, Eigen::EigenvaluesOnly);
  r.eigenvalues = solver.eigenvalues();
  const double largest = r.eigenvalues.cwiseAbs().maxCoeff();
  const double smallest = r.eigenvalues.cwiseAbs().minCoeff();
  r.condition_number = smallest == 0.0 ? std::numeric_limits<double>::infinity() : largest / smallest;
  const double zero = options.tolerance * std::max(1.0, largest);
  const bool has_positive = (r.eigenvalues.array() > zero).any();
  const bool has_negative = (r.eigenvalues.array() < -zero).any();
  const bool has_zero = (r.eigenvalues.array().abs() <= zero).any();
  if (has_positive && has_negative)
    r.kind = StationaryPoint::saddle;
  else if (has_zero)
    r.kind = StationaryPoint::inconclusive;
  else
    r.kind = has_positive ? StationaryPoint::minimum : StationaryPoint::maximum;
  return r;
}

// Classifies x by the eigenvalues λ of H(x): all λ > 0 a minimum, all λ < 0 a maximum, both signs
// a saddle, otherwise (some λ ≈ 0 and no opposite signs) inconclusive — the second-derivative test
// cannot decide. It does not require x to be stationary but reports whether it is.
template <class F>
StationaryPointReport classify_stationary_point(F&& f, const Eigen::VectorXd& x,
                                                ClassifyOptions options = {}) {
  HessianResult h = value_gradient_hessian(std::forward<F>(f), x);
  return classify_hessian(h.value, std::move(h.gradient), std::move(h.hessian), options);
}

}  // namespace tapegrad
