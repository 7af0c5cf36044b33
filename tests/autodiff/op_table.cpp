// SPDX-License-Identifier: MIT
// Data-driven over the rule table: for every op, at sample points across each row's range
// (reaching near its domain's edges), the tape's value and backward sweep agree with the row, and
// each partial agrees with a central finite difference of the row's value — with a Var and with a
// plain double on each side of a binary op.
#include <boost/test/unit_test.hpp>

#include <array>
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

// Points across an interval: near both ends (a domain's edge) and inside. The second argument of
// a binary op uses other fractions, so that min/max never see a tie.
constexpr std::array<double, 5> first_fractions{0.002, 0.21, 0.45, 0.73, 0.998};
constexpr std::array<double, 3> second_fractions{0.013, 0.58, 0.91};

template <Op op>
void check_unary_op() {
  const auto& row = rule<op>();
  for (double f : first_fractions) {
    const double a = at(row.info.sample[0], f);
    BOOST_TEST_CONTEXT(row.info.name << "(a) at a = " << a) {
      Tape tape;
      auto scope = tape.activate();
      const Var va = tape.input(a);
      const Var y = detail::apply<op>(va);
      const double value = row.value(a);
      BOOST_TEST(y.value() == value);
      BOOST_TEST((tape.op(y.index()) == op));
      const double partial = tape.backward(y)[va];
      BOOST_TEST(partial == row.d0(a, value));
      const double fd = central_difference([&](double t) { return row.value(t); }, a);
      BOOST_TEST(close_to_fd(partial, fd), "∂/∂a = " << partial << ", finite difference " << fd);
      // A constant operand records nothing.
      const auto before = tape.size();
      BOOST_TEST(!detail::apply<op>(Var(a)).is_recorded());
      BOOST_TEST(tape.size() == before);
    }
  }
}

template <Op op>
void check_binary_op() {
  const auto& row = rule<op>();
  for (double fa : first_fractions) {
    for (double fb : second_fractions) {
      const double a = at(row.info.sample[0], fa);
      const double b = at(row.info.sample[1], fb);
      BOOST_TEST_CONTEXT(row.info.name << "(a, b) at a = " << a << ", b = " << b) {
        const double value = row.value(a, b);
        const double fd_a = central_difference([&](double t) { return row.value(t, b); }, a);
        const double fd_b = central_difference([&](double t) { return row.value(a, t); }, b);
        Tape tape;
        auto scope = tape.activate();
        const Var va = tape.input(a), vb = tape.input(b);

        // Var with Var.
        const Var y = detail::apply<op>(va, vb);
        BOOST_TEST(y.value() == value);
        const auto adj = tape.backward(y);
        BOOST_TEST(adj[va] == row.d0(a, b, value));
        BOOST_TEST(adj[vb] == row.d1(a, b, value));
        BOOST_TEST(close_to_fd(adj[va], fd_a), "∂/∂a = " << adj[va] << ", finite difference " << fd_a);
        BOOST_TEST(close_to_fd(adj[vb], fd_b), "∂/∂b = " << adj[vb] << ", finite difference " << fd_b);

        // Var with a plain double on the right, and on the left: one recorded input each.
        const Var ya = detail::apply<op>(va, Var(b));
        BOOST_TEST(ya.value() == value);
        BOOST_TEST(tape.arg_nodes(ya.index()).size() == 1u);
        BOOST_TEST(tape.backward(ya)[va] == adj[va]);
        const Var yb = detail::apply<op>(Var(a), vb);
        BOOST_TEST(yb.value() == value);
        BOOST_TEST(tape.arg_nodes(yb.index()).size() == 1u);
        BOOST_TEST(tape.backward(yb)[vb] == adj[vb]);

        // Two constants record nothing.
        const auto before = tape.size();
        BOOST_TEST(!detail::apply<op>(Var(a), Var(b)).is_recorded());
        BOOST_TEST(tape.size() == before);
      }
    }
  }
}

template <std::size_t... I>
void check_all_ops(std::index_sequence<I...>) {
  (
      [] {
        constexpr Op op = static_cast<Op>(I);
        constexpr int arity = info(op).arity;
        if constexpr (arity == 1)
          check_unary_op<op>();
        else if constexpr (arity == 2)
          check_binary_op<op>();
      }(),
      ...);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(op_table)

BOOST_AUTO_TEST_CASE(every_op_matches_finite_differences_and_its_row) {
  check_all_ops(std::make_index_sequence<op_count>{});
}

BOOST_AUTO_TEST_CASE(every_row_has_its_formula_text) {
  for (const OpInfo& row : op_infos) {
    BOOST_TEST_CONTEXT(row.name) {
      BOOST_TEST(!row.name.empty());
      for (int k = 0; k < row.arity; ++k) BOOST_TEST(!row.partial_text[k].empty());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
