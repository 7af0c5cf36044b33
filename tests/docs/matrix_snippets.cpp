// SPDX-License-Identifier: MIT
// The C++ blocks of docs/matrix.md, each pasted verbatim (without its #include lines, which are
// gathered here) into a test case that checks what its comments promise.
#include <boost/test/unit_test.hpp>

#include <span>
#include <type_traits>

#include "autodiff/autodiff.hpp"
#include "autodiff/custom_op.hpp"
#include "autodiff/hessian.hpp"
#include "autodiff/matrix_ops.hpp"

namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(matrix_snippets)

BOOST_AUTO_TEST_CASE(eigen_code_templated_on_the_scalar) {
// Templated on the scalar T: works for double and Var. f(x) = xᵀ(I + x·xᵀ)⁻¹x.
auto f = []<class T>(const Eigen::Matrix<T, -1, 1>& x) {
  using Matrix = Eigen::Matrix<T, -1, -1>;
  const Matrix a = Matrix::Identity(x.size(), x.size()) + x * x.transpose();
  return T(a.llt().solve(x).dot(x));
};
const Eigen::VectorXd x0{{1.0, 2.0}};
auto [value, grad] = tapegrad::value_and_gradient([&](const auto& x) { return f(x); }, x0);
// value = 5/6, grad = (1/18, 1/9); f(x0) on doubles gives the same value
  BOOST_TEST(value == 5.0 / 6.0, tt::tolerance(1e-12));
  BOOST_TEST(grad[0] == 1.0 / 18.0, tt::tolerance(1e-12));
  BOOST_TEST(grad[1] == 1.0 / 9.0, tt::tolerance(1e-12));
  BOOST_TEST(f(x0) == value, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(matrix_var_training_loop) {
using namespace tapegrad;

Eigen::MatrixXd x_data{{1, 2}, {2, 1}, {-1, -2}, {-2, -1}}, labels{{1}, {1}, {0}, {0}};
Eigen::MatrixXd w_now = Eigen::MatrixXd::Zero(2, 1);
double b_now = 0.0;
Tape tape;
const MatrixVar X(x_data);                        // data: a constant, records nothing (make it once)
for (int step = 0; step < 100; ++step) {
  tape.rewind();
  auto scope = tape.activate();
  MatrixVar w = MatrixVar::input(tape, w_now);    // parameters: input nodes
  Var b = tape.input(b_now);
  Var loss = bce_with_logits(X * w + b, labels);  // matmul, broadcast add, fused loss: 3 entries
  loss = loss + 0.01 * squared_norm(w);           // scalar and matrix expressions mix
  Adjoints<double> adj = tape.backward(loss);
  Eigen::MatrixXd dw = w.adjoint(adj);            // ∂loss/∂w, shaped like w
  double db = adj[b];
  w_now -= 0.5 * dw;                              // plain gradient descent
  b_now -= 0.5 * db;
}
// x_data·w_now + b_now is now > 0 on the rows labelled 1 and < 0 on those labelled 0
  const Eigen::VectorXd z = (x_data * w_now).col(0).array() + b_now;
  BOOST_TEST(z[0] > 0.0);
  BOOST_TEST(z[1] > 0.0);
  BOOST_TEST(z[2] < 0.0);
  BOOST_TEST(z[3] < 0.0);
}

BOOST_AUTO_TEST_CASE(custom_matrix_op) {
using namespace tapegrad;

const CustomMatrixOp gram{
    .name = "gram",
    .value = [](std::span<const Eigen::MatrixXd> in) -> Eigen::MatrixXd {
      return in[0] * in[0].transpose(); },
    .vjp = [](const Eigen::MatrixXd& dy, std::span<const Eigen::MatrixXd> in,
              const Eigen::MatrixXd& /*y*/, std::span<Eigen::MatrixXd> d) {
      d[0] = (dy + dy.transpose()) * in[0]; },   // d[k] arrives zeroed, shaped like input k
};
Tape tape;
auto scope = tape.activate();
MatrixVar a = MatrixVar::input(tape, Eigen::MatrixXd{{1, 2}, {3, 4}});
MatrixVar g = apply(gram, {a});                      // a·aᵀ = [[5, 11], [11, 25]]: one tape entry
Eigen::MatrixXd da = a.adjoint(tape.backward(sum(g)));  // [[8, 12], [8, 12]]
  BOOST_TEST(Eigen::MatrixXd(g.value()).isApprox(Eigen::MatrixXd{{5, 11}, {11, 25}}));
  BOOST_TEST(da.isApprox(Eigen::MatrixXd{{8, 12}, {8, 12}}));
}

BOOST_AUTO_TEST_CASE(second_derivatives) {
using namespace tapegrad;

// Rosenbrock's function, at its minimum (1, 1).
auto f = [](const auto& x) { return pow(1.0 - x[0], 2) + 100.0 * pow(x[1] - x[0] * x[0], 2); };
const Eigen::VectorXd x{{1.0, 1.0}}, v{{1.0, 0.0}};
Eigen::VectorXd hv = hessian_vector_product(f, x, v);   // one forward + one reverse pass: (802, −400)
Eigen::MatrixXd h  = hessian(f, x);                      // n passes, symmetrised: [[802, −400], [−400, 200]]
HessianResult all  = value_gradient_hessian(f, x);       // value, gradient, Hessian
StationaryPointReport r = classify_stationary_point(f, x, {.tolerance = 1e-8});
// r.kind: minimum here; elsewhere maximum, saddle or inconclusive (to_string(r.kind), or stream it)
// r.is_stationary, r.value, r.gradient, r.hessian, r.eigenvalues (ascending), r.condition_number
  const Eigen::MatrixXd expected{{802, -400}, {-400, 200}};
  BOOST_TEST(hv.isApprox(Eigen::VectorXd{{802.0, -400.0}}));
  BOOST_TEST(h.isApprox(expected));
  BOOST_TEST(all.value == 0.0);
  BOOST_TEST(all.gradient.isZero());
  BOOST_TEST(all.hessian.isApprox(expected));
  BOOST_TEST(r.kind == StationaryPoint::minimum);
  BOOST_TEST(to_string(r.kind) == "minimum");
  BOOST_TEST(r.is_stationary);
  BOOST_TEST(r.eigenvalues[0] < r.eigenvalues[1]);
}

BOOST_AUTO_TEST_CASE(hessian_of_a_loop) {
  using namespace tapegrad;
// Lesson 000's mean squared error as a loop over the ice-cream table.
const double xs[] = {20, 25, 30, 35}, ys[] = {40, 70, 100, 140};
auto mse = [&](const auto& w) {
  using V = std::decay_t<decltype(w[0])>;  // the Var type hessian() records with
  V total = 0.0;
  for (int i = 0; i < 4; ++i) total += pow(ys[i] - (w[1] * xs[i] + w[0]), 2);
  return total / 4.0;
};
Eigen::MatrixXd h = hessian(mse, Eigen::Vector2d(0, 0));  // [[2, 55], [55, 1575]]
  BOOST_TEST(h(0, 0) == 2.0);
  BOOST_TEST(h(0, 1) == 55.0);
  BOOST_TEST(h(1, 0) == 55.0);
  BOOST_TEST(h(1, 1) == 1575.0);
}

BOOST_AUTO_TEST_SUITE_END()
