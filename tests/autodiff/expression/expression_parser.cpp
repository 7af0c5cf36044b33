// SPDX-License-Identifier: MIT
// The expression parser: precedence, associativity, the Unicode spellings, every function against
// <cmath> and its derivative against a central finite difference, and recording onto a tape.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>
#include <numbers>
#include <string>

#include "autodiff/autodiff.hpp"
#include "autodiff/expression/parser.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

namespace {

// The value of a constant expression.
double eval(const std::string& text) { return parse_expression(text).evaluate({}); }

// The value of an expression of x.
double eval_x(const std::string& text, double x) {
  const Expression e = parse_expression(text);
  BOOST_TEST_REQUIRE(e.variables().size() <= 1u);
  std::vector<double> values(e.variables().size(), x);
  return e.evaluate(values);
}

// d/dx of an expression of x, by the tape.
double derivative(const Expression& e, double x) {
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var xv = tape.input(x, "x");
  const Var y = e.record({{"x", xv}});
  return tape.backward(y)[xv];
}

}  // namespace

BOOST_AUTO_TEST_SUITE(expression_parser)

BOOST_AUTO_TEST_CASE(numbers_in_every_spelling) {
  BOOST_TEST(eval("3") == 3.0);
  BOOST_TEST(eval("0.5") == 0.5);
  BOOST_TEST(eval(".5") == 0.5);
  BOOST_TEST(eval("1e-3") == 1e-3);
  BOOST_TEST(eval("2.5E+2") == 250.0);
  BOOST_TEST(eval("  7 ") == 7.0);
  BOOST_TEST(eval("1e-400") == 0.0);  // underflow is fine: it rounds to 0
}

BOOST_AUTO_TEST_CASE(products_bind_tighter_than_sums) {
  BOOST_TEST(eval("1 + 2 * 3") == 7.0);
  BOOST_TEST(eval("(1 + 2) * 3") == 9.0);
  BOOST_TEST(eval("8 - 6 / 2") == 5.0);
}

BOOST_AUTO_TEST_CASE(sums_and_products_are_left_associative) {
  BOOST_TEST(eval("10 - 4 - 3") == 3.0);
  BOOST_TEST(eval("64 / 4 / 2") == 8.0);
  BOOST_TEST(eval("2 * 3 / 4") == 1.5);
}

BOOST_AUTO_TEST_CASE(power_is_right_associative) {
  BOOST_TEST(eval("2^3^2") == 512.0);
  BOOST_TEST(eval("2**3**2") == 512.0);
  BOOST_TEST(eval("(2^3)^2") == 64.0);
}

BOOST_AUTO_TEST_CASE(power_binds_tighter_than_unary_minus) {
  BOOST_TEST(eval_x("-x^2", 3.0) == -9.0);
  BOOST_TEST(eval_x("(-x)^2", 3.0) == 9.0);
  BOOST_TEST(eval("-2^2") == -4.0);
  BOOST_TEST(eval("2^-1") == 0.5);
  BOOST_TEST(eval("2^-3^2") == std::pow(2.0, -9.0));  // the exponent is -(3^2)
  BOOST_TEST(eval("2^-1*4") == 2.0);                   // (2^-1)*4
}

BOOST_AUTO_TEST_CASE(unary_signs) {
  BOOST_TEST(eval("-3") == -3.0);
  BOOST_TEST(eval("+3") == 3.0);
  BOOST_TEST(eval("--3") == 3.0);
  BOOST_TEST(eval("2 - -3") == 5.0);
  BOOST_TEST(eval("2 * -3") == -6.0);
  BOOST_TEST(eval("-2 * 3") == -6.0);
  BOOST_TEST(eval("-(2 + 3)") == -5.0);
}

