// SPDX-License-Identifier: MIT
// Statement-level recording (autodiff/statement.hpp): a whole C++ statement on Vars is one node
// whose inputs are its Var leaves, each with the product of the rule table's partials on its path.
// Checked here: for every op of the table, nested in a statement, the one node gives exactly the
// partials of the op-by-op recording; the lesson's chain and the benchmark's chain statement
// against their analytic derivatives; constants, misuse, `auto`, labels and checked mode.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>

#include "autodiff/autodiff.hpp"
#include "finite_difference_check.hpp"
#include "sample_points.hpp"

using namespace tapegrad;
using tapegrad::testing::central_difference;
using tapegrad::testing::at;
using tapegrad::testing::close_to_fd;

namespace {

// So that the deep statements below run on doubles too (Vars find tapegrad's by ADL).
using std::abs, std::asinh, std::atan2, std::cbrt, std::cos, std::erf, std::exp, std::expm1,
    std::hypot, std::log1p, std::pow, std::sin, std::sqrt, std::tanh;

constexpr double fractions[] = {0.002, 0.37, 0.81};

// u(a·1)·1: a statement of three ops around u, so the node is a fused statement; multiplying by 1
// is exact, so its partial must equal the op's own partial bit for bit.
template <Op op>
void check_unary_in_a_statement() {
  const auto& row = rule<op>();
  for (double f : fractions) {
    const double a = at(row.info.sample[0], f);
    BOOST_TEST_CONTEXT(row.info.name << " at " << a) {
      Tape tape;
      auto scope = tape.activate();
      const Var va = tape.input(a);
      const Var y = detail::unary<op>(va * 1.0) * 1.0;
      BOOST_TEST((tape.op(y.index()) == Op::statement));
      BOOST_TEST(tape.size() == 2u);
      BOOST_TEST(y.value() == row.value(a));
      BOOST_TEST(tape.backward(y)[va] == row.d0(a, row.value(a)));
    }
  }
}

// b(a·1, c + 0) with both operands recorded, and with each side a plain number.
template <Op op>
void check_binary_in_a_statement() {
  const auto& row = rule<op>();
  for (double fa : fractions) {
    const double a = at(row.info.sample[0], fa);
    const double c = at(row.info.sample[1], 1.0 - fa * 0.9);
    BOOST_TEST_CONTEXT(row.info.name << " at " << a << ", " << c) {
      Tape tape;
      auto scope = tape.activate();
      const Var va = tape.input(a), vc = tape.input(c);
      const double value = row.value(a, c);
      const Var y = detail::binary<op>(va * 1.0, vc + 0.0);
      BOOST_TEST((tape.op(y.index()) == Op::statement));
      BOOST_TEST(tape.arg_nodes(y.index()).size() == 2u);
      BOOST_TEST(y.value() == value);
      const auto adj = tape.backward(y);
      BOOST_TEST(adj[va] == row.d0(a, c, value));
      BOOST_TEST(adj[vc] == row.d1(a, c, value));
      const Var left = detail::binary<op>(va * 1.0, c);
      BOOST_TEST(tape.arg_nodes(left.index()).size() == 1u);
      BOOST_TEST(tape.backward(left)[va] == adj[va]);
      const Var right = detail::binary<op>(a, vc * 1.0);
      BOOST_TEST(tape.arg_nodes(right.index()).size() == 1u);
      BOOST_TEST(tape.backward(right)[vc] == adj[vc]);
    }
  }
}

template <std::size_t... I>
void check_every_op(std::index_sequence<I...>) {
  (
      [] {
        constexpr Op op = static_cast<Op>(I);
        if constexpr (info(op).arity == 1)
          check_unary_in_a_statement<op>();
        else if constexpr (info(op).arity == 2)
          check_binary_in_a_statement<op>();
      }(),
      ...);
}

// The benchmark's chain step, x ← sin(x)·x + exp(−x²), as one statement.
Var chain_step(const Var& x) { return sin(x) * x + exp(-x * x); }
double chain_step_derivative(double x) {
  return std::cos(x) * x + std::sin(x) - 2.0 * x * std::exp(-x * x);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(statements)

BOOST_AUTO_TEST_CASE(every_op_nested_in_a_statement_has_its_own_partials) {
  check_every_op(std::make_index_sequence<op_count>{});
}

BOOST_AUTO_TEST_CASE(a_statement_is_one_node_with_one_input_per_leaf) {
  for (double x0 : {-1.3, 0.2, 0.9, 2.5}) {
    BOOST_TEST_CONTEXT("x = " << x0) {
      Tape tape;
      auto scope = tape.activate();
      const Var x = tape.input(x0);
      const Var y = chain_step(x);
      BOOST_TEST(tape.size() == 2u);                           // x and the statement
      BOOST_TEST(tape.arg_nodes(y.index()).size() == 1u);      // x four times, merged into one
      const double d = tape.backward(y)[x];
      BOOST_TEST(d == chain_step_derivative(x0), boost::test_tools::tolerance(1e-14));
      const double fd = central_difference(
          [](double t) { return std::sin(t) * t + std::exp(-t * t); }, x0);
      BOOST_TEST(close_to_fd(d, fd));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_var_used_several_times_is_one_input_with_the_summed_partial) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(3.0), y = tape.input(-2.0);
  const Var z = x * y + x - y * y;  // ∂z/∂x = y + 1 = −1, ∂z/∂y = x − 2y = 7
  BOOST_TEST(tape.arg_nodes(z.index()).size() == 2u);
  BOOST_TEST(tape.arg_partials(z.index())[0] == -1.0);
  BOOST_TEST(tape.arg_partials(z.index())[1] == 7.0);
  // More than eight leaves are not merged (the pairwise test would cost more than it saves), and
  // the gradient is the same.
  const Var long_sum = x + y + x + y + x + y + x + y + x * y;
  BOOST_TEST(tape.arg_nodes(long_sum.index()).size() == 10u);
  const auto adj = tape.backward(long_sum);
  BOOST_TEST(adj[x] == 4.0 + y.value());
  BOOST_TEST(adj[y] == 4.0 + x.value());
}

BOOST_AUTO_TEST_CASE(plain_and_trace_tapes_give_the_same_gradient) {
  const auto loss = [](const Var& w0, const Var& w1) {
    Var sum = 0.0;
    const double xs[] = {20, 25, 30}, ys[] = {30, 50, 110};
    for (int i = 0; i < 3; ++i) {
      const Var r = ys[i] - (w1 * xs[i] + w0);
      sum += r * r;
    }
    return Var(sum / 3.0);
  };
  Tape plain, trace({.trace = true});
  double g_plain[2], g_trace[2];
  for (auto [tape, g] : {std::pair{&plain, g_plain}, std::pair{&trace, g_trace}}) {
    auto scope = tape->activate();
    const Var w0 = tape->input(-94.0), w1 = tape->input(6.6);
    const auto adj = tape->backward(loss(w0, w1));
    g[0] = adj[w0];
    g[1] = adj[w1];
  }
  BOOST_TEST(plain.size() < trace.size());
  BOOST_TEST(g_plain[0] == g_trace[0], boost::test_tools::tolerance(1e-13));
  BOOST_TEST(g_plain[1] == g_trace[1], boost::test_tools::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(deep_statements_match_op_by_op_recording_and_finite_differences) {
  // Each is one statement of 9–14 ops mixing unary and binary ops, Vars used several times and
  // constants on both sides.
  const auto f1 = [](const auto& x, const auto& y) {
    return tanh(sin(x * y) + exp(-x) / (1.0 + y * y)) * sqrt(x + 2.0) - log1p(y * y);
  };
  const auto f2 = [](const auto& x, const auto& y) {
    return pow(abs(x - y) + 0.5, 1.5) * atan2(y, x + 3.0) + hypot(x, y) / (2.0 - cos(x));
  };
  const auto f3 = [](const auto& x, const auto& y) {
    return asinh(x * x - y) * expm1(y / 4.0 - x / 3.0) + erf(x / 3.0) * cbrt(y + 4.0) - x;
  };
  const auto check = [](const auto& f, double x0, double y0) {
    double plain[2], traced[2];
    std::size_t plain_nodes = 0;
    for (bool trace : {false, true}) {
      Tape tape({.trace = trace});
      auto scope = tape.activate();
      const Var x = tape.input(x0), y = tape.input(y0);
      const Var z = f(x, y);
      BOOST_TEST(z.value() == f(x0, y0), boost::test_tools::tolerance(1e-15));
      const auto adj = tape.backward(z);
      double* g = trace ? traced : plain;
      g[0] = adj[x];
      g[1] = adj[y];
      if (!trace) plain_nodes = tape.size();
      else BOOST_TEST(tape.size() > plain_nodes);
    }
    BOOST_TEST(plain_nodes == 3u);  // x, y and the statement
    for (int k = 0; k < 2; ++k) {
      BOOST_TEST(plain[k] == traced[k], boost::test_tools::tolerance(1e-13));
      const double fd = k == 0 ? central_difference([&](double t) { return f(t, y0); }, x0)
                               : central_difference([&](double t) { return f(x0, t); }, y0);
      BOOST_TEST(close_to_fd(plain[k], fd), "∂/∂" << "xy"[k] << " = " << plain[k] << ", fd " << fd);
    }
  };
  for (const auto& [x0, y0] : {std::pair{0.3, -0.7}, std::pair{1.9, 0.4}, std::pair{-1.2, 2.5}}) {
    BOOST_TEST_CONTEXT("at (" << x0 << ", " << y0 << ")") {
      check(f1, x0, y0);
      check(f2, x0, y0);
      check(f3, x0, y0);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_lesson_numbers_come_out_of_one_statement) {
  // Lesson 000: L = (y − (w1·x + w0))² at (x, y) = (1, 2), w0 = w1 = 0: ∂L/∂w0 = ∂L/∂w1 = −4
  // (the lesson's +4 for w0 is its sign error). One node, two inputs, the partials multiplied out.
  Tape tape;
  auto scope = tape.activate();
  const Var w0 = tape.input(0.0), w1 = tape.input(0.0);
  const Var loss = pow(2.0 - (w1 * 1.0 + w0), 2.0);
  BOOST_TEST(loss.value() == 4.0);
  BOOST_TEST(tape.size() == 3u);
  const auto adj = tape.backward(loss);
  BOOST_TEST(adj[w0] == -4.0);
  BOOST_TEST(adj[w1] == -4.0);
}

BOOST_AUTO_TEST_CASE(partials_of_constants_are_never_taken) {
  // x^2 at x = −3: the exponent's partial ln(x)·x² would be NaN, and must not reach ∂/∂x.
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(-3.0);
  const Var two = 2.0;  // a constant Var: a leaf with no node
  for (const Var y : {Var(pow(x + 0.0, 2.0)), Var(pow(x + 0.0, two))}) {
    BOOST_TEST(tape.arg_nodes(y.index()).size() == 1u);
    BOOST_TEST(tape.backward(y)[x] == -6.0);
  }
  // A statement of constants only is a constant: no node.
  const auto before = tape.size();
  const Var c = sin(two) * two + 1.0;
  BOOST_TEST(!c.is_recorded());
  BOOST_TEST(c.value() == std::sin(2.0) * 2.0 + 1.0);
  BOOST_TEST(tape.size() == before);
}

BOOST_AUTO_TEST_CASE(a_bad_leaf_deep_in_a_statement_throws_and_records_nothing) {
  Tape tape, other;
  auto scope = tape.activate();
  const Var w = tape.input(1.0);
  const Var foreign = other.input(2.0);
  const auto before = tape.stats();
  BOOST_CHECK_THROW(Var(sin(w * 2.0) + exp(w) * foreign), ForeignVarError);
  BOOST_TEST(tape.stats().nodes == before.nodes);
  BOOST_TEST(tape.stats().arguments == before.arguments);
  const TapePosition p = tape.position();
  const Var old = w * 3.0;
  tape.rewind(p);
  BOOST_CHECK_THROW(Var(w * 2.0 + sin(old) * w), StaleVarError);
  BOOST_TEST(tape.stats().arguments == before.arguments);
}

BOOST_AUTO_TEST_CASE(a_kept_statement_means_what_it_would_for_doubles) {
  Tape tape;
  auto scope = tape.activate();
  Var x = tape.input(3.0);
  const Var x_before = x;
  const auto square = x * x;  // holds the values and nodes of this moment
  x = x + 1.0;
  const Var a = square, b = square;  // each use records it again; both are right
  BOOST_TEST(a.value() == 9.0);
  BOOST_TEST(a.index() != b.index());
  BOOST_TEST(tape.backward(a)[x_before] == 6.0);
  BOOST_TEST(tape.backward(b)[x_before] == 6.0);
  BOOST_TEST(tape.backward(a)[x] == 0.0);
}

BOOST_AUTO_TEST_CASE(a_statement_can_be_labelled) {
  Tape tape;
  auto scope = tape.activate();
  const Var w = tape.input(2.0, "w");
  const Var y_hat = label(w * 3.0 + 1.0, "y_hat");
  BOOST_TEST(tape.name(y_hat.index()) == "y_hat");
  BOOST_TEST(y_hat.value() == 7.0);
}

BOOST_AUTO_TEST_CASE(a_checked_tape_records_op_by_op_and_names_the_failing_op) {
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(1.0, "x");
  const Var ok = sin(x * 2.0) + 1.0;
  BOOST_TEST(tape.size() == 4u);  // x, x·2, sin, +1
  BOOST_TEST((tape.op(ok.index()) == Op::add));
  BOOST_CHECK_EXCEPTION(Var(sqrt(x * 2.0 - 10.0) + 1.0), DomainError, [](const DomainError& e) {
    return std::string(e.what()).find("sqrt") != std::string::npos;
  });
  // A comparison reads the value, but a checked tape still reports the op that left its domain.
  BOOST_CHECK_THROW((void)(log(x - 2.0) < 0.0), DomainError);
}

// Ops that call libm remember their last input (remembered.hpp, for the loss a reduction calls once
// a packet): each statement must still get the value and partial of its own input, when two
// inputs take turns and for −0 against +0.
BOOST_AUTO_TEST_CASE(a_remembered_op_gives_each_input_its_own_value_and_partial) {
  Tape tape;
  auto scope = tape.activate();
  const Var a = tape.input(2.0), b = tape.input(3.0);
  const auto log_a = log(a);
  const auto log_b = log(b);  // remembered last: log_a's partial must not be 1/3
  const Var product = log_a * log_b;
  const auto g = tape.backward(product);
  BOOST_TEST(product.value() == std::log(2.0) * std::log(3.0));
  BOOST_TEST(g[a] == std::log(3.0) * (1.0 / 2.0));
  BOOST_TEST(g[b] == std::log(2.0) * (1.0 / 3.0));
  const Var plus = tape.input(0.0), minus = tape.input(-0.0);
  for (int turn = 0; turn < 2; ++turn) {
    BOOST_TEST(!std::signbit(Var(atan(plus)).value()));
    BOOST_TEST(std::signbit(Var(atan(minus)).value()));
    BOOST_TEST(std::signbit(Var(sin(minus)).value()));
    BOOST_TEST(!std::signbit(Var(sin(plus)).value()));
  }
  // The same input twice: the second use reads what the first remembered, and agrees with libm.
  const Var e1 = exp(a), e2 = exp(a);
  BOOST_TEST(e1.value() == std::exp(2.0));
  BOOST_TEST(e2.value() == e1.value());
}

BOOST_AUTO_TEST_CASE(a_rewound_loop_of_statements_allocates_nothing_after_the_first) {
  Tape tape;
  auto scope = tape.activate();
  Var x = tape.input(0.5);
  const TapePosition start = tape.position();
  std::size_t reserved = 0;
  for (int iteration = 0; iteration < 20; ++iteration) {
    tape.rewind(start);
    Var y = x;
    for (int k = 0; k < 1000; ++k) y = chain_step(y);
    BOOST_TEST(tape.size() == 1001u);
    if (iteration == 0) reserved = tape.stats().bytes_reserved;
    BOOST_TEST(tape.stats().bytes_reserved == reserved);
  }
}

BOOST_AUTO_TEST_SUITE_END()
