// SPDX-License-Identifier: MIT
// Second order: the Dual scalar on the unchanged tape, Hessian-vector products, Hessians
// (quadratic forms, Rosenbrock against its analytic Hessian) and the second-derivative test on the
// lessons' functions.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <numbers>

#include "autodiff/autodiff.hpp"
#include "autodiff/hessian.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

const auto rosenbrock = [](const auto& x) {
  return pow(1.0 - x[0], 2) + 100.0 * pow(x[1] - x[0] * x[0], 2);
};

// Analytic Hessian of Rosenbrock: [[2 − 400(y − x²) + 800x², −400x], [−400x, 200]].
MatrixXd rosenbrock_hessian(double x, double y) {
  MatrixXd h(2, 2);
  h << 2.0 - 400.0 * (y - x * x) + 800.0 * x * x, -400.0 * x, -400.0 * x, 200.0;
  return h;
}

void require_close(const MatrixXd& a, const MatrixXd& b, double tol) {
  BOOST_REQUIRE(a.rows() == b.rows());
  BOOST_REQUIRE(a.cols() == b.cols());
  for (Eigen::Index k = 0; k < a.size(); ++k)
    BOOST_TEST(std::abs(a.data()[k] - b.data()[k]) <= tol * (1.0 + std::abs(b.data()[k])),
               "element " << k << ": " << a.data()[k] << " vs " << b.data()[k]);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(second_order)

// ---- the dual number ----
BOOST_AUTO_TEST_CASE(dual_arithmetic_and_functions) {
  const Dual x(0.7, 1.0);
  BOOST_TEST((x * x).d == 1.4, tt::tolerance(1e-15));
  BOOST_TEST((1.0 / x).d == -1.0 / (0.49), tt::tolerance(1e-14));
  BOOST_TEST(exp(x).d == std::exp(0.7), tt::tolerance(1e-15));
  BOOST_TEST(erf(x).d == 2.0 / std::sqrt(std::numbers::pi) * std::exp(-0.49), tt::tolerance(1e-14));
  BOOST_TEST(cbrt(x).d == 1.0 / (3.0 * std::cbrt(0.49)), tt::tolerance(1e-14));
  BOOST_TEST(atan2(x, Dual(2.0)).d == 2.0 / (0.49 + 4.0), tt::tolerance(1e-14));
  BOOST_TEST(hypot(x, Dual(2.0)).d == 0.7 / std::hypot(0.7, 2.0), tt::tolerance(1e-14));
  BOOST_TEST(pow(x, 3.0).d == 3.0 * 0.49, tt::tolerance(1e-14));
  BOOST_TEST(pow(2.0, x).d == std::log(2.0) * std::pow(2.0, 0.7), tt::tolerance(1e-14));
  BOOST_TEST(log2(x).d == 1.0 / (0.7 * std::numbers::ln2), tt::tolerance(1e-14));
  BOOST_TEST(floor(x).d == 0.0);
  BOOST_TEST(primal(x) == 0.7);
  BOOST_TEST((x < 1.0));
  BOOST_TEST((x == Dual(0.7, 5.0)));  // comparisons look at the value only
}

BOOST_AUTO_TEST_CASE(every_rule_on_dual_matches_finite_differences_of_the_partial) {
  // On BasicTape<Dual>, the tangent of each recorded partial is d(partial)/dx: compare it with
  // finite differences of the double partial, for every unary op with a smooth partial.
  const auto check_op = [](auto op_tag, double a) {
    constexpr Op op = decltype(op_tag)::value;
    const auto& row = rule<op>();
    const Dual xd(a, 1.0);
    const Dual y = row.value(xd);
    const Dual p = row.d0(xd, y);
    const auto partial = [&](double t) { return row.d0(t, row.value(t)); };
    const double h = 1e-6;
    const double fd = (partial(a + h) - partial(a - h)) / (2 * h);
    BOOST_TEST_CONTEXT(info(op).name) {
      BOOST_TEST(std::abs(y.d - partial(a)) <= 1e-9 * (1 + std::abs(partial(a))));
      BOOST_TEST(std::abs(p.d - fd) <= 1e-5 * (1 + std::abs(fd)));
    }
  };
  check_op(std::integral_constant<Op, Op::exp>{}, 0.3);
  check_op(std::integral_constant<Op, Op::exp2>{}, 0.3);
  check_op(std::integral_constant<Op, Op::expm1>{}, 0.3);
  check_op(std::integral_constant<Op, Op::log>{}, 1.3);
  check_op(std::integral_constant<Op, Op::log2>{}, 1.3);
  check_op(std::integral_constant<Op, Op::log10>{}, 1.3);
  check_op(std::integral_constant<Op, Op::log1p>{}, 0.3);
  check_op(std::integral_constant<Op, Op::sqrt>{}, 1.3);
  check_op(std::integral_constant<Op, Op::cbrt>{}, 1.3);
  check_op(std::integral_constant<Op, Op::sin>{}, 0.3);
  check_op(std::integral_constant<Op, Op::cos>{}, 0.3);
  check_op(std::integral_constant<Op, Op::tan>{}, 0.3);
  check_op(std::integral_constant<Op, Op::asin>{}, 0.3);
  check_op(std::integral_constant<Op, Op::acos>{}, 0.3);
  check_op(std::integral_constant<Op, Op::atan>{}, 0.3);
  check_op(std::integral_constant<Op, Op::sinh>{}, 0.3);
  check_op(std::integral_constant<Op, Op::cosh>{}, 0.3);
  check_op(std::integral_constant<Op, Op::tanh>{}, 0.3);
  check_op(std::integral_constant<Op, Op::asinh>{}, 0.3);
  check_op(std::integral_constant<Op, Op::acosh>{}, 1.3);
  check_op(std::integral_constant<Op, Op::atanh>{}, 0.3);
  check_op(std::integral_constant<Op, Op::abs>{}, -0.3);
  check_op(std::integral_constant<Op, Op::relu>{}, 0.3);
  check_op(std::integral_constant<Op, Op::erf>{}, 0.3);
  check_op(std::integral_constant<Op, Op::erfc>{}, 0.3);
  check_op(std::integral_constant<Op, Op::sigmoid>{}, 0.3);
  check_op(std::integral_constant<Op, Op::sigmoid>{}, -0.3);
  check_op(std::integral_constant<Op, Op::softplus>{}, 0.3);
  check_op(std::integral_constant<Op, Op::softplus>{}, -0.3);
}

BOOST_AUTO_TEST_CASE(dual_tape_records_unchanged) {
  DualTape tape;
  auto scope = tape.activate();
  const DualVar x = tape.input(Dual(3.0, 1.0));
  const DualVar y = x * x * x;  // y' = 3x² = 27, y'' = 6x = 18
  const Adjoints<Dual> adj = tape.backward(y);
  BOOST_TEST(y.value().v == 27.0);
  BOOST_TEST(adj[x].v == 27.0);
  BOOST_TEST(adj[x].d == 18.0);
}

// ---- Hessian-vector products and Hessians ----
BOOST_AUTO_TEST_CASE(quadratic_form_hessian_is_a_plus_a_transpose) {
  MatrixXd a(3, 3);
  a << 2.0, 1.0, 0.0, -1.0, 3.0, 0.5, 0.0, 4.0, 1.0;
  const auto f = [&](const auto& x) {
    using V = std::decay_t<decltype(x[0])>;
    V s = 0.0;
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) s += x[i] * a(i, j) * x[j];
    return s;
  };
  const VectorXd x = (VectorXd(3) << 0.1, -0.7, 2.0).finished();
  require_close(hessian(f, x), a + a.transpose(), 1e-14);
  const VectorXd v = (VectorXd(3) << 1.0, 2.0, -1.0).finished();
  require_close(hessian_vector_product(f, x, v), (a + a.transpose()) * v, 1e-14);
}

