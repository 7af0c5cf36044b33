// SPDX-License-Identifier: MIT
// Every public operator and function on Var records the op it names, with the value std:: gives,
// for Var and plain-number operands on either side.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "autodiff/autodiff.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

namespace {

struct UnaryCase {
  Op op;
  std::function<Var(Var)> on_var;
  double (*on_double)(double);
};

double sigmoid_ref(double a) { return 1.0 / (1.0 + std::exp(-a)); }
double relu_ref(double a) { return a > 0 ? a : 0.0; }
double softplus_ref(double a) { return std::log1p(std::exp(a)); }
double neg_ref(double a) { return -a; }

const std::vector<UnaryCase>& unary_cases() {
  static const std::vector<UnaryCase> cases = {
      {Op::neg, [](Var a) { return -a; }, neg_ref},
      {Op::exp, [](Var a) { return exp(a); }, [](double a) { return std::exp(a); }},
      {Op::exp2, [](Var a) { return exp2(a); }, [](double a) { return std::exp2(a); }},
      {Op::expm1, [](Var a) { return expm1(a); }, [](double a) { return std::expm1(a); }},
      {Op::log, [](Var a) { return log(a); }, [](double a) { return std::log(a); }},
      {Op::log2, [](Var a) { return log2(a); }, [](double a) { return std::log2(a); }},
      {Op::log10, [](Var a) { return log10(a); }, [](double a) { return std::log10(a); }},
      {Op::log1p, [](Var a) { return log1p(a); }, [](double a) { return std::log1p(a); }},
      {Op::sqrt, [](Var a) { return sqrt(a); }, [](double a) { return std::sqrt(a); }},
      {Op::cbrt, [](Var a) { return cbrt(a); }, [](double a) { return std::cbrt(a); }},
      {Op::sin, [](Var a) { return sin(a); }, [](double a) { return std::sin(a); }},
      {Op::cos, [](Var a) { return cos(a); }, [](double a) { return std::cos(a); }},
      {Op::tan, [](Var a) { return tan(a); }, [](double a) { return std::tan(a); }},
      {Op::asin, [](Var a) { return asin(a); }, [](double a) { return std::asin(a); }},
      {Op::acos, [](Var a) { return acos(a); }, [](double a) { return std::acos(a); }},
      {Op::atan, [](Var a) { return atan(a); }, [](double a) { return std::atan(a); }},
      {Op::sinh, [](Var a) { return sinh(a); }, [](double a) { return std::sinh(a); }},
      {Op::cosh, [](Var a) { return cosh(a); }, [](double a) { return std::cosh(a); }},
      {Op::tanh, [](Var a) { return tanh(a); }, [](double a) { return std::tanh(a); }},
      {Op::asinh, [](Var a) { return asinh(a); }, [](double a) { return std::asinh(a); }},
      {Op::acosh, [](Var a) { const Var shifted = a + 1.5; return acosh(shifted); }, [](double a) { return std::acosh(a + 1.5); }},
      {Op::atanh, [](Var a) { return atanh(a); }, [](double a) { return std::atanh(a); }},
      {Op::abs, [](Var a) { return abs(a); }, [](double a) { return std::abs(a); }},
      {Op::relu, [](Var a) { return relu(a); }, relu_ref},
      {Op::floor, [](Var a) { return floor(a); }, [](double a) { return std::floor(a); }},
      {Op::ceil, [](Var a) { return ceil(a); }, [](double a) { return std::ceil(a); }},
      {Op::round, [](Var a) { return round(a); }, [](double a) { return std::round(a); }},
      {Op::erf, [](Var a) { return erf(a); }, [](double a) { return std::erf(a); }},
      {Op::erfc, [](Var a) { return erfc(a); }, [](double a) { return std::erfc(a); }},
      {Op::sigmoid, [](Var a) { return sigmoid(a); }, sigmoid_ref},
      {Op::softplus, [](Var a) { return softplus(a); }, softplus_ref},
  };
  return cases;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(forwarders)

BOOST_AUTO_TEST_CASE(unary_functions_record_their_op_and_std_value) {
  for (const double a : {0.3, 0.71}) {
    for (const auto& c : unary_cases()) {
      BOOST_TEST_CONTEXT(info(c.op).name << " at " << a) {
        Tape tape;
        auto scope = tape.activate();
        const Var y = c.on_var(tape.input(a));
        BOOST_TEST((tape.op(y.index()) == c.op));
        BOOST_TEST(y.value() == c.on_double(a), tt::tolerance(1e-14));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(binary_operators_with_var_and_double_on_either_side) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(1.5), y = tape.input(-0.5);
  struct Case {
    Var result;
    Op op;
    double expected;
    std::size_t recorded_inputs;
  };
  const Case cases[] = {
      {x + y, Op::add, 1.0, 2},   {x + 2, Op::add, 3.5, 1},    {2.0 + x, Op::add, 3.5, 1},
      {x - y, Op::sub, 2.0, 2},   {x - 2, Op::sub, -0.5, 1},   {2 - x, Op::sub, 0.5, 1},
      {x * y, Op::mul, -0.75, 2}, {x * 2, Op::mul, 3.0, 1},    {2 * x, Op::mul, 3.0, 1},
      {x / y, Op::div, -3.0, 2},  {x / 2, Op::div, 0.75, 1},   {3 / x, Op::div, 2.0, 1},
      {pow(x, y), Op::pow, std::pow(1.5, -0.5), 2},
      {pow(x, 2), Op::pow, 2.25, 1},
      {pow(2.0, x), Op::pow, std::pow(2.0, 1.5), 1},
      {atan2(x, y), Op::atan2, std::atan2(1.5, -0.5), 2},
      {min(x, y), Op::min, -0.5, 2},  {max(x, 1.0), Op::max, 1.5, 1},
      {fmin(x, y), Op::fmin, -0.5, 2}, {fmax(0.0, y), Op::fmax, 0.0, 1},
      {hypot(x, y), Op::hypot, std::hypot(1.5, -0.5), 2},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(info(c.op).name) {
      BOOST_TEST((tape.op(c.result.index()) == c.op));
      BOOST_TEST(c.result.value() == c.expected, tt::tolerance(1e-15));
      BOOST_TEST(tape.arg_nodes(c.result.index()).size() == c.recorded_inputs);
    }
  }
}

BOOST_AUTO_TEST_CASE(compound_assignment_and_unary_plus) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(2.0);
  Var y = x;
  y += 1;   // 3
  y *= x;   // 6
  y -= x;   // 4
  y /= 2.0; // 2
  BOOST_TEST(y.value() == 2.0);
  // y = (x + 1)·x/2 − x/2 = (x² + x − x)/2 = x²/2, so dy/dx = x = 2.
  BOOST_TEST(tape.backward(y)[x] == 2.0);
  const auto before = tape.size();
  const Var z = +x;
  BOOST_TEST(tape.size() == before);  // unary plus records nothing
  BOOST_TEST(z.index() == x.index());
}

BOOST_AUTO_TEST_CASE(comparisons_compare_values_and_record_nothing) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(2.0), y = tape.input(3.0);
  const auto before = tape.size();
  BOOST_TEST((x < y));
  BOOST_TEST((x <= 2));
  BOOST_TEST((3.0 > x));
  BOOST_TEST((y >= x));
  BOOST_TEST((x == 2.0));
  BOOST_TEST((x != y));
  BOOST_TEST(!(x > y));
  BOOST_TEST(tape.size() == before);
}

BOOST_AUTO_TEST_CASE(constants_record_nothing_even_without_a_tape) {
  // No tape is active: arithmetic on constants is plain arithmetic.
  const Var a = 2.0, b = 3;
  const Var c = sin(a) * b + pow(a, b);
  BOOST_TEST(!c.is_recorded());
  BOOST_TEST(c.value() == std::sin(2.0) * 3 + 8.0, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_SUITE_END()
