// SPDX-License-Identifier: MIT
// value_and_gradient, jacobian and vector-Jacobian products against hand-derived results.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "autodiff/autodiff.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(gradient_helpers)

BOOST_AUTO_TEST_CASE(value_and_gradient_of_a_function_of_a_vector) {
  // f(x) = x0²·x1 + sin(x1): ∇f = (2·x0·x1, x0² + cos(x1)).
  const auto f = [](const auto& x) { return x[0] * x[0] * x[1] + sin(x[1]); };
  const Eigen::Vector2d x(1.5, -0.5);
  const auto [value, grad] = value_and_gradient(f, x);
  BOOST_TEST(value == 1.5 * 1.5 * -0.5 + std::sin(-0.5), tt::tolerance(1e-15));
  BOOST_TEST(grad[0] == 2 * 1.5 * -0.5, tt::tolerance(1e-15));
  BOOST_TEST(grad[1] == 1.5 * 1.5 + std::cos(-0.5), tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(value_and_gradient_of_a_constant_function_is_zero) {
  const auto f = [](const auto&) { return Var(3.0); };
  const auto [value, grad] = value_and_gradient(f, Eigen::Vector3d(1, 2, 3));
  BOOST_TEST(value == 3.0);
  BOOST_TEST(grad.isZero());
}

BOOST_AUTO_TEST_CASE(lesson_000_mean_over_two_rows_through_eigen) {
  // L(w0, w1) = mean over rows (1, 2), (2, 3) of (y − (w1·x + w0))²: ∇L(0, 0) = (−5, −8).
  const auto loss = [](const auto& w) {
    const double xs[] = {1, 2}, ys[] = {2, 3};
    Var sum = 0.0;
    for (int i = 0; i < 2; ++i) sum += pow(ys[i] - (w[1] * xs[i] + w[0]), 2);
    return sum / 2.0;
  };
  const auto [value, grad] = value_and_gradient(loss, Eigen::Vector2d(0, 0));
  BOOST_TEST(value == 6.5);
  BOOST_TEST(grad[0] == -5.0, tt::tolerance(1e-15));
  BOOST_TEST(grad[1] == -8.0, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(jacobian_of_polar_to_cartesian) {
  // (r, θ) ↦ (r cos θ, r sin θ): J = [[cos θ, −r sin θ], [sin θ, r cos θ]].
  const auto f = [](const auto& p) {
    VectorXv<> out(2);
    out << p[0] * cos(p[1]), p[0] * sin(p[1]);
    return out;
  };
  const double r = 2.0, th = 0.7;
  const auto [values, J] = value_and_jacobian(f, Eigen::Vector2d(r, th));
  BOOST_TEST(values[0] == r * std::cos(th), tt::tolerance(1e-15));
  BOOST_TEST(J(0, 0) == std::cos(th), tt::tolerance(1e-15));
  BOOST_TEST(J(0, 1) == -r * std::sin(th), tt::tolerance(1e-15));
  BOOST_TEST(J(1, 0) == std::sin(th), tt::tolerance(1e-15));
  BOOST_TEST(J(1, 1) == r * std::cos(th), tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(vector_jacobian_product_with_any_seed) {
  // y = (x0·x1, x0 + x1); seeds (2, −1): vᵀJ = (2·x1 − 1, 2·x0 − 1).
  Tape tape;
  auto scope = tape.activate();
  const Var x0 = tape.input(3.0), x1 = tape.input(4.0);
  const Var ys[] = {x0 * x1, x0 + x1};
  const double seeds[] = {2.0, -1.0};
  Adjoints<double> adj;
  tape.backward(std::span<const Var>(ys), std::span<const double>(seeds), adj);
  BOOST_TEST(adj[x0] == 2 * 4.0 - 1);
  BOOST_TEST(adj[x1] == 2 * 3.0 - 1);
}

BOOST_AUTO_TEST_CASE(gradient_with_respect_to_a_constant_is_zero) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(2.0);
  const Var c = 5.0;
  const auto g = gradient(x * c, {x, c});
  BOOST_TEST(g[0] == 5.0);
  BOOST_TEST(g[1] == 0.0);
}

BOOST_AUTO_TEST_CASE(eigen_vectors_of_vars_record_element_by_element) {
  Tape tape;
  auto scope = tape.activate();
  VectorXv<> v(3);
  for (int i = 0; i < 3; ++i) v[i] = tape.input(i + 1.0);
  const Var n2 = v.squaredNorm();  // 1 + 4 + 9
  BOOST_TEST(n2.value() == 14.0);
  const auto adj = tape.backward(n2);
  for (int i = 0; i < 3; ++i) BOOST_TEST(adj[v[i]] == 2.0 * (i + 1));
  const Eigen::VectorXd values = values_of(v);
  BOOST_TEST(values[2] == 3.0);
}

BOOST_AUTO_TEST_SUITE_END()
