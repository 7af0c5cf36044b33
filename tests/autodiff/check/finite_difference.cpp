// SPDX-License-Identifier: MIT
// Finite differences: the documented steps, the error order of each scheme (central O(h²),
// forward O(h), Richardson better), gradients, Jacobians and the noise estimate.
#include "autodiff/check/finite_difference.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

#include "autodiff/errors.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();

// The error of a scheme's quotient for d/dt exp(t)·sin(3t) at t = 0.4, with step h.
double quotient_error(FdScheme scheme, double h) {
  const double x = 0.4;
  auto g = [x](double t) { return std::exp(x + t) * std::sin(3 * (x + t)); };
  const double exact = std::exp(x) * (std::sin(3 * x) + 3 * std::cos(3 * x));
  return std::abs(difference_quotient(g, h, scheme) - exact);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(finite_difference)

BOOST_AUTO_TEST_CASE(default_step_factors_are_the_documented_powers_of_eps) {
  BOOST_TEST(default_step_factor(FdScheme::forward) == std::sqrt(eps));
  BOOST_TEST(default_step_factor(FdScheme::central) == std::cbrt(eps));
  BOOST_TEST(default_step_factor(FdScheme::richardson) == std::pow(eps, 0.2));
}

BOOST_AUTO_TEST_CASE(central_step_is_cbrt_eps_times_max_one_abs_x) {
  const Eigen::Vector4d x(0.0, 0.5, -3.0, 1e6);
  const Eigen::VectorXd h = fd_steps(x);
  const double c = std::cbrt(eps);
  BOOST_TEST(h[0] == c, tt::tolerance(1e-12));
  BOOST_TEST(h[1] == c, tt::tolerance(1e-9));
  BOOST_TEST(h[2] == 3 * c, tt::tolerance(1e-9));
  BOOST_TEST(h[3] == 1e6 * c, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(steps_are_exactly_representable_moves) {
  const Eigen::Vector3d x(0.1, 123.456, -7.77e5);
  const Eigen::VectorXd h = fd_steps(x);
  for (int i = 0; i < 3; ++i) BOOST_TEST((x[i] + h[i]) - x[i] == h[i]);
}

BOOST_AUTO_TEST_CASE(typical_x_sets_the_scale_of_small_inputs) {
  const Eigen::Vector2d x(1e-6, 0.0);
  FdOptions options{.typical_x = {1e-6, 0.0}};
  const Eigen::VectorXd h = fd_steps(x, options);
  BOOST_TEST(h[0] == 1e-6 * std::cbrt(eps), tt::tolerance(1e-6));
  BOOST_TEST(h[1] == std::cbrt(eps), tt::tolerance(1e-12));  // 0 at x = 0 falls back to c
}

BOOST_AUTO_TEST_CASE(typical_x_of_the_wrong_size_throws) {
  BOOST_CHECK_THROW(fd_steps(Eigen::Vector2d(1, 2), FdOptions{.typical_x = {1.0}}), Error);
}

BOOST_AUTO_TEST_CASE(central_error_is_order_h_squared) {
  // Halving h divides the truncation error by 4 (2²), while h is large enough that rounding
  // does not matter.
  const double e1 = quotient_error(FdScheme::central, 1e-2);
  const double e2 = quotient_error(FdScheme::central, 5e-3);
  BOOST_TEST(e1 / e2 == 4.0, tt::tolerance(0.02));
}

BOOST_AUTO_TEST_CASE(forward_error_is_order_h) {
  const double e1 = quotient_error(FdScheme::forward, 1e-3);
  const double e2 = quotient_error(FdScheme::forward, 5e-4);
  BOOST_TEST(e1 / e2 == 2.0, tt::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(richardson_error_is_order_h_to_the_fourth) {
  const double e1 = quotient_error(FdScheme::richardson, 4e-2);
  const double e2 = quotient_error(FdScheme::richardson, 2e-2);
  BOOST_TEST(e1 / e2 == 16.0, tt::tolerance(0.05));
}

BOOST_AUTO_TEST_CASE(richardson_beats_central_at_default_steps) {
  // f(x) = exp(x)·sin(3x) at x = 0.4, each scheme with its own default step.
  auto f = [](const Eigen::VectorXd& x) { return std::exp(x[0]) * std::sin(3 * x[0]); };
  const Eigen::VectorXd x = Eigen::VectorXd::Constant(1, 0.4);
  const double exact = std::exp(0.4) * (std::sin(1.2) + 3 * std::cos(1.2));
  const double central = std::abs(fd_gradient(f, x)[0] - exact);
  const double forward =
      std::abs(fd_gradient(f, x, {.scheme = FdScheme::forward})[0] - exact);
  const double richardson =
      std::abs(fd_gradient(f, x, {.scheme = FdScheme::richardson})[0] - exact);
  BOOST_TEST_MESSAGE("forward " << forward << ", central " << central << ", richardson "
                                << richardson);
  BOOST_TEST(central < forward);
  BOOST_TEST(richardson < central);
  BOOST_TEST(richardson < 1e-12);
  BOOST_TEST(central < 1e-9);
}

BOOST_AUTO_TEST_CASE(gradient_of_a_quadratic_form) {
  // f(x) = x0² + 3·x0·x1 − 2·x1³, ∇f = (2x0 + 3x1, 3x0 − 6x1²).
  auto f = [](const Eigen::VectorXd& x) {
    return x[0] * x[0] + 3 * x[0] * x[1] - 2 * x[1] * x[1] * x[1];
  };
  const Eigen::Vector2d x(1.5, -0.7);
  const Eigen::VectorXd g = fd_gradient(f, x);
  BOOST_TEST(g[0] == 2 * 1.5 + 3 * -0.7, tt::tolerance(1e-9));
  BOOST_TEST(g[1] == 3 * 1.5 - 6 * 0.49, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(jacobian_of_polar_to_cartesian) {
  // (r, θ) ↦ (r cos θ, r sin θ): J = [[cos θ, −r sin θ], [sin θ, r cos θ]].
  auto f = [](const Eigen::VectorXd& p) {
    return Eigen::Vector2d(p[0] * std::cos(p[1]), p[0] * std::sin(p[1])).eval();
  };
  const Eigen::Vector2d p(2.0, 0.6);
  for (FdScheme scheme : {FdScheme::central, FdScheme::richardson}) {
    const Eigen::MatrixXd j = fd_jacobian(f, p, {.scheme = scheme});
    BOOST_TEST(j.rows() == 2);
    BOOST_TEST(j.cols() == 2);
    BOOST_TEST(j(0, 0) == std::cos(0.6), tt::tolerance(1e-9));
    BOOST_TEST(j(0, 1) == -2 * std::sin(0.6), tt::tolerance(1e-9));
    BOOST_TEST(j(1, 0) == std::sin(0.6), tt::tolerance(1e-9));
    BOOST_TEST(j(1, 1) == 2 * std::cos(0.6), tt::tolerance(1e-9));
  }
}

BOOST_AUTO_TEST_CASE(jacobian_rejects_a_function_that_changes_its_output_size) {
  auto f = [](const Eigen::VectorXd& p) {
    return Eigen::VectorXd::Constant(p[0] > 1.0 ? 2 : 1, p[0]).eval();
  };
  BOOST_CHECK_THROW(fd_jacobian(f, Eigen::VectorXd::Constant(1, 1.0)), Error);
}

BOOST_AUTO_TEST_CASE(noise_estimate_scales_with_f_over_h) {
  // f = 1e6 + x: |f| ≈ 1e6, so the rounding noise of a central difference is ≈ ε·1e6/h.
  auto f = [](const Eigen::VectorXd& x) { return 1e6 + x[0]; };
  const FdGradient r = fd_gradient_with_noise(f, Eigen::VectorXd::Constant(1, 0.5));
  BOOST_TEST(r.noise[0] == eps * (1e6 + 0.5 + r.step[0]) / r.step[0], tt::tolerance(1e-6));
  BOOST_TEST(std::abs(r.gradient[0] - 1.0) <= r.noise[0]);
}

BOOST_AUTO_TEST_SUITE_END()
