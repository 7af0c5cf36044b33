// SPDX-License-Identifier: MIT
// ColumnwiseSum: an expression summed over data columns, column-at-a-time, against the per-row
// checked tape (every op of the rule table, with columns and broadcast operands); the same bits for
// any thread count; domain errors naming the first bad row; misuse.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "autodiff/expression/columnwise.hpp"
#include "autodiff/expression/parser.hpp"
#include "../sample_points.hpp"

using namespace tapegrad;
namespace bdata = boost::unit_test::data;
namespace tt = boost::test_tools;

namespace {

// The sums, and the sums of the terms' magnitudes: the scale of the rounding that a different
// summation order makes (a sum that cancels to ~0 is compared against its terms, not itself).
struct Reference {
  double value = 0.0;
  Eigen::VectorXd gradient;
  double value_scale = 0.0;
  Eigen::VectorXd gradient_scale;
};

// The sum over rows, each row recorded on its own checked tape: what the command did before.
Reference per_row_tape(const Expression& e, const std::vector<ColumnSource>& sources,
                       const std::vector<std::string>& names, const std::vector<double>& x,
                       std::size_t rows) {
  const auto p = static_cast<Eigen::Index>(x.size());
  Reference ref{0.0, Eigen::VectorXd::Zero(p), 0.0, Eigen::VectorXd::Zero(p)};
  for (std::size_t r = 0; r < rows; ++r) {
    Tape tape({.checked = true});
    auto scope = tape.activate();
    std::vector<Var> params;
    for (std::size_t k = 0; k < x.size(); ++k) params.push_back(tape.input(x[k], names[k]));
    std::vector<Var> values;
    for (const ColumnSource& s : sources) {
      if (s.kind == ColumnSource::Kind::parameter) values.push_back(params[s.parameter_index]);
      if (s.kind == ColumnSource::Kind::constant) values.emplace_back(s.value);
      if (s.kind == ColumnSource::Kind::column) values.emplace_back(s.values[r]);
    }
    const Var f = e.record(values);
    ref.value += f.value();
    ref.value_scale += std::abs(f.value());
    const Adjoints<double> adj = tape.backward(f);
    for (std::size_t k = 0; k < x.size(); ++k) {
      ref.gradient[static_cast<Eigen::Index>(k)] += adj[params[k]];
      ref.gradient_scale[static_cast<Eigen::Index>(k)] += std::abs(adj[params[k]]);
    }
  }
  return ref;
}

// n values spread over the middle of an interval (away from its edges, where partials blow up).
std::vector<double> spread(Interval range, std::size_t n) {
  std::vector<double> v;
  for (std::size_t i = 0; i < n; ++i)
    v.push_back(testing::at(range, 0.1 + 0.8 * static_cast<double>(i) / static_cast<double>(n - 1)));
  return v;
}

std::vector<double> random_column(std::size_t n, double lo, double hi, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  std::vector<double> v(n);
  for (double& d : v) d = u(rng);
  return v;
}

// Compares ColumnwiseSum with the per-row tape for `text` over the given sources.
void expect_matches_tape(const std::string& text, const std::vector<ColumnSource>& sources,
                         const std::vector<std::string>& names, const std::vector<double>& x,
                         ColumnwiseOptions options = {}) {
  const Expression e = parse_expression(text);
  const ColumnwiseSum sum(e, sources, names, options);
  Eigen::VectorXd g;
  const double value = sum.sum(x, g);
  const Reference ref = per_row_tape(e, sources, names, x, sum.rows());
  BOOST_TEST_INFO(text << ": " << value << " against " << ref.value);
  BOOST_TEST(std::abs(value - ref.value) <= 1e-12 * ref.value_scale);
  BOOST_TEST_REQUIRE(g.size() == ref.gradient.size());
  for (Eigen::Index k = 0; k < g.size(); ++k) {
    BOOST_TEST_INFO(text << ", component " << k << ": " << g[k] << " against " << ref.gradient[k]);
    BOOST_TEST(std::abs(g[k] - ref.gradient[k]) <= 1e-12 * ref.gradient_scale[k]);
  }
  BOOST_TEST(sum.sum(x) == value);  // value only: the same forward pass
}

std::vector<std::size_t> unary_ops() {
  std::vector<std::size_t> ops;
  for (std::size_t i = 0; i < op_count; ++i)
    if (op_infos[i].arity == 1) ops.push_back(i);
  return ops;
}
std::vector<std::size_t> binary_ops() {
  std::vector<std::size_t> ops;
  for (std::size_t i = 0; i < op_count; ++i)
    if (op_infos[i].arity == 2) ops.push_back(i);
  return ops;
}

// How to write op i applied to a and b in the expression language.
std::string call(std::size_t i, const std::string& a, const std::string& b = "") {
  const OpInfo& o = op_infos[i];
  if (o.op == Op::neg) return "-(" + a + ")";
  if (o.op == Op::add) return "(" + a + ") + (" + b + ")";
  if (o.op == Op::sub) return "(" + a + ") - (" + b + ")";
  if (o.op == Op::mul) return "(" + a + ") * (" + b + ")";
  if (o.op == Op::div) return "(" + a + ") / (" + b + ")";
  if (o.op == Op::pow) return "(" + a + ") ^ (" + b + ")";
  return std::string(o.name) + "(" + a + (b.empty() ? "" : ", " + b) + ")";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(columnwise)

BOOST_DATA_TEST_CASE(every_unary_op_over_a_column_matches_the_tape, bdata::make(unary_ops()), i) {
  const std::vector<double> x = spread(op_infos[i].sample[0], 37);
  // u·x is x itself at u = 1; the gradient with respect to u is Σ f'(x)·x, the broadcast w's Σ f(x).
  expect_matches_tape(call(i, "u*x") + " * w",
                      {ColumnSource::parameter(0), ColumnSource::data(x), ColumnSource::parameter(1)},
                      {"u", "w"}, {1.0, 0.75});
}

BOOST_DATA_TEST_CASE(every_binary_op_over_two_columns_matches_the_tape, bdata::make(binary_ops()), i) {
  const std::vector<double> x = spread(op_infos[i].sample[0], 29);
  std::vector<double> z = spread(op_infos[i].sample[1], 29);
  std::reverse(z.begin(), z.end());  // pair small with large
  expect_matches_tape(call(i, "u*x", "v*z"),
                      {ColumnSource::parameter(0), ColumnSource::data(x), ColumnSource::parameter(1),
                       ColumnSource::data(z)},
                      {"u", "v"}, {1.0, 1.0});
}

BOOST_DATA_TEST_CASE(every_binary_op_with_a_broadcast_operand_matches_the_tape,
                     bdata::make(binary_ops()), i) {
  const std::vector<double> x = spread(op_infos[i].sample[0], 23);
  const std::vector<double> z = spread(op_infos[i].sample[1], 23);
  const double a = testing::at(op_infos[i].sample[0], 0.37);
  const double b = testing::at(op_infos[i].sample[1], 0.63);
  expect_matches_tape(call(i, "x", "v"), {ColumnSource::data(x), ColumnSource::parameter(0)}, {"v"}, {b});
  expect_matches_tape(call(i, "u", "z"), {ColumnSource::parameter(0), ColumnSource::data(z)}, {"u"}, {a});
}

BOOST_AUTO_TEST_CASE(the_headline_loss_over_many_chunks_matches_the_tape) {
  const std::size_t n = 5000;
  const auto x = random_column(n, -2.0, 2.0, 1);
  const auto y = random_column(n, -1.0, 3.0, 2);
  expect_matches_tape("(y - (w1*x + w0))^2",
                      {ColumnSource::data(y), ColumnSource::parameter(0), ColumnSource::data(x),
                       ColumnSource::parameter(1)},
                      {"w1", "w0"}, {0.3, -0.2}, {.chunk_rows = 256});
}

BOOST_AUTO_TEST_CASE(a_subexpression_without_data_is_evaluated_once_per_chunk) {
  const auto x = random_column(300, 0.5, 2.0, 3);
  expect_matches_tape("exp(a) * x + log(a) * c",
                      {ColumnSource::parameter(0), ColumnSource::data(x), ColumnSource::constant(2.5)},
                      {"a"}, {0.7}, {.chunk_rows = 64});
}

// Named values: each use of u refers to the entry that defined it, so u's adjoint column gathers
// the contributions of all its uses (here four: u·u, sin(u), v·u); an unused name adds nothing.
BOOST_AUTO_TEST_CASE(named_values_match_the_tape) {
  const auto x = random_column(700, -1.5, 1.5, 8);
  const std::vector<ColumnSource> sources = {ColumnSource::parameter(0), ColumnSource::data(x)};
  expect_matches_tape("u := w*x + 1; v := sin(u); u^2 + v*u", sources, {"w"}, {0.6},
                      {.chunk_rows = 128});
  expect_matches_tape("unused := exp(w*x); w*x", sources, {"w"}, {0.6}, {.chunk_rows = 128});
  expect_matches_tape("a := w; a*x + a", sources, {"w"}, {0.6}, {.chunk_rows = 128});
}

BOOST_AUTO_TEST_CASE(an_expression_without_columns_is_one_row) {
  const ColumnwiseSum sum(parse_expression("w^3 - 2*w"), {ColumnSource::parameter(0)}, {"w"});
  BOOST_TEST(sum.rows() == 1u);
  Eigen::VectorXd g;
  BOOST_TEST(sum.sum(std::vector{2.0}, g) == 4.0);
  BOOST_TEST(g[0] == 10.0);
}

BOOST_AUTO_TEST_CASE(a_parameter_used_twice_gets_both_contributions) {
  const auto x = random_column(100, -1.0, 1.0, 4);
  expect_matches_tape("w*x*w + sin(w)", {ColumnSource::parameter(0), ColumnSource::data(x)}, {"w"},
                      {0.4});
}

BOOST_AUTO_TEST_CASE(an_unused_parameter_has_a_zero_partial) {
  const auto x = random_column(10, -1.0, 1.0, 5);
  const ColumnwiseSum sum(parse_expression("x*a"), {ColumnSource::data(x), ColumnSource::parameter(0)},
                          {"a", "b"});
  Eigen::VectorXd g;
  sum.sum(std::vector{1.0, 2.0}, g);
  BOOST_TEST(g.size() == 2);
  BOOST_TEST(g[1] == 0.0);
}

BOOST_DATA_TEST_CASE(one_two_and_eight_threads_give_the_same_bits, bdata::make({2u, 8u}), threads) {
  const std::size_t n = 10007;  // not a multiple of the chunk
  const auto x = random_column(n, -2.0, 2.0, 6);
  const auto y = random_column(n, -1.0, 3.0, 7);
  const Expression e = parse_expression("log(1 + exp(-y*(w1*x + w0))) + 0.01*w1^2");
  const std::vector<ColumnSource> sources{ColumnSource::data(y), ColumnSource::parameter(0),
                                          ColumnSource::data(x), ColumnSource::parameter(1)};
  const ColumnwiseSum one(e, sources, {"w1", "w0"}, {.chunk_rows = 128, .threads = 1});
  const ColumnwiseSum many(e, sources, {"w1", "w0"}, {.chunk_rows = 128, .threads = threads});
  Eigen::VectorXd g1, gk;
  const std::vector<double> at{0.8, -0.3};
  const double v1 = one.sum(at, g1);
  const double vk = many.sum(at, gk);
  BOOST_TEST(v1 == vk);  // exact: fixed chunks added in chunk order
  BOOST_TEST(g1[0] == gk[0]);
  BOOST_TEST(g1[1] == gk[1]);
}

BOOST_AUTO_TEST_CASE(a_domain_error_names_the_row_and_matches_the_tape) {
  std::vector<double> x = random_column(1000, 1.0, 2.0, 8);
  x[636] = -1.0;
  const Expression e = parse_expression("log(x) * w");
  const ColumnwiseSum sum(e, {ColumnSource::data(x), ColumnSource::parameter(0)}, {"w"},
                          {.chunk_rows = 100, .threads = 2});
  Eigen::VectorXd g;
  try {
    sum.sum(std::vector{1.0}, g);
    BOOST_FAIL("no domain error");
  } catch (const RowDomainError& error) {
    BOOST_TEST(error.row() == 636u);
    BOOST_TEST((error.op() == Op::log));
    BOOST_TEST(std::string(error.what()).starts_with("on row 637: "));
    // The message of the checked tape's own error for that row.
    Tape tape({.checked = true});
    auto scope = tape.activate();
    try {
      e.record(std::vector<Var>{Var(-1.0), tape.input(1.0, "w")});
      BOOST_FAIL("the tape did not throw");
    } catch (const DomainError& expected) {
      BOOST_TEST(error.expression_message() == std::string(expected.what()));
    }
  }
}

BOOST_DATA_TEST_CASE(the_first_bad_row_is_reported_for_any_thread_count, bdata::make({1u, 2u, 8u}),
                     threads) {
  std::vector<double> x = random_column(2000, 1.0, 2.0, 9);
  x[1900] = 0.0;
  x[450] = 0.0;
  x[451] = -3.0;
  const ColumnwiseSum sum(parse_expression("w / (x - 1 + 1 - 1 + 1)"), {ColumnSource::parameter(0), ColumnSource::data(x)},
                          {"w"}, {.chunk_rows = 64, .threads = threads});
  BOOST_CHECK_EXCEPTION(sum.sum(std::vector{1.0}), RowDomainError,
                        [](const RowDomainError& e) { return e.row() == 450u; });
}

BOOST_AUTO_TEST_CASE(a_nan_hidden_by_fmin_is_still_a_domain_error) {
  // fmin(NaN, 0) is 0: the sum stays finite, but the checked tape stops at log(−1).
  std::vector<double> x = random_column(50, 1.0, 2.0, 10);
  x[17] = -1.0;
  const ColumnwiseSum sum(parse_expression("fmin(log(x), 0) + w"),
                          {ColumnSource::data(x), ColumnSource::parameter(0)}, {"w"});
  BOOST_CHECK_EXCEPTION(sum.sum(std::vector{1.0}), RowDomainError,
                        [](const RowDomainError& e) { return e.row() == 17u; });
}

BOOST_AUTO_TEST_CASE(an_infinite_slope_is_a_domain_error_only_for_a_parameter) {
  // sqrt'(0) = ∞: an error when the sqrt depends on w, as on the tape; none when it is data only.
  std::vector<double> x{1.0, 0.0, 4.0};
  const ColumnwiseSum with_w(parse_expression("sqrt(x*w)"),
                             {ColumnSource::data(x), ColumnSource::parameter(0)}, {"w"});
  Eigen::VectorXd g;
  BOOST_CHECK_EXCEPTION(with_w.sum(std::vector{1.0}, g), RowDomainError,
                        [](const RowDomainError& e) { return e.row() == 1u; });
  const ColumnwiseSum data_only(parse_expression("sqrt(x)*w"),
                                {ColumnSource::data(x), ColumnSource::parameter(0)}, {"w"});
  BOOST_TEST(data_only.sum(std::vector{1.0}, g) == 3.0);
}

BOOST_AUTO_TEST_CASE(infinite_data_is_not_a_domain_error_when_the_tape_accepts_it) {
  const std::vector<double> x{1.0, std::numeric_limits<double>::infinity()};
  const ColumnwiseSum sum(parse_expression("w*x"), {ColumnSource::parameter(0), ColumnSource::data(x)},
                          {"w"});
  BOOST_TEST(std::isinf(sum.sum(std::vector{2.0})));
}

BOOST_AUTO_TEST_CASE(misuse_is_a_tape_misuse_error) {
  const std::vector<double> a{1.0, 2.0}, b{1.0};
  const Expression e = parse_expression("x*y");
  BOOST_CHECK_THROW(ColumnwiseSum(e, {ColumnSource::data(a)}, {}), TapeMisuseError);
  BOOST_CHECK_THROW(ColumnwiseSum(e, {ColumnSource::data(a), ColumnSource::data(b)}, {}),
                    TapeMisuseError);
  BOOST_CHECK_THROW(ColumnwiseSum(e, {ColumnSource::data(a), ColumnSource::parameter(1)}, {"w"}),
                    TapeMisuseError);
  const ColumnwiseSum ok(e, {ColumnSource::data(a), ColumnSource::parameter(0)}, {"w"});
  BOOST_CHECK_THROW(ok.sum(std::vector{1.0, 2.0}), TapeMisuseError);
}

BOOST_AUTO_TEST_SUITE_END()
