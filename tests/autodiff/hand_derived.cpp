// SPDX-License-Identifier: MIT
// Gradients of small expressions against their hand-derived formulas: products, quotients,
// chains three levels deep, shared subexpressions, an input used twice — and lesson 000's
// chain-rule examples, with the lesson's own numbers.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "autodiff/autodiff.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

namespace {

struct Case {
  std::string name;
  std::function<Var(Var, Var)> f;
  std::function<double(double, double)> dfdx;  // derived by hand
  std::function<double(double, double)> dfdy;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> table = {
      {"product x·y", [](Var x, Var y) { return x * y; },
       [](double, double y) { return y; }, [](double x, double) { return x; }},
      {"quotient x/y", [](Var x, Var y) { return x / y; },
       [](double, double y) { return 1 / y; }, [](double x, double y) { return -x / (y * y); }},
      {"three levels: exp(sin(x·y))", [](Var x, Var y) { return exp(sin(x * y)); },
       [](double x, double y) { return std::exp(std::sin(x * y)) * std::cos(x * y) * y; },
       [](double x, double y) { return std::exp(std::sin(x * y)) * std::cos(x * y) * x; }},
      {"shared subexpression: u = x + y, u·u + sin(u)",
       [](Var x, Var y) {
         const Var u = x + y;
         return u * u + sin(u);
       },
       [](double x, double y) { return 2 * (x + y) + std::cos(x + y); },
       [](double x, double y) { return 2 * (x + y) + std::cos(x + y); }},
      {"input used twice: x·x·y", [](Var x, Var y) { return x * x * y; },
       [](double x, double y) { return 2 * x * y; }, [](double x, double) { return x * x; }},
      {"x^y", [](Var x, Var y) { return pow(x, y); },
       [](double x, double y) { return y * std::pow(x, y - 1); },
       [](double x, double y) { return std::log(x) * std::pow(x, y); }},
      {"log-sum-exp of (x, y)", [](Var x, Var y) { return log(exp(x) + exp(y)); },
       [](double x, double y) { return std::exp(x) / (std::exp(x) + std::exp(y)); },
       [](double x, double y) { return std::exp(y) / (std::exp(x) + std::exp(y)); }},
  };
  return table;
}

double derivative(const std::function<Var(Var)>& f, double x) {
  Tape tape;
  auto scope = tape.activate();
  const Var v = tape.input(x);
  return tape.backward(f(v))[v];
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hand_derived)

BOOST_AUTO_TEST_CASE(gradients_match_hand_derivations) {
  for (const auto& c : cases()) {
    for (const auto& [x, y] : {std::pair{1.3, 0.7}, std::pair{0.4, 2.5}, std::pair{2.0, -1.5}}) {
      BOOST_TEST_CONTEXT(c.name << " at x = " << x << ", y = " << y) {
        Tape tape;
        auto scope = tape.activate();
        const Var vx = tape.input(x), vy = tape.input(y);
        const auto g = gradient(c.f(vx, vy), {vx, vy});
        BOOST_TEST(g[0] == c.dfdx(x, y), tt::tolerance(1e-13));
        BOOST_TEST(g[1] == c.dfdy(x, y), tt::tolerance(1e-13));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(lesson_000_square_of_linear) {
  // (3x + 5)² → 2(3x + 5)·3: at x = 0 the slope is 30, at x = 10 it is 210 (lesson 000).
  const auto f = [](Var x) { return pow(3 * x + 5, 2); };
  BOOST_TEST(derivative(f, 0.0) == 30.0);
  BOOST_TEST(derivative(f, 10.0) == 210.0);
}

BOOST_AUTO_TEST_CASE(lesson_000_sin_2x) {
  // sin(2x) → 2·cos(2x).
  for (double x : {0.0, 0.3, 2.0})
    BOOST_TEST(derivative([](Var v) { return sin(2 * v); }, x) == 2 * std::cos(2 * x),
               tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(lesson_000_square_of_quadratic) {
  // (2x² + 4x + 8)² → 2(2x² + 4x + 8)·(4x + 4).
  for (double x : {-1.0, 0.5, 3.0})
    BOOST_TEST(derivative([](Var v) { return pow(2 * v * v + 4 * v + 8, 2); }, x) ==
                   2 * (2 * x * x + 4 * x + 8) * (4 * x + 4),
               tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(lesson_000_three_layers) {
  // ln(sin((x² + 1)³)) → cos((x²+1)³)/sin((x²+1)³) · 3(x²+1)² · 2x.
  for (double x : {0.3, 0.5}) {
    const double u = x * x + 1, v = u * u * u;
    BOOST_TEST(derivative([](Var t) { return log(sin(pow(t * t + 1, 3))); }, x) ==
                   std::cos(v) / std::sin(v) * 3 * u * u * 2 * x,
               tt::tolerance(1e-13));
  }
}

BOOST_AUTO_TEST_SUITE_END()
