// SPDX-License-Identifier: MIT
// Where and what the gradient check runs on: seeded random points (reproducible, inside the
// box), the ways to give f and the hand gradient, the self-check of the tape, and input errors.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "autodiff/autodiff.hpp"
#include "autodiff/check/gradient_check.hpp"
#include "tests/autodiff/check/gradient_check_printing.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

namespace {
const RandomPoints unit_box{.lower = Eigen::Vector3d(-1, 0, 10),
                            .upper = Eigen::Vector3d(1, 0.5, 20),
                            .count = 7,
                            .seed = 42};
auto square_sum = [](const VectorXv<>& v) { return v[0] * v[0] + v[1] * v[1]; };
}  // namespace

BOOST_AUTO_TEST_SUITE(gradient_check_points)

BOOST_AUTO_TEST_CASE(same_seed_gives_the_same_points) {
  const auto a = random_points(unit_box);
  const auto b = random_points(unit_box);
  BOOST_TEST_REQUIRE(a.size() == 7u);
  for (std::size_t p = 0; p < a.size(); ++p) BOOST_TEST(a[p] == b[p]);
}

BOOST_AUTO_TEST_CASE(another_seed_gives_other_points) {
  RandomPoints other = unit_box;
  other.seed = 43;
  BOOST_TEST(random_points(unit_box)[0] != random_points(other)[0]);
}

BOOST_AUTO_TEST_CASE(points_lie_in_the_box) {
  for (const auto& x : random_points(unit_box))
    for (Eigen::Index i = 0; i < 3; ++i) {
      BOOST_TEST(x[i] >= unit_box.lower[i]);
      BOOST_TEST(x[i] < unit_box.upper[i]);
    }
}

BOOST_AUTO_TEST_CASE(the_first_point_is_the_documented_mapping_of_mt19937_64) {
  // u = (engine() >> 11)·2⁻⁵³, x = lower + u·(upper − lower): spelled out so that the points are
  // the same with every standard library.
  std::mt19937_64 engine(42);
  const double u = static_cast<double>(engine() >> 11) * 0x1.0p-53;
  BOOST_TEST(random_points(unit_box)[0][0] == -1.0 + 2.0 * u);
}

BOOST_AUTO_TEST_CASE(a_box_with_mismatched_bounds_throws) {
  BOOST_CHECK_THROW(random_points({.lower = Eigen::Vector2d(0, 0), .upper = Eigen::Vector3d(1, 1, 1)}),
                    Error);
}

BOOST_AUTO_TEST_CASE(the_report_holds_the_random_points_it_checked) {
  const RandomPoints box{.lower = Eigen::Vector2d(-1, -1), .upper = Eigen::Vector2d(1, 1),
                         .count = 3, .seed = 9};
  const auto report = check_tape_gradient(square_sum, box);
  BOOST_TEST(report.points == random_points(box));
  BOOST_TEST(report.rows.size() == 6u);
  BOOST_TEST(report.values[1] == report.points[1].squaredNorm(), tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(a_list_of_points) {
  const std::vector<Eigen::VectorXd> points{Eigen::Vector2d(1, 2), Eigen::Vector2d(-3, 0.5)};
  const auto report = check_tape_gradient(square_sum, points);
  BOOST_TEST(report.summary.points == 2u);
  BOOST_TEST(report.row(1, 0).ad == -6.0);
}

BOOST_AUTO_TEST_CASE(hand_partials_may_leave_a_component_unchecked) {
  const auto report = check_hand_partials(
      square_sum, {[](const Eigen::VectorXd& x) { return 2 * x[0]; }, HandPartial{}},
      Eigen::Vector2d(1.0, 2.0));
  BOOST_TEST(report.row(0, 0).hand == 2.0);
  BOOST_TEST(std::isnan(report.row(0, 1).hand));
  BOOST_TEST(report.row(0, 1).verdict == Verdict::ok);
  BOOST_TEST(report.summary.passed);
}

BOOST_AUTO_TEST_CASE(a_value_on_doubles_is_used_for_finite_differences) {
  int calls = 0;
  CheckedFunction f{.record = record_function(square_sum)};
  f.value = [&calls](const Eigen::VectorXd& x) {
    ++calls;
    return x.squaredNorm();
  };
  const auto report = check_gradient(f, Eigen::Vector2d(1.0, 2.0));
  BOOST_TEST(calls == 5);  // f(x) and two central evaluations per component
  BOOST_TEST(report.summary.passed);
}

BOOST_AUTO_TEST_CASE(self_check_catches_a_wrong_gradient_source) {
  // A gradient source with a bug in ∂/∂x1 (as a wrong custom op would have).
  CheckedFunction f;
  f.value_and_gradient = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = Eigen::Vector2d(2 * x[0], 3 * x[1]);
    return x.squaredNorm();
  };
  const auto report = check_gradient(f, Eigen::Vector2d(1.0, 2.0));
  BOOST_TEST(report.row(0, 0).verdict == Verdict::ok);
  BOOST_TEST(report.row(0, 1).verdict == Verdict::fd_mismatch);
  BOOST_TEST(report.summary.fd_disagreeing_components == std::vector<std::string>{"x1"});
  BOOST_TEST(!report.summary.passed);
}

BOOST_AUTO_TEST_CASE(finite_differences_can_be_switched_off) {
  GradientCheckOptions options;
  options.finite_differences = false;
  const auto report = check_hand_gradient(
      square_sum, [](const Eigen::VectorXd& x) { return Eigen::VectorXd(2 * x); },
      Eigen::Vector2d(1.0, 2.0), options);
  BOOST_TEST(std::isnan(report.row(0, 0).fd));
  BOOST_TEST(!report.summary.fd_checked);
  BOOST_TEST(report.fd_scheme.empty());
  BOOST_TEST(report.summary.passed);
}

BOOST_AUTO_TEST_CASE(inconsistent_input_throws) {
  auto hand2 = [](const Eigen::VectorXd& x) { return Eigen::VectorXd(2 * x); };
  BOOST_CHECK_THROW(check_tape_gradient(square_sum, std::vector<Eigen::VectorXd>{}), Error);
  BOOST_CHECK_THROW(
      check_tape_gradient(square_sum,
                          std::vector<Eigen::VectorXd>{Eigen::Vector2d(1, 2), Eigen::Vector3d(1, 2, 3)}),
      Error);
  BOOST_CHECK_THROW(check_hand_gradient(
                        square_sum, [](const Eigen::VectorXd&) { return Eigen::VectorXd(3); },
                        Eigen::Vector2d(1, 2)),
                    Error);
  BOOST_CHECK_THROW(check_hand_partials(square_sum, {HandPartial{}}, Eigen::Vector2d(1, 2)), Error);
  BOOST_CHECK_THROW(check_hand_gradient(square_sum, hand2, Eigen::Vector2d(1, 2),
                                        {.names = {"only_one"}}),
                    Error);
  BOOST_CHECK_THROW(check_gradient(CheckedFunction{}, Eigen::Vector2d(1, 2)), Error);
}

BOOST_AUTO_TEST_SUITE_END()
