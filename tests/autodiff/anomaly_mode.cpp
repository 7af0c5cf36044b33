// SPDX-License-Identifier: MIT
// Anomaly mode's backward half: on a checked tape, the reverse-pass step that first turns finite
// numbers into ±∞ throws BackwardDomainError naming its op, its node and the input, with the
// user's names; a NaN that was already there is passed on; a plain tape follows IEEE. The forward
// half (the first op that leaves its domain) is checked_mode.cpp.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "autodiff/matrix_ops.hpp"
#include "autodiff/reduce.hpp"

using namespace tapegrad;

namespace {
bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(anomaly_mode)

// Every value is finite (1e−300, 1e−100, 1e100), but ∂z/∂x = 1e200 · 1e200 is not.
BOOST_AUTO_TEST_CASE(an_adjoint_that_overflows_names_the_op_the_node_and_the_input) {
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(1e-300, "x");
  const Var y = x * 1e200;
  tape.set_name(y, "y");
  const Var z = y * 1e200;
  try {
    (void)tape.backward(z);
    BOOST_ERROR("no BackwardDomainError");
  } catch (const BackwardDomainError& e) {
    BOOST_TEST(e.what() ==
               std::string("domain error in the backward pass, at mul 'y' (node 1): the adjoint of "
                           "'x' (node 0) becomes infinite: adjoint · partial = 1e+200 · 1e+200 "
                           "overflows (the chain of partials down to it multiplies past the "
                           "largest double)"));
    BOOST_TEST((e.op() == Op::mul));
    BOOST_TEST(e.node() == y.index());
    BOOST_TEST(e.input() == x.index());
    BOOST_TEST_REQUIRE(e.inputs().size() == 1u);  // the constant 1e200 is not recorded
    BOOST_TEST(e.inputs()[0].name == "x");
  }
}

BOOST_AUTO_TEST_CASE(it_is_a_domain_error_so_the_command_line_reports_it_as_one) {
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(1e-300, "x");
  BOOST_CHECK_THROW((void)tape.backward(Var(x * 1e200 * 1e200)), DomainError);
}

BOOST_AUTO_TEST_CASE(paths_that_add_up_past_the_largest_double_name_where_they_meet) {
  // Each path to x carries 1e308; their sum does not fit.
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(1e-10, "x");
  const Var a = x * 1e308, b = x * 1e308;
  const Var z = a + b;
  try {
    (void)tape.backward(z);
    BOOST_ERROR("no BackwardDomainError");
  } catch (const BackwardDomainError& e) {
    BOOST_TEST(e.input() == x.index());
    BOOST_TEST(e.node() == a.index());  // the sweep meets b first, then a adds past the limit
    BOOST_TEST(contains(e.what(), "add up past the largest double (1e+308 + 1e+308)"), e.what());
  }
}

BOOST_AUTO_TEST_CASE(a_nan_that_was_already_there_is_passed_on_not_reported) {
  // As in the forward pass: a NaN input gives NaN partials (cos NaN), and so a NaN adjoint.
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(std::numeric_limits<double>::quiet_NaN(), "x");
  const Var y = sin(x) * 2.0;
  Adjoints<double> g;
  BOOST_CHECK_NO_THROW(g = tape.backward(y));
  BOOST_TEST(std::isnan(g[x]));
}

BOOST_AUTO_TEST_CASE(a_plain_tape_follows_ieee) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(1e-300, "x");
  const Var z = x * 1e200 * 1e200;
  BOOST_TEST(std::isinf(tape.backward(z)[x]));
}

BOOST_AUTO_TEST_CASE(a_checked_statement_is_recorded_op_by_op_so_the_op_is_named) {
  // On a plain tape this statement would be one node; a checked tape names the inner product.
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var x = tape.input(1e-300, "x");
  const Var w = tape.input(1e200, "w");
  const Var z = x * w * 1e200 + 1.0;
  try {
    (void)tape.backward(z);
    BOOST_ERROR("no BackwardDomainError");
  } catch (const BackwardDomainError& e) {
    BOOST_TEST((e.op() == Op::mul));
    BOOST_TEST(e.input() == x.index());
    BOOST_TEST_REQUIRE(e.inputs().size() == 2u);
    BOOST_TEST(e.inputs()[0].name == "x");
    BOOST_TEST(e.inputs()[1].name == "w");
  }
}

BOOST_AUTO_TEST_CASE(a_checked_reduction_is_recorded_row_by_row_so_it_is_covered_too) {
  // sum_over's fast path records one node per reduction; a checked tape records every row's ops.
  const std::vector<double> xs = {1.0, 2.0, 1e200};
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const Var w = tape.input(1e-300, "w");
  const Var total = sum_over(columns(xs), [&](auto x) { return w * x * 1e200; });
  try {
    (void)tape.backward(total);
    BOOST_ERROR("no BackwardDomainError");
  } catch (const BackwardDomainError& e) {
    BOOST_TEST(e.input() == w.index());
    BOOST_TEST(contains(e.what(), "the adjoint of 'w' (node 0)"), e.what());
  }
}

BOOST_AUTO_TEST_CASE(a_block_op_whose_vector_jacobian_product_overflows_is_named) {
  // A = [1e−300] · 1e200 · 1e200 by two matrix products: ∂s/∂A = 1e400.
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(tape, Eigen::MatrixXd::Constant(1, 1, 1e-300));
  const MatrixVar b = MatrixVar::constant(Eigen::MatrixXd::Constant(1, 1, 1e200));
  const MatrixVar c = matmul(a, b);
  const Var s = sum(matmul(c, b));
  try {
    (void)tape.backward(s);
    BOOST_ERROR("no BackwardDomainError");
  } catch (const BackwardDomainError& e) {
    BOOST_TEST((e.op() == Op::block));
    BOOST_TEST(e.node() == c(0, 0).index());
    BOOST_TEST(e.input() == a(0, 0).index());
    BOOST_TEST(contains(e.what(), "at matmul node"), e.what());
    BOOST_TEST(contains(e.what(), "the vector-Jacobian product of matmul"), e.what());
  }
}

BOOST_AUTO_TEST_CASE(a_finite_gradient_on_a_checked_tape_is_unchanged) {
  // Compared with a trace tape, which records op by op as well but checks nothing.
  Tape checked({.checked = true});
  double with_check = 0;
  {
    auto scope = checked.activate();
    const Var x = checked.input(0.7, "x");
    with_check = checked.backward(Var(exp(sin(x) * x) / (1.0 + x * x)))[x];
  }
  Tape plain({.trace = true});
  auto scope = plain.activate();
  const Var x = plain.input(0.7, "x");
  BOOST_TEST(plain.backward(Var(exp(sin(x) * x) / (1.0 + x * x)))[x] == with_check);
}

BOOST_AUTO_TEST_SUITE_END()
