// SPDX-License-Identifier: MIT
// Checked mode: just outside an op's domain throws a DomainError naming the op, its inputs and
// their names; just inside does not. Unchecked tapes follow IEEE instead (see kinks.cpp).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "autodiff/autodiff.hpp"

using namespace tapegrad;

namespace {

struct Edge {
  Op op;
  std::function<Var(Var)> f;
  double inside;
  double outside;
};

const double tiny = 1e-300;
const double below_one = 1.0 - 1e-15;
const double above_one = 1.0 + 1e-15;

const std::vector<Edge>& edges() {
  static const std::vector<Edge> table = {
      {Op::log, [](Var a) { return log(a); }, tiny, -tiny},
      {Op::log, [](Var a) { return log(a); }, tiny, 0.0},  // log(0) = −∞ from a finite input
      {Op::log2, [](Var a) { return log2(a); }, tiny, -1.0},
      {Op::log10, [](Var a) { return log10(a); }, tiny, -1.0},
      {Op::log1p, [](Var a) { return log1p(a); }, -below_one, -1.0},
      {Op::sqrt, [](Var a) { return sqrt(a); }, tiny, -tiny},
      {Op::sqrt, [](Var a) { return sqrt(a); }, tiny, 0.0},  // infinite slope at 0
      {Op::asin, [](Var a) { return asin(a); }, below_one, above_one},
      {Op::acos, [](Var a) { return acos(a); }, -below_one, -above_one},
      {Op::acosh, [](Var a) { return acosh(a); }, above_one, below_one},
      {Op::atanh, [](Var a) { return atanh(a); }, below_one, 1.0},
      {Op::div, [](Var a) { return 1.0 / a; }, 1e-100, 0.0},
      {Op::div, [](Var a) { return 1.0 / a; }, 1e-100, tiny},  // the slope −1/a² overflows
      {Op::pow, [](Var a) { return pow(a, 0.5); }, tiny, -tiny},
      {Op::pow, [](Var a) { return pow(a, 3.0); }, -2.0, -1e300},  // a³ overflows
      {Op::exp, [](Var a) { return exp(a); }, 700.0, 710.0},    // overflow from a finite input
  };
  return table;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(checked_mode)

BOOST_AUTO_TEST_CASE(just_outside_the_domain_throws_and_just_inside_does_not) {
  for (const Edge& e : edges()) {
    BOOST_TEST_CONTEXT(info(e.op).name << " inside at " << e.inside << ", outside at " << e.outside) {
      Tape tape({.checked = true});
      auto scope = tape.activate();
      BOOST_CHECK_NO_THROW(e.f(tape.input(e.inside)));
      try {
        e.f(tape.input(e.outside, "x"));
        BOOST_ERROR("no DomainError");
      } catch (const DomainError& error) {
        BOOST_TEST((error.op() == e.op));
        BOOST_TEST(std::string(error.what()).find(info(e.op).name) != std::string::npos);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(the_message_names_the_op_its_inputs_and_the_domain) {
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(-1.0, "x");
  try {
    const Var y = log(x);  // recorded when it becomes a Var
    (void)y;
    BOOST_ERROR("no DomainError");
  } catch (const DomainError& e) {
    BOOST_TEST(e.what() == std::string("domain error in log(a = x = -1): outside the domain a > 0"));
    BOOST_TEST(e.inputs().size() == 1u);
    BOOST_TEST(e.inputs()[0].name == "x");
    BOOST_TEST(e.inputs()[0].value == -1.0);
  }
}

BOOST_AUTO_TEST_CASE(division_by_zero_names_both_operands) {
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var a = tape.input(1.0, "a"), b = tape.input(0.0, "b");
  try {
    const Var q = a / b;
    (void)q;
    BOOST_ERROR("no DomainError");
  } catch (const DomainError& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("div(a = a = 1, b = b = 0)") != std::string::npos);
    BOOST_TEST(what.find("b ≠ 0") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(negative_base_with_a_recorded_exponent_throws) {
  // (−2)^b is real only at integer b, so ∂/∂b = ln(a)·a^b has no value even at b = 2.
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var b = tape.input(2.0, "b");
  BOOST_CHECK_THROW(Var(pow(-2.0, b)), DomainError);
  BOOST_CHECK_NO_THROW(Var(pow(2.0, b)));
}

BOOST_AUTO_TEST_CASE(nan_inputs_do_not_raise_a_second_error) {
  // Only the first op that turns finite inputs into NaN throws; a NaN already present passes on.
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(std::numeric_limits<double>::quiet_NaN());
  BOOST_CHECK_NO_THROW(Var(x * 2.0));
  BOOST_CHECK_NO_THROW(Var(sin(x)));
}

BOOST_AUTO_TEST_CASE(unchecked_tapes_do_not_throw) {
  Tape tape;
  auto scope = tape.activate();
  for (const Edge& e : edges()) BOOST_CHECK_NO_THROW(e.f(tape.input(e.outside)));
}

BOOST_AUTO_TEST_SUITE_END()
