// SPDX-License-Identifier: MIT
// The documented choice at every kink of the rule table (op_rules.hpp), pinned by example.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

#include "autodiff/autodiff.hpp"

using namespace tapegrad;

namespace {
// ∂f/∂a and ∂f/∂b of f(a, b) at (a, b).
template <class F>
std::pair<double, double> partials(F f, double a, double b) {
  Tape tape;
  auto scope = tape.activate();
  const Var va = tape.input(a), vb = tape.input(b);
  const auto adj = tape.backward(f(va, vb));
  return {adj[va], adj[vb]};
}
template <class F>
double slope(F f, double a) {
  return partials([&](Var x, Var) { return f(x); }, a, 0.0).first;
}
const double quiet_nan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

BOOST_AUTO_TEST_SUITE(kinks)

BOOST_AUTO_TEST_CASE(abs_and_relu_have_slope_zero_at_zero) {
  BOOST_TEST(slope([](Var x) { return abs(x); }, 0.0) == 0.0);
  BOOST_TEST(slope([](Var x) { return abs(x); }, -2.0) == -1.0);
  BOOST_TEST(slope([](Var x) { return relu(x); }, 0.0) == 0.0);
  BOOST_TEST(slope([](Var x) { return relu(x); }, 1e-300) == 1.0);
}

BOOST_AUTO_TEST_CASE(min_and_max_split_a_tie) {
  const auto [da, db] = partials([](Var a, Var b) { return min(a, b); }, 1.0, 1.0);
  BOOST_TEST(da == 0.5);
  BOOST_TEST(db == 0.5);
  const auto [ma, mb] = partials([](Var a, Var b) { return max(a, b); }, 1.0, 1.0);
  BOOST_TEST(ma == 0.5);
  BOOST_TEST(mb == 0.5);
  // min(x, x) = x: the split makes its slope exactly 1.
  BOOST_TEST(slope([](Var x) { return min(x, x); }, 3.0) == 1.0);
}

BOOST_AUTO_TEST_CASE(fmin_and_fmax_ignore_a_nan_input) {
  const auto [da, db] = partials([](Var a, Var b) { return fmin(a, b); }, quiet_nan, 2.0);
  BOOST_TEST(da == 0.0);
  BOOST_TEST(db == 1.0);
  const auto [ea, eb] = partials([](Var a, Var b) { return fmax(a, b); }, 2.0, quiet_nan);
  BOOST_TEST(ea == 1.0);
  BOOST_TEST(eb == 0.0);
}

BOOST_AUTO_TEST_CASE(pow_at_base_zero) {
  // 0^b for b > 0 is flat in b: ∂/∂b = 0, not log(0)·0 = NaN.
  const auto [da, db] = partials([](Var a, Var b) { return pow(a, b); }, 0.0, 2.0);
  BOOST_TEST(da == 0.0);
  BOOST_TEST(db == 0.0);
  // 0^0: ∂/∂a is 0 (b = 0), not 0·0^(−1) = NaN.
  const auto [za, zb] = partials([](Var a, Var b) { return pow(a, b); }, 0.0, 0.0);
  BOOST_TEST(za == 0.0);
  BOOST_TEST(zb == 0.0);
}

BOOST_AUTO_TEST_CASE(constant_exponent_never_takes_log_of_a_negative_base) {
  // x² at x = −1: the exponent is a constant, so ln(−1) is never evaluated.
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(-1.0);
  const Var y = pow(x, 2);
  BOOST_TEST(tape.backward(y)[x] == -2.0);
  BOOST_TEST(tape.arg_partials(y.index()).size() == 1u);
}

BOOST_AUTO_TEST_CASE(hypot_and_atan2_at_the_origin_have_zero_partials) {
  const auto [ha, hb] = partials([](Var a, Var b) { return hypot(a, b); }, 0.0, 0.0);
  BOOST_TEST(ha == 0.0);
  BOOST_TEST(hb == 0.0);
  const auto [ta, tb] = partials([](Var a, Var b) { return atan2(a, b); }, 0.0, 0.0);
  BOOST_TEST(ta == 0.0);
  BOOST_TEST(tb == 0.0);
}

BOOST_AUTO_TEST_CASE(floor_ceil_round_are_flat_even_at_their_jumps) {
  BOOST_TEST(slope([](Var x) { return floor(x); }, 2.0) == 0.0);
  BOOST_TEST(slope([](Var x) { return ceil(x); }, 2.0) == 0.0);
  BOOST_TEST(slope([](Var x) { return round(x); }, 2.5) == 0.0);
}

BOOST_AUTO_TEST_CASE(sigmoid_and_softplus_are_stable_far_out) {
  // exp(800) overflows; the rows are written so that neither value nor slope does.
  BOOST_TEST(slope([](Var x) { return sigmoid(x); }, -800.0) == 0.0);
  BOOST_TEST(slope([](Var x) { return sigmoid(x); }, 800.0) == 0.0);
  BOOST_TEST(slope([](Var x) { return softplus(x); }, 800.0) == 1.0);
  BOOST_TEST(slope([](Var x) { return softplus(x); }, -800.0) == 0.0);
  Tape tape;
  auto scope = tape.activate();
  BOOST_TEST(softplus(tape.input(800.0)).value() == 800.0);
}

BOOST_AUTO_TEST_CASE(ieee_values_outside_the_domain_when_not_checked) {
  // Unchecked, values follow IEEE like std:: (log(−1) is NaN), and nothing throws.
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(-1.0);
  BOOST_TEST(std::isnan(log(x).value()));
  BOOST_TEST(std::isnan(sqrt(x).value()));
  BOOST_TEST(std::isinf((1.0 / (x + 1.0)).value()));
}

BOOST_AUTO_TEST_SUITE_END()