BOOST_AUTO_TEST_CASE(rosenbrock_against_analytic_hessian) {
  for (const auto& [x, y] : {std::pair{-1.2, 1.0}, std::pair{0.5, 0.3}, std::pair{1.0, 1.0}}) {
    const VectorXd p = (VectorXd(2) << x, y).finished();
    require_close(hessian(rosenbrock, p), rosenbrock_hessian(x, y), 1e-13);
  }
}

BOOST_AUTO_TEST_CASE(hvp_matches_finite_differences_of_the_gradient) {
  const auto f = [](const auto& x) { return sin(x[0] * x[1]) + exp(x[1]) * sqrt(x[2]) + atan2(x[0], x[2]); };
  const VectorXd x = (VectorXd(3) << 0.4, -0.3, 1.7).finished();
  const VectorXd v = (VectorXd(3) << 0.2, 1.0, -0.5).finished();
  const double h = 1e-6;
  const auto grad = [&](const VectorXd& p) { return value_and_gradient(f, p).second; };
  const VectorXd fd = (grad(x + h * v) - grad(x - h * v)) / (2 * h);
  require_close(hessian_vector_product(f, x, v), fd, 1e-7);
}

BOOST_AUTO_TEST_CASE(direction_of_the_wrong_size) {
  BOOST_CHECK_THROW(hessian_vector_product(rosenbrock, VectorXd::Zero(2), VectorXd::Zero(3)),
                    ShapeError);
}

