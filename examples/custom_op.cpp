// SPDX-License-Identifier: MIT
// Custom operations: give tapegrad an op's value and its vector-Jacobian product, and it records
// the op as one tape entry. Here: a scalar op (the Huber loss of a residual) and a matrix op (a
// row-wise L2 normalisation), used inside a matrix-level loss and checked against finite
// differences.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "autodiff/autodiff.hpp"
#include "autodiff/custom_op.hpp"
#include "autodiff/matrix_ops.hpp"
#include "examples/guarded_main.hpp"

using namespace tapegrad;
using Eigen::MatrixXd;

static int run() {
  // Huber(r) = r²/2 for |r| ≤ 1, |r| − 1/2 beyond: quadratic near 0, linear in the tails.
  // Its derivative is clamp(r, −1, 1); the VJP multiplies it by the output's adjoint.
  const CustomScalarOp huber{
      .name = "huber",
      .value = [](std::span<const double> in) {
        const double r = in[0];
        return std::abs(r) <= 1.0 ? 0.5 * r * r : std::abs(r) - 0.5;
      },
      .vjp = [](double dy, std::span<const double> in, double, std::span<double> d) {
        d[0] = dy * std::clamp(in[0], -1.0, 1.0);
      },
  };

  // Each row divided by its Euclidean norm: Y_i = A_i/‖A_i‖. VJP per row:
  // dA_i = (dY_i − (dY_i·Y_i)·Y_i)/‖A_i‖.
  const CustomMatrixOp normalize_rows{
      .name = "normalize_rows",
      .value = [](std::span<const MatrixXd> in) -> MatrixXd {
        return in[0].array().colwise() / in[0].rowwise().norm().array();
      },
      .vjp = [](const MatrixXd& dy, std::span<const MatrixXd> in, const MatrixXd& y,
                std::span<MatrixXd> d) {
        const Eigen::VectorXd norms = in[0].rowwise().norm();
        const Eigen::VectorXd inner = dy.cwiseProduct(y).rowwise().sum();
        d[0] = ((dy - y.array().colwise().operator*(inner.array()).matrix()).array().colwise() /
                norms.array())
                   .matrix();
      },
  };

  const MatrixXd a0 = (MatrixXd(2, 3) << 1.0, 2.0, 2.0, 3.0, 0.0, -4.0).finished();
  const MatrixXd target = (MatrixXd(2, 3) << 0.0, 1.0, 0.0, 1.0, 0.0, 0.0).finished();
  // loss(A) = Σ_i huber(3·mse-like distance of row-normalised A from the target rows)
  const auto loss = [&](const MatrixVar& a) {
    const MatrixVar y = apply(normalize_rows, {a});
    return apply(huber, {3.0 * squared_norm(y - target)});
  };

  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, a0);
  const Var l = loss(a);
  const MatrixXd g = a.adjoint(tape.backward(l));
  fmt::print("loss = {:.6f}  ({} tape entries for the two custom ops and the built-ins)\n",
             l.value(), tape.stats().blocks);

  double worst = 0.0;
  const double h = 1e-6;
  for (Eigen::Index k = 0; k < a0.size(); ++k) {
    MatrixXd p = a0, q = a0;
    p.data()[k] += h;
    q.data()[k] -= h;
    const double fd = (loss(MatrixVar(p)).value() - loss(MatrixVar(q)).value()) / (2 * h);
    fmt::print("dL/dA({},{}) = {:+.6f}   finite differences {:+.6f}\n", k % 2, k / 2, g.data()[k], fd);
    worst = std::max(worst, std::abs(g.data()[k] - fd));
  }
  fmt::print("largest difference from finite differences: {:.1e}\n", worst);
  return worst < 1e-6 ? 0 : 1;
}

int main(int, char** argv) { return tapegrad::examples::guarded_main(argv[0], run); }
