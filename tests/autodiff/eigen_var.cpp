// SPDX-License-Identifier: MIT
// Eigen::Matrix<Var, ...> out of the box: user code templated on the scalar runs on double and on
// Var (products, reductions, LLT and LDLT solves), and the tape's gradient matches finite
// differences of the double version.
#include <boost/test/unit_test.hpp>

#include <Eigen/Cholesky>
#include <cmath>

#include "autodiff/autodiff.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

namespace {

template <class T>
using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
template <class T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

// A symmetric positive definite matrix built from x: A = B·Bᵀ + I with B_ij = x_i·(j + 1) + [i = j].
template <class T>
Mat<T> spd_from(const Vec<T>& x) {
  const Eigen::Index n = x.size();
  Mat<T> b(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) b(i, j) = x[i] * double(j + 1) + (i == j ? 1.0 : 0.0);
  Mat<T> a = b * b.transpose();
  for (Eigen::Index i = 0; i < n; ++i) a(i, i) += 1.0;
  return a;
}

// xᵀ·A(x)⁻¹·x through a Cholesky (LLT) solve.
template <class T>
T llt_quadratic(const Vec<T>& x) {
  const Vec<T> s = spd_from(x).llt().solve(x);
  return s.dot(x);
}
// Σ A(x)⁻¹·x through LDLT, plus the Euclidean norm of x (sqrt of a reduction).
template <class T>
T ldlt_sum(const Vec<T>& x) {
  const Vec<T> s = spd_from(x).ldlt().solve(x);
  return s.sum() + x.norm();
}
// A dot product and a matrix-vector product.
template <class T>
T products(const Vec<T>& x) {
  Mat<T> m(x.size(), x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i)
    for (Eigen::Index j = 0; j < x.size(); ++j) m(i, j) = x[i] - 2.0 * x[j];
  const Vec<T> y = m * x;
  return y.dot(x) + (m.transpose() * m).trace() + x.squaredNorm() + y.maxCoeff();
}

template <class G>
void check(const G& generic, const Eigen::VectorXd& x) {
  const auto [value, grad] = value_and_gradient([&](const VectorXv<>& v) { return generic(v); }, x);
  BOOST_TEST(value == generic(x), tt::tolerance(1e-12));
  const double h = 1e-6;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    Eigen::VectorXd p = x, q = x;
    p[i] += h;
    q[i] -= h;
    const double fd = (generic(p) - generic(q)) / (2 * h);
    BOOST_TEST(std::abs(grad[i] - fd) <= 1e-6 * (1.0 + std::abs(fd)),
               "component " << i << ": tape " << grad[i] << " vs finite differences " << fd);
  }
}

const Eigen::VectorXd x0 = (Eigen::VectorXd(4) << 0.3, -0.2, 0.5, 0.8).finished();

}  // namespace

BOOST_AUTO_TEST_SUITE(eigen_var)

BOOST_AUTO_TEST_CASE(llt_solve) {
  check([](const auto& x) { return llt_quadratic(Eigen::Matrix<std::decay_t<decltype(x[0])>, -1, 1>(x)); }, x0);
}

BOOST_AUTO_TEST_CASE(ldlt_solve_and_norm) {
  check([](const auto& x) { return ldlt_sum(Eigen::Matrix<std::decay_t<decltype(x[0])>, -1, 1>(x)); }, x0);
}

BOOST_AUTO_TEST_CASE(products_and_reductions) {
  check([](const auto& x) { return products(Eigen::Matrix<std::decay_t<decltype(x[0])>, -1, 1>(x)); }, x0);
}

BOOST_AUTO_TEST_CASE(mixing_double_matrices_with_var_vectors) {
  // A data matrix of doubles times a vector of Vars (ScalarBinaryOpTraits in eigen_support.hpp).
  const Eigen::MatrixXd a = (Eigen::MatrixXd(2, 2) << 1.0, 2.0, 3.0, 4.0).finished();
  Tape tape;
  auto scope = tape.activate();
  VectorXv<> v(2);
  v << tape.input(1.0), tape.input(-1.0);
  const VectorXv<> y = a * v;
  const Var s = y.sum();
  BOOST_TEST(s.value() == -2.0);
  const auto adj = tape.backward(s);
  BOOST_TEST(adj[v[0]] == 4.0);
  BOOST_TEST(adj[v[1]] == 6.0);
}

BOOST_AUTO_TEST_SUITE_END()
