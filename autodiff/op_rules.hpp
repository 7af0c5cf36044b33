// SPDX-License-Identifier: MIT
// The rule table: the one place where each primitive's value and local partial derivatives live.
// The recorder (var_ops.hpp), explain, the expression parser, the Hessian machinery and the per-op
// tests all read these rows. Forward: `value(a[, b])`. Backward: `d0(a, [b,] y)` = ∂y/∂a and
// `d1(a, b, y)` = ∂y/∂b, given the inputs and the output y, so that exp, sqrt, tanh and sigmoid
// reuse y. A partial is only evaluated for an input that is recorded on the tape, so the exponent's
// partial of `x^2` is never computed (and log(x) is never taken for x < 0).
//
// Vocabulary of the text columns: a and b are the inputs, y the output; `partial_text` is each
// partial in plain math; `domain_text` is where the op is defined ("" for all reals); `sample` is
// the interval each input is drawn from in tests, chosen to reach near the domain's edges but to
// avoid kinks, where finite differences are meaningless.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <string_view>
#include <tuple>
#include <utility>

#include "autodiff/op.hpp"
#include "autodiff/scalar.hpp"

namespace tapegrad {

struct Interval {
  double lo;
  double hi;
};

// The part of a row that needs no scalar type: names, formula text, domain text, test ranges.
struct OpInfo {
  Op op;
  std::string_view name;    // as spelled in C++, the command line and explain
  int arity;                // 0 for leaves, 1 or 2
  std::string_view symbol;  // the infix or prefix symbol ("+", "−"), "" for call syntax name(a, b)
  std::array<std::string_view, 2> partial_text;
  std::string_view domain_text;
  Interval sample[2];
};

namespace rules {

using std::abs, std::acos, std::acosh, std::asin, std::asinh, std::atan, std::atan2, std::atanh,
    std::cbrt, std::ceil, std::cos, std::cosh, std::erf, std::erfc, std::exp, std::exp2,
    std::expm1, std::floor, std::hypot, std::log, std::log10, std::log1p, std::log2, std::pow,
    std::round, std::sin, std::sinh, std::sqrt, std::tan, std::tanh;

// A row of the table: the OpInfo plus the scalar-generic value, partials and domain test.
template <class Value, class D0, class D1, class Domain>
struct Row {
  OpInfo info;
  Value value;
  D0 d0;
  D1 d1;
  Domain in_domain;  // on plain doubles; checked mode throws outside it
};

struct None {};
inline constexpr auto everywhere = [](auto...) { return true; };

template <class V, class D0, class Dom = decltype(everywhere)>
constexpr auto unary(OpInfo info, V value, D0 d0, Dom domain = everywhere) {
  info.arity = 1;
  return Row<V, D0, None, Dom>{info, value, d0, None{}, domain};
}
template <class V, class D0, class D1, class Dom = decltype(everywhere)>
constexpr auto binary(OpInfo info, V value, D0 d0, D1 d1, Dom domain = everywhere) {
  info.arity = 2;
  return Row<V, D0, D1, Dom>{info, value, d0, d1, domain};
}
constexpr auto leaf(OpInfo info) {
  info.arity = 0;
  return Row<None, None, None, decltype(everywhere)>{info, {}, {}, {}, everywhere};
}

// The scalar type of a generic lambda's argument, for writing constants in it.
template <class T>
using S = std::remove_cvref_t<T>;

// ∂min(a, b)/∂a: 1 when a is the smaller, 0 when b is, ½ at a tie.
template <class T, class A, class B>
constexpr T tie_split(const A& a, const B& b) {
  return a < b ? T(1) : (b < a ? T(0) : T(0.5));
}
// The same for fmin (is_min) or fmax, where a NaN input is ignored.
template <class T, class A, class B>
constexpr T nan_aware_split(const A& a, const B& b, bool is_min) {
  if (is_nan(a)) return T(0);
  if (is_nan(b)) return T(1);
  return is_min ? tie_split<T>(a, b) : tie_split<T>(b, a);
}

inline constexpr Interval reals{-3.0, 3.0};
inline constexpr Interval off_kinks{-2.9, 3.1};  // avoids 0, the integers and the half-integers
inline constexpr double inv_sqrt_pi_2 = 2.0 / 1.7724538509055160273;  // 2/√π

inline constexpr auto table = std::tuple{
    leaf({Op::input, "input", 0, "", {}, "", {}}),
    leaf({Op::block, "block", 0, "", {}, "", {}}),
    leaf({Op::statement, "statement", 0, "", {}, "", {}}),

    binary({Op::add, "add", 2, "+", {"1", "1"}, "", {reals, reals}},
           [](auto a, auto b) { return a + b; },
           [](auto, auto, auto y) { return S<decltype(y)>(1); },
           [](auto, auto, auto y) { return S<decltype(y)>(1); }),
    binary({Op::sub, "sub", 2, "−", {"1", "−1"}, "", {reals, reals}},
           [](auto a, auto b) { return a - b; },
           [](auto, auto, auto y) { return S<decltype(y)>(1); },
           [](auto, auto, auto y) { return S<decltype(y)>(-1); }),
    binary({Op::mul, "mul", 2, "·", {"b", "a"}, "", {reals, reals}},
           [](auto a, auto b) { return a * b; },
           [](auto, auto b, auto) { return b; },
           [](auto a, auto, auto) { return a; }),
    binary({Op::div, "div", 2, "/", {"1/b", "−a/b²"}, "b ≠ 0", {reals, {0.25, 4.0}}},
           [](auto a, auto b) { return a / b; },
           [](auto, auto b, auto) { return 1.0 / b; },
           [](auto, auto b, auto y) { return -y / b; },
           [](double, double b) { return b != 0.0; }),
    unary({Op::neg, "neg", 1, "−", {"−1", ""}, "", {reals, {}}},
          [](auto a) { return -a; },
          [](auto, auto y) { return S<decltype(y)>(-1); }),

    // pow at the edges: ∂/∂a is 0 when b = 0 (so 0^0 has slope 0, not 0·∞); ∂/∂b is 0 when
    // a = 0 (a^b is flat in b there for b > 0, as in JAX), and NaN for a < 0 (undefined in the
    // reals) — but it is computed only when the exponent is on the tape.
    binary({Op::pow, "pow", 2, "^", {"b·a^(b−1)", "ln(a)·a^b"}, "a ≥ 0, or b an integer",
            {{0.0, 3.0}, {-2.0, 3.0}}},
           [](auto a, auto b) { return pow(a, b); },
           [](auto a, auto b, auto) {
             return b == 0.0 ? S<decltype(a)>(0) : b * pow(a, b - 1.0);
           },
           [](auto a, auto, auto y) { return a == 0.0 ? S<decltype(a)>(0) : log(a) * y; },
           [](double a, double b) { return a >= 0.0 || b == std::round(b); }),
    unary({Op::exp, "exp", 1, "", {"exp(a)", ""}, "", {{-5.0, 5.0}, {}}},
          [](auto a) { return exp(a); },
          [](auto, auto y) { return y; }),
    unary({Op::exp2, "exp2", 1, "", {"ln(2)·2^a", ""}, "", {{-5.0, 5.0}, {}}},
          [](auto a) { return exp2(a); },
          [](auto, auto y) { return std::numbers::ln2 * y; }),
    unary({Op::expm1, "expm1", 1, "", {"exp(a)", ""}, "", {{-5.0, 5.0}, {}}},
          [](auto a) { return expm1(a); },
          [](auto, auto y) { return y + 1.0; }),
    unary({Op::log, "log", 1, "", {"1/a", ""}, "a > 0", {{0.0, 10.0}, {}}},
          [](auto a) { return log(a); },
          [](auto a, auto) { return 1.0 / a; },
          [](double a) { return a > 0.0; }),
    unary({Op::log2, "log2", 1, "", {"1/(a·ln 2)", ""}, "a > 0", {{0.0, 10.0}, {}}},
          [](auto a) { return log2(a); },
          [](auto a, auto) { return 1.0 / (std::numbers::ln2 * a); },
          [](double a) { return a > 0.0; }),
    unary({Op::log10, "log10", 1, "", {"1/(a·ln 10)", ""}, "a > 0", {{0.0, 10.0}, {}}},
          [](auto a) { return log10(a); },
          [](auto a, auto) { return 1.0 / (std::numbers::ln10 * a); },
          [](double a) { return a > 0.0; }),
    unary({Op::log1p, "log1p", 1, "", {"1/(1 + a)", ""}, "a > −1", {{-1.0, 5.0}, {}}},
          [](auto a) { return log1p(a); },
          [](auto a, auto) { return 1.0 / (1.0 + a); },
          [](double a) { return a > -1.0; }),
    // sqrt and cbrt have an infinite slope at 0: the partial is +∞ there, which checked mode reports.
    unary({Op::sqrt, "sqrt", 1, "", {"1/(2·sqrt(a))", ""}, "a ≥ 0", {{0.0, 9.0}, {}}},
          [](auto a) { return sqrt(a); },
          [](auto, auto y) { return 0.5 / y; },
          [](double a) { return a >= 0.0; }),
    unary({Op::cbrt, "cbrt", 1, "", {"1/(3·cbrt(a)²)", ""}, "", {{0.05, 8.0}, {}}},
          [](auto a) { return cbrt(a); },
          [](auto, auto y) { return 1.0 / (3.0 * y * y); }),

    unary({Op::sin, "sin", 1, "", {"cos(a)", ""}, "", {{-4.0, 4.0}, {}}},
          [](auto a) { return sin(a); },
          [](auto a, auto) { return cos(a); }),
    unary({Op::cos, "cos", 1, "", {"−sin(a)", ""}, "", {{-4.0, 4.0}, {}}},
          [](auto a) { return cos(a); },
          [](auto a, auto) { return -sin(a); }),
    unary({Op::tan, "tan", 1, "", {"1 + tan(a)²", ""}, "a ≠ π/2 + kπ", {{-1.4, 1.4}, {}}},
          [](auto a) { return tan(a); },
          [](auto, auto y) { return 1.0 + y * y; }),
    unary({Op::asin, "asin", 1, "", {"1/sqrt(1 − a²)", ""}, "−1 ≤ a ≤ 1", {{-1.0, 1.0}, {}}},
          [](auto a) { return asin(a); },
          [](auto a, auto) { return 1.0 / sqrt(1.0 - a * a); },
          [](double a) { return a >= -1.0 && a <= 1.0; }),
    unary({Op::acos, "acos", 1, "", {"−1/sqrt(1 − a²)", ""}, "−1 ≤ a ≤ 1", {{-1.0, 1.0}, {}}},
          [](auto a) { return acos(a); },
          [](auto a, auto) { return -1.0 / sqrt(1.0 - a * a); },
          [](double a) { return a >= -1.0 && a <= 1.0; }),
    unary({Op::atan, "atan", 1, "", {"1/(1 + a²)", ""}, "", {{-5.0, 5.0}, {}}},
          [](auto a) { return atan(a); },
          [](auto a, auto) { return 1.0 / (1.0 + a * a); }),
    // atan2 at the origin has no derivative; both partials are taken as 0 there.
    binary({Op::atan2, "atan2", 2, "", {"b/(a² + b²)", "−a/(a² + b²)"}, "", {reals, {0.2, 3.0}}},
           [](auto a, auto b) { return atan2(a, b); },
           [](auto a, auto b, auto) {
             const auto r2 = a * a + b * b;
             return r2 == 0.0 ? S<decltype(a)>(0) : b / r2;
           },
           [](auto a, auto b, auto) {
             const auto r2 = a * a + b * b;
             return r2 == 0.0 ? S<decltype(a)>(0) : -a / r2;
           }),
    unary({Op::sinh, "sinh", 1, "", {"cosh(a)", ""}, "", reals},
          [](auto a) { return sinh(a); },
          [](auto a, auto) { return cosh(a); }),
    unary({Op::cosh, "cosh", 1, "", {"sinh(a)", ""}, "", reals},
          [](auto a) { return cosh(a); },
          [](auto a, auto) { return sinh(a); }),
    unary({Op::tanh, "tanh", 1, "", {"1 − tanh(a)²", ""}, "", reals},
          [](auto a) { return tanh(a); },
          [](auto, auto y) { return 1.0 - y * y; }),
    unary({Op::asinh, "asinh", 1, "", {"1/sqrt(a² + 1)", ""}, "", {{-5.0, 5.0}, {}}},
          [](auto a) { return asinh(a); },
          [](auto a, auto) { return 1.0 / sqrt(a * a + 1.0); }),
    unary({Op::acosh, "acosh", 1, "", {"1/sqrt(a² − 1)", ""}, "a ≥ 1", {{1.0, 6.0}, {}}},
          [](auto a) { return acosh(a); },
          [](auto a, auto) { return 1.0 / sqrt(a * a - 1.0); },
          [](double a) { return a >= 1.0; }),
    unary({Op::atanh, "atanh", 1, "", {"1/(1 − a²)", ""}, "−1 < a < 1", {{-1.0, 1.0}, {}}},
          [](auto a) { return atanh(a); },
          [](auto a, auto) { return 1.0 / (1.0 - a * a); },
          [](double a) { return a > -1.0 && a < 1.0; }),

    // abs'(0) = 0: the middle of the subgradient [−1, 1], as sign(0) in PyTorch and JAX.
    unary({Op::abs, "abs", 1, "", {"sign(a)", ""}, "", {off_kinks, {}}},
          [](auto a) { return abs(a); },
          [](auto a, auto) {
            using T = S<decltype(a)>;
            return a > 0.0 ? T(1) : (a < 0.0 ? T(-1) : T(0));
          }),
    // min and max at a tie give each input half, as JAX does, so min(x, x) has slope 1.
    binary({Op::min, "min", 2, "", {"1 if a < b, ½ if a = b, else 0", "1 if b < a, ½ if a = b, else 0"},
            "", {reals, reals}},
           [](auto a, auto b) { return b < a ? b : a; },
           [](auto a, auto b, auto) { return tie_split<S<decltype(a)>>(a, b); },
           [](auto a, auto b, auto) { return tie_split<S<decltype(a)>>(b, a); }),
    binary({Op::max, "max", 2, "", {"1 if a > b, ½ if a = b, else 0", "1 if b > a, ½ if a = b, else 0"},
            "", {reals, reals}},
           [](auto a, auto b) { return a < b ? b : a; },
           [](auto a, auto b, auto) { return tie_split<S<decltype(a)>>(b, a); },
           [](auto a, auto b, auto) { return tie_split<S<decltype(a)>>(a, b); }),
    // fmin and fmax as std::: a NaN input is ignored, so the other input gets slope 1.
    binary({Op::fmin, "fmin", 2, "", {"as min; 0 if a is NaN", "as min; 1 if a is NaN"}, "",
            {reals, reals}},
           [](auto a, auto b) { return is_nan(a) ? b : (is_nan(b) ? a : (b < a ? b : a)); },
           [](auto a, auto b, auto) { return nan_aware_split<S<decltype(a)>>(a, b, true); },
           [](auto a, auto b, auto) { return nan_aware_split<S<decltype(a)>>(b, a, true); }),
    binary({Op::fmax, "fmax", 2, "", {"as max; 0 if a is NaN", "as max; 1 if a is NaN"}, "",
            {reals, reals}},
           [](auto a, auto b) { return is_nan(a) ? b : (is_nan(b) ? a : (a < b ? b : a)); },
           [](auto a, auto b, auto) { return nan_aware_split<S<decltype(a)>>(a, b, false); },
           [](auto a, auto b, auto) { return nan_aware_split<S<decltype(a)>>(b, a, false); }),
    // relu'(0) = 0, as PyTorch.
    unary({Op::relu, "relu", 1, "", {"1 if a > 0, else 0", ""}, "", {off_kinks, {}}},
          [](auto a) { return a > 0.0 ? a : S<decltype(a)>(0); },
          [](auto a, auto) { return S<decltype(a)>(a > 0.0 ? 1 : 0); }),
    // floor, ceil and round are flat between their jumps; the jumps themselves get slope 0 too.
    unary({Op::floor, "floor", 1, "", {"0", ""}, "", {off_kinks, {}}},
          [](auto a) { return floor(a); },
          [](auto a, auto) { return S<decltype(a)>(0); }),
    unary({Op::ceil, "ceil", 1, "", {"0", ""}, "", {off_kinks, {}}},
          [](auto a) { return ceil(a); },
          [](auto a, auto) { return S<decltype(a)>(0); }),
    unary({Op::round, "round", 1, "", {"0", ""}, "", {off_kinks, {}}},
          [](auto a) { return round(a); },
          [](auto a, auto) { return S<decltype(a)>(0); }),

    // hypot at the origin has no derivative; both partials are taken as 0 there.
    binary({Op::hypot, "hypot", 2, "", {"a/hypot(a, b)", "b/hypot(a, b)"}, "", {reals, reals}},
           [](auto a, auto b) { return hypot(a, b); },
           [](auto a, auto, auto y) { return y == 0.0 ? S<decltype(a)>(0) : a / y; },
           [](auto, auto b, auto y) { return y == 0.0 ? S<decltype(b)>(0) : b / y; }),
    unary({Op::erf, "erf", 1, "", {"2/sqrt(π)·exp(−a²)", ""}, "", reals},
          [](auto a) { return erf(a); },
          [](auto a, auto) { return inv_sqrt_pi_2 * exp(-a * a); }),
    unary({Op::erfc, "erfc", 1, "", {"−2/sqrt(π)·exp(−a²)", ""}, "", reals},
          [](auto a) { return erfc(a); },
          [](auto a, auto) { return -inv_sqrt_pi_2 * exp(-a * a); }),
    // sigmoid(a) = 1/(1 + exp(−a)), evaluated so that exp never overflows.
    unary({Op::sigmoid, "sigmoid", 1, "", {"σ(a)·(1 − σ(a))", ""}, "", {{-8.0, 8.0}, {}}},
          [](auto a) {
            if (a >= 0.0) return 1.0 / (1.0 + exp(-a));
            const auto e = exp(a);
            return e / (1.0 + e);
          },
          [](auto, auto y) { return y * (1.0 - y); }),
    // softplus(a) = log(1 + exp(a)) = max(a, 0) + log1p(exp(−|a|)), stable for large |a|.
    // Its slope σ(a) equals 1 − exp(−y), computed from the output as −expm1(−y).
    unary({Op::softplus, "softplus", 1, "", {"σ(a)", ""}, "", {{-8.0, 8.0}, {}}},
          [](auto a) { return (a > 0.0 ? a : S<decltype(a)>(0)) + log1p(exp(-abs(a))); },
          [](auto, auto y) { return -expm1(-y); }),
};

}  // namespace rules

// The row of op `op`, for the recorder: resolved at compile time, so recording needs no dispatch.
template <Op op>
constexpr const auto& rule() {
  return std::get<static_cast<std::size_t>(op)>(rules::table);
}

// Every row's scalar-free part, indexed by op code, for explain and the parser at run time.
inline constexpr std::array<OpInfo, op_count> op_infos = std::apply(
    [](const auto&... row) { return std::array<OpInfo, op_count>{row.info...}; }, rules::table);

constexpr const OpInfo& info(Op op) { return op_infos[static_cast<std::size_t>(op)]; }

static_assert(std::tuple_size_v<decltype(rules::table)> == op_count,
              "the rule table needs exactly one row per op in op.hpp");
static_assert(
    [] {
      for (std::size_t i = 0; i < op_count; ++i)
        if (op_infos[i].op != static_cast<Op>(i)) return false;
      return true;
    }(),
    "the rule table's rows must be in the order of enum Op");

}  // namespace tapegrad
