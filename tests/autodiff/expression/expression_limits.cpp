// SPDX-License-Identifier: MIT
// Inputs that break recursive parsers: 10,000 nested parentheses, a megabyte of expression, deep
// chains of functions and signs — each must give a result or an error, never a crash. Also every
// input the fuzzer ever crashed on (tests/cli/fuzz_regressions/).
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "autodiff/autodiff.hpp"
#include "autodiff/expression/parser.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

namespace {

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Parses and records `text` with every variable at `x` on a checked tape, then sweeps backward:
// what `tapegrad grad` does. Returns the value and ∂/∂(first variable).
std::pair<double, double> value_and_slope(const std::string& text, double x) {
  const Expression e = parse_expression(text);
  Tape tape({.checked = true});
  auto scope = tape.activate();
  std::vector<Var> values;
  for (const auto& name : e.variables()) values.push_back(tape.input(x, name));
  const Var y = e.record(values);
  const auto adjoints = tape.backward(y);
  return {y.value(), values.empty() ? 0.0 : adjoints[values[0]]};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(expression_limits)

BOOST_AUTO_TEST_CASE(ten_thousand_nested_parentheses) {
  const std::string text = repeat("(", 10000) + "x + 1" + repeat(")", 10000) + "^2";
  const auto [value, slope] = value_and_slope(text, 2.0);
  BOOST_TEST(value == 9.0);
  BOOST_TEST(slope == 6.0);
}

BOOST_AUTO_TEST_CASE(ten_thousand_unclosed_parentheses_are_an_error) {
  BOOST_CHECK_THROW(parse_expression(repeat("(", 10000) + "x"), ParseError);
  BOOST_CHECK_THROW(parse_expression("x" + repeat(")", 10000)), ParseError);
}

BOOST_AUTO_TEST_CASE(ten_thousand_nested_functions) {
  // sin(sin(...sin(x)...)): the chain rule through 10,000 layers, no recursion anywhere.
  const std::string text = repeat("sin(", 10000) + "x" + repeat(")", 10000);
  const auto [value, slope] = value_and_slope(text, 0.5);
  double v = 0.5, d = 1.0;
  for (int i = 0; i < 10000; ++i) {
    d *= std::cos(v);
    v = std::sin(v);
  }
  BOOST_TEST(value == v, tt::tolerance(1e-12));
  BOOST_TEST(slope == d, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(a_long_chain_of_signs_and_powers) {
  // 10,001 minus signs: an odd number, so the result is -x.
  const auto [value, slope] = value_and_slope(repeat("-", 10001) + "x", 3.0);
  BOOST_TEST(value == -3.0);
  BOOST_TEST(slope == -1.0);
  // A right-associative tower of 10,000 powers of 1.
  BOOST_TEST(parse_expression(repeat("1^", 10000) + "1").evaluate({}) == 1.0);
}

BOOST_AUTO_TEST_CASE(a_megabyte_of_expression) {
  // x + x + ... + x: 1 MiB of text, 2^19 terms; d/dx = the number of terms.
  const std::size_t terms = (1u << 20) / 2;
  std::string text = "x";
  text += repeat("+x", terms - 1);
  BOOST_TEST(text.size() >= (1u << 20) - 1);
  const auto [value, slope] = value_and_slope(text, 1.0);
  BOOST_TEST(value == static_cast<double>(terms));
  BOOST_TEST(slope == static_cast<double>(terms));
}

BOOST_AUTO_TEST_CASE(a_megabyte_of_nested_parentheses) {
  const std::string text = repeat("(", 1u << 19) + "x" + repeat(")", 1u << 19);
  BOOST_TEST(value_and_slope(text, 4.0).first == 4.0);
}

BOOST_AUTO_TEST_CASE(a_megabyte_with_an_error_at_the_end) {
  const std::string text = repeat("x+", 1u << 19) + ")";
  BOOST_CHECK_EXCEPTION(parse_expression(text), ParseError, [&](const ParseError& e) {
    return e.column() == text.size() && std::string(e.what()).size() < 400;
  });
}

BOOST_AUTO_TEST_CASE(a_superscript_exponent_too_long_to_be_exact_is_refused) {
  // 310 superscript ones used to lex to ∞ and evaluate to a silent inf/NaN.
  std::string ones;
  for (int i = 0; i < 310; ++i) ones += "¹";
  BOOST_CHECK_EXCEPTION(parse_expression("x" + ones), ParseError, [](const ParseError& e) {
    return std::string(e.what()).find("superscript exponent") != std::string::npos &&
           e.column() == 2;
  });
  BOOST_CHECK_THROW(parse_expression("x¹⁰⁰⁰⁰⁰⁰⁰⁰⁰⁰⁰⁰⁰⁰⁰⁰"), ParseError);  // 10^16 > 2^53
  BOOST_TEST(parse_expression("x¹⁰").evaluate(std::vector<double>{2.0}) == 1024.0);
}

BOOST_AUTO_TEST_CASE(length_and_nesting_limits_are_configurable) {
  const ParseLimits small{.max_length = 10, .max_nesting = 3};
  BOOST_CHECK_NO_THROW(parse_expression("((x))", small));
  BOOST_CHECK_EXCEPTION(parse_expression("x+x+x+x+x+x", small), ParseError, [](const ParseError& e) {
    return std::string(e.what()).find("max_length") != std::string::npos;
  });
  BOOST_CHECK_EXCEPTION(parse_expression("((((x))))", small), ParseError, [](const ParseError& e) {
    return std::string(e.what()).find("max_nesting") != std::string::npos && e.column() == 4;
  });
  BOOST_CHECK_THROW(parse_expression("sin(sin(sin(sin(x))))", ParseLimits{.max_nesting = 3}),
                    ParseError);
}

BOOST_AUTO_TEST_CASE(every_input_that_ever_crashed_the_fuzzer) {
  // Each file in fuzz_regressions/ must now parse, or fail with a typed error.
  const std::filesystem::path dir = TAPEGRAD_FUZZ_REGRESSIONS;
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    BOOST_TEST_CONTEXT(entry.path().filename()) {
      try {
        value_and_slope(buffer.str(), 0.5);
      } catch (const Error&) {
        // a ParseError or a DomainError is a fine outcome; anything else fails the test
      }
    }
    ++count;
  }
  BOOST_TEST_MESSAGE(count << " fuzz regression inputs replayed");
}

BOOST_AUTO_TEST_SUITE_END()