BOOST_AUTO_TEST_CASE(unicode_spellings_of_the_lessons) {
  BOOST_TEST(eval_x("x²", 3.0) == 9.0);
  BOOST_TEST(eval_x("x³", 2.0) == 8.0);
  BOOST_TEST(eval_x("-x²", 3.0) == -9.0);
  BOOST_TEST(eval_x("(x+1)²", 2.0) == 9.0);
  BOOST_TEST(eval("2·3") == 6.0);
  BOOST_TEST(eval("2×3") == 6.0);
  BOOST_TEST(eval("6÷3") == 2.0);
  BOOST_TEST(eval("5 − 3") == 2.0);  // U+2212 MINUS SIGN
  BOOST_TEST(eval("2¹⁰") == 1024.0);
  BOOST_TEST(eval("2^3²") == 512.0);  // 2^(3²)
  BOOST_TEST(eval_x("sin(x)²", 0.5) == std::pow(std::sin(0.5), 2), tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(constants_and_aliases) {
  BOOST_TEST(eval("pi") == std::numbers::pi);
  BOOST_TEST(eval("e") == std::numbers::e);
  BOOST_TEST(eval("ln(e)") == 1.0);
  BOOST_TEST(eval("cos(pi)") == -1.0);
}

BOOST_AUTO_TEST_CASE(variables_in_order_of_first_use) {
  const Expression e = parse_expression("(y - (w1*x + w0))^2 + w1");
  const std::vector<std::string> expected{"y", "w1", "x", "w0"};
  BOOST_TEST(e.variables() == expected, tt::per_element());
  BOOST_TEST(*e.variable_index("x") == 2u);
  BOOST_TEST(!e.variable_index("z").has_value());
}

BOOST_AUTO_TEST_CASE(the_function_list_comes_from_the_rule_table) {
  // Every op written with call syntax in op_rules.hpp is a function, and nothing else but the
  // aliases is.
  std::size_t callable = 0;
  for (const OpInfo& row : op_infos) {
    if (row.arity >= 1 && (row.symbol.empty() || row.op == Op::pow)) {
      ++callable;
      BOOST_TEST_CONTEXT(row.name) {
        BOOST_TEST(find_function(row.name).has_value());
        BOOST_TEST(static_cast<int>(*find_function(row.name)) == static_cast<int>(row.op));
      }
    }
  }
  BOOST_TEST(function_names().size() == callable + 1);  // + ln
  BOOST_TEST(!find_function("add").has_value());
  BOOST_TEST(!find_function("neg").has_value());
}

// Every function of the issue, with its value against <cmath> and its derivative against a
// central finite difference at a point inside its domain.
struct FunctionCase {
  const char* text;
  double x;
  double expected;
};
std::ostream& operator<<(std::ostream& os, const FunctionCase& c) { return os << c.text << " at " << c.x; }

const FunctionCase function_cases[] = {
    {"sin(x)", 0.7, std::sin(0.7)},          {"cos(x)", 0.7, std::cos(0.7)},
    {"tan(x)", 0.7, std::tan(0.7)},          {"asin(x)", 0.3, std::asin(0.3)},
    {"acos(x)", 0.3, std::acos(0.3)},        {"atan(x)", 0.3, std::atan(0.3)},
    {"sinh(x)", 0.7, std::sinh(0.7)},        {"cosh(x)", 0.7, std::cosh(0.7)},
    {"tanh(x)", 0.7, std::tanh(0.7)},        {"exp(x)", 0.7, std::exp(0.7)},
    {"log(x)", 0.7, std::log(0.7)},          {"ln(x)", 0.7, std::log(0.7)},
    {"log2(x)", 0.7, std::log2(0.7)},        {"log10(x)", 0.7, std::log10(0.7)},
    {"sqrt(x)", 0.7, std::sqrt(0.7)},        {"abs(x)", -0.7, 0.7},
    {"sigmoid(x)", 0.7, 1.0 / (1.0 + std::exp(-0.7))},
    {"relu(x)", 0.7, 0.7},                   {"relu(x)", -0.7, 0.0},
    {"softplus(x)", 0.7, std::log1p(std::exp(0.7))},
    {"pow(x, 3)", 0.7, std::pow(0.7, 3)},    {"pow(2, x)", 0.7, std::pow(2.0, 0.7)},
    {"min(x, 0.5)", 0.7, 0.5},               {"min(x, 0.9)", 0.7, 0.7},
    {"max(x, 0.5)", 0.7, 0.7},               {"max(x, 0.9)", 0.7, 0.9},
    {"atan2(x, 2)", 0.7, std::atan2(0.7, 2.0)},
    {"atan2(1, x)", 0.7, std::atan2(1.0, 0.7)},
    {"exp2(x)", 0.7, std::exp2(0.7)},        {"expm1(x)", 0.7, std::expm1(0.7)},
    {"log1p(x)", 0.7, std::log1p(0.7)},      {"cbrt(x)", 0.7, std::cbrt(0.7)},
    {"asinh(x)", 0.7, std::asinh(0.7)},      {"acosh(x)", 1.7, std::acosh(1.7)},
    {"atanh(x)", 0.7, std::atanh(0.7)},      {"erf(x)", 0.7, std::erf(0.7)},
    {"erfc(x)", 0.7, std::erfc(0.7)},        {"hypot(x, 2)", 0.7, std::hypot(0.7, 2.0)},
    {"fmin(x, 2)", 0.7, 0.7},                {"fmax(x, 2)", 0.7, 2.0},
    {"floor(x)", 0.7, 0.0},                  {"ceil(x)", 0.7, 1.0},
    {"round(x)", 0.7, 1.0},
};

BOOST_DATA_TEST_CASE(every_function_value_and_derivative, boost::unit_test::data::make(function_cases), c) {
  const Expression e = parse_expression(c.text);
  const double xs[] = {c.x};
  BOOST_TEST(e.evaluate(xs) == c.expected, tt::tolerance(1e-14));
  // Central difference, h = cbrt(eps)·max(1, |x|).
  const double h = std::cbrt(2.2e-16) * std::max(1.0, std::abs(c.x));
  const double xp[] = {c.x + h}, xm[] = {c.x - h};
  const double fd = (e.evaluate(xp) - e.evaluate(xm)) / (2 * h);
  const double ad = derivative(e, c.x);
  BOOST_TEST(ad == fd, tt::tolerance(1e-7));
}

BOOST_AUTO_TEST_CASE(records_through_the_rule_table) {
  // Lesson 000: f(x) = x² − 4x + 3 at x = 5: f = 8, f' = 2·5 − 4 = 6.
  const Expression f = parse_expression("x^2 - 4*x + 3");
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(5.0, "x");
  const Var y = f.record({{"x", x}});
  BOOST_TEST(y.value() == 8.0);
  BOOST_TEST(tape.backward(y)[x] == 6.0);
  // Constants fold: only ops with a recorded operand reach the tape (pow, mul, sub, add).
  BOOST_TEST(tape.size() == 5u);
}

BOOST_AUTO_TEST_CASE(regression_loss_gives_the_corrected_lesson_partials) {
  // Lesson 000: L = (y − (w1·x + w0))² at x = 1, y = 2, w0 = w1 = 0: ∂L/∂w0 = ∂L/∂w1 = −4.
  const Expression loss = parse_expression("(y - (w1*x + w0))^2");
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var w0 = tape.input(0.0, "w0"), w1 = tape.input(0.0, "w1");
  const Var l = loss.record({{"x", Var(1.0)}, {"y", Var(2.0)}, {"w0", w0}, {"w1", w1}});
  const auto g = gradient(l, {w0, w1});
  BOOST_TEST(l.value() == 4.0);
  BOOST_TEST(g[0] == -4.0);
  BOOST_TEST(g[1] == -4.0);
}

BOOST_AUTO_TEST_CASE(a_variable_used_twice_collects_both_paths) {
  const Expression e = parse_expression("x*x + sin(x)");
  BOOST_TEST(derivative(e, 0.3) == 2 * 0.3 + std::cos(0.3), tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(unbound_variable_is_named) {
  const Expression e = parse_expression("x + y");
  Tape tape;
  auto scope = tape.activate();
  BOOST_CHECK_EXCEPTION(e.record({{"x", tape.input(1.0)}}), UnboundVariableError,
                        [](const UnboundVariableError& err) { return err.name() == "y"; });
}

BOOST_AUTO_TEST_SUITE_END()