// ---- the second-derivative test ----
BOOST_AUTO_TEST_CASE(school_parabola_has_a_minimum_at_2) {
  // Lesson 000: f(x) = x² − 4x + 3 is stationary at x = 2 with f = −1, and f'' = 2 > 0.
  const auto f = [](const auto& x) { return x[0] * x[0] - 4.0 * x[0] + 3.0; };
  const auto r = classify_stationary_point(f, VectorXd::Constant(1, 2.0));
  BOOST_TEST(r.kind == StationaryPoint::minimum);
  BOOST_TEST(r.is_stationary);
  BOOST_TEST(r.value == -1.0);
  BOOST_TEST(r.eigenvalues[0] == 2.0);
  // Away from x = 2 the point is not stationary, and the report says so.
  BOOST_TEST(!classify_stationary_point(f, VectorXd::Constant(1, 5.0)).is_stationary);
}

BOOST_AUTO_TEST_CASE(ice_cream_mse_hessian_is_positive_definite_and_ill_conditioned) {
  // Lesson 000's table: x = 20, 25, 30, 35 (temperature), y = 40, 70, 100, 140 (sales).
  // L(w0, w1) = mean((y − (w1·x + w0))²). Its Hessian is 2·[[1, mean x], [mean x, mean x²]],
  // the same at every point: positive definite, with eigenvalue ratio ≈ 2·10⁴ — the reason plain
  // gradient descent crawls along the valley.
  const double xs[] = {20, 25, 30, 35}, ys[] = {40, 70, 100, 140};
  const auto loss = [&](const auto& w) {
    using V = std::decay_t<decltype(w[0])>;
    V s = 0.0;
    for (int i = 0; i < 4; ++i) s += pow(ys[i] - (w[1] * xs[i] + w[0]), 2);
    return s / 4.0;
  };
  // The least-squares solution, where the gradient vanishes.
  const double mx = 27.5, my = 87.5, sxy = (-7.5 * -47.5 + -2.5 * -17.5 + 2.5 * 12.5 + 7.5 * 52.5),
               sxx = 2 * (7.5 * 7.5 + 2.5 * 2.5);
  const double w1 = sxy / sxx, w0 = my - w1 * mx;
  const auto r = classify_stationary_point(loss, (VectorXd(2) << w0, w1).finished());
  MatrixXd expected(2, 2);
  expected << 2.0, 2.0 * mx, 2.0 * mx, 2.0 * (400 + 625 + 900 + 1225) / 4.0;
  require_close(r.hessian, expected, 1e-12);
  BOOST_TEST(r.kind == StationaryPoint::minimum);
  BOOST_TEST(r.is_stationary);
  BOOST_TEST(r.condition_number > 1.5e4);
  BOOST_TEST(r.condition_number < 2.5e4);
  BOOST_TEST(r.eigenvalues[1] / r.eigenvalues[0] == r.condition_number, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(maximum_saddle_and_inconclusive) {
  const VectorXd origin = VectorXd::Zero(2);
  const auto maximum = [](const auto& x) { return -(x[0] * x[0]) - 3.0 * x[1] * x[1]; };
  const auto saddle = [](const auto& x) { return x[0] * x[0] - x[1] * x[1]; };
  const auto flat = [](const auto& x) { return x[0] * x[0] + pow(x[1], 4.0); };  // λ = 2, 0
  BOOST_TEST(classify_stationary_point(maximum, origin).kind == StationaryPoint::maximum);
  BOOST_TEST(classify_stationary_point(saddle, origin).kind == StationaryPoint::saddle);
  BOOST_TEST(classify_stationary_point(flat, origin).kind == StationaryPoint::inconclusive);
  // Rosenbrock's minimum at (1, 1).
  BOOST_TEST(classify_stationary_point(rosenbrock, VectorXd::Ones(2)).kind == StationaryPoint::minimum);
  BOOST_TEST(to_string(StationaryPoint::saddle) == "saddle");
}

BOOST_AUTO_TEST_CASE(tolerance_option_decides_what_counts_as_zero) {
  // f = x² + 1e-6·y²: eigenvalues 2 and 2e-6; with a loose tolerance the small one is "zero".
  const auto f = [](const auto& x) { return x[0] * x[0] + 1e-6 * x[1] * x[1]; };
  BOOST_TEST(classify_stationary_point(f, VectorXd::Zero(2)).kind == StationaryPoint::minimum);
  BOOST_TEST(classify_stationary_point(f, VectorXd::Zero(2), {.tolerance = 1e-3}).kind ==
             StationaryPoint::inconclusive);
}

BOOST_AUTO_TEST_SUITE_END()
