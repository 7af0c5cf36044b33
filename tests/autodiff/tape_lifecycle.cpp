// SPDX-License-Identifier: MIT
// The tape's life: activation scopes, positions and rewinds, statistics, a training loop that
// stops allocating, long chains without recursion, and independent tapes on several threads.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <thread>
#include <vector>

#include "autodiff/autodiff.hpp"

using namespace tapegrad;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(tape_lifecycle)

BOOST_AUTO_TEST_CASE(scopes_nest_and_restore_the_previous_tape) {
  Tape outer, inner;
  auto s1 = outer.activate();
  BOOST_TEST(&active_tape() == &outer);
  {
    auto s2 = inner.activate();
    BOOST_TEST(&active_tape() == &inner);
  }
  BOOST_TEST(&active_tape() == &outer);
}

BOOST_AUTO_TEST_CASE(backward_twice_gives_the_same_adjoints) {
  // Adjoints are returned fresh, not accumulated in the tape: there is no zero_grad to forget.
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(3.0);
  const Var y = x * x;
  BOOST_TEST(tape.backward(y)[x] == 6.0);
  BOOST_TEST(tape.backward(y)[x] == 6.0);
}

BOOST_AUTO_TEST_CASE(backward_from_an_intermediate_node) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(2.0);
  const Var u = x * x;     // du/dx = 4
  const Var y = sin(u);    // recorded after u: ignored when sweeping from u
  BOOST_TEST(tape.backward(u)[x] == 4.0);
  BOOST_TEST(tape.backward(y)[x] == std::cos(4.0) * 4.0, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(rewind_to_a_position_keeps_what_came_before) {
  Tape tape;
  auto scope = tape.activate();
  const Var w = tape.input(2.0, "w");
  const TapePosition after_params = tape.position();
  for (int i = 0; i < 3; ++i) {
    tape.rewind(after_params);
    const Var loss = w * w * double(i + 1);
    BOOST_TEST(tape.backward(loss)[w] == 4.0 * (i + 1));
  }
  BOOST_TEST(tape.size() == 2u);  // w, and the statement w·w·(i+1) as one node
  BOOST_TEST(tape.name(w.index()) == "w");
}

BOOST_AUTO_TEST_CASE(rewound_training_loop_stops_growing_after_the_first_iteration) {
  Tape tape;
  Eigen::VectorXd x(3), grad;
  x << 1.0, -2.0, 0.5;
  const auto f = [](const auto& v) { return v.squaredNorm() + sin(v[0] * v[1]) + exp(v[2]); };
  value_and_gradient(f, x, grad, tape);
  const TapeStats first = tape.stats();
  for (int i = 0; i < 50; ++i) {
    x -= 0.01 * grad;
    value_and_gradient(f, x, grad, tape);
    const TapeStats now = tape.stats();
    BOOST_TEST(now.nodes == first.nodes);
    BOOST_TEST(now.bytes_reserved == first.bytes_reserved);  // nothing reallocated
  }
}

BOOST_AUTO_TEST_CASE(statistics_count_nodes_arguments_and_bytes) {
  const std::size_t per_node = sizeof(double) + sizeof(Op) + 4, per_argument = 4 + sizeof(double);
  {
    Tape tape;
    auto scope = tape.activate();
    const Var x = tape.input(1.0), y = tape.input(2.0);
    const Var z = x * y + 3.0;  // one statement: one node with the two inputs x and y
    const TapeStats s = tape.stats();
    BOOST_TEST(s.nodes == 3u);
    BOOST_TEST(s.arguments == 2u);
    BOOST_TEST(s.bytes_used == 3 * per_node + 2 * per_argument);
    BOOST_TEST(s.bytes_reserved >= s.bytes_used);
    BOOST_TEST((tape.op(z.index()) == Op::statement));
  }
  {
    Tape tape({.trace = true});  // op by op: mul with two inputs, add with one
    auto scope = tape.activate();
    const Var x = tape.input(1.0), y = tape.input(2.0);
    const Var z = x * y + 3.0;
    const TapeStats s = tape.stats();
    BOOST_TEST(s.nodes == 4u);
    BOOST_TEST(s.arguments == 3u);
    BOOST_TEST(s.bytes_used == 4 * per_node + 3 * per_argument);
    BOOST_TEST((tape.op(z.index()) == Op::add));
  }
}

BOOST_AUTO_TEST_CASE(a_chain_of_ten_million_operations_needs_no_recursion) {
  // y ← sin(y), 10⁷ times: dy/dx is the product of cos(y_k), accumulated here by hand.
  constexpr int n = 10'000'000;
  Tape tape;
  tape.reserve(n + 1, n);
  auto scope = tape.activate();
  const Var x = tape.input(0.5);
  Var y = x;
  double y_plain = 0.5, slope = 1.0;
  for (int i = 0; i < n; ++i) {
    slope *= std::cos(y_plain);
    y_plain = std::sin(y_plain);
    y = sin(y);
  }
  BOOST_TEST(y.value() == y_plain);
  BOOST_TEST(tape.backward(y)[x] == slope, tt::tolerance(1e-9));
  // The tape's size is linear in the chain's length: one node and one argument per operation.
  BOOST_TEST(tape.stats().nodes == std::size_t(n) + 1);
  BOOST_TEST(tape.stats().arguments == std::size_t(n));
}

BOOST_AUTO_TEST_CASE(independent_tapes_on_threads_give_correct_gradients) {
  // Each thread owns a tape: data-parallel gradients are plain threads, summed at the end.
  constexpr int threads = 4;
  std::vector<double> grads(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([t, &grads] {
      Tape tape;
      auto scope = tape.activate();
      double last = 0;
      for (int rep = 0; rep < 2000; ++rep) {
        tape.rewind();
        const Var x = tape.input(double(t + 1));
        const Var y = pow(x, 3) + sin(x);  // dy/dx = 3x² + cos x
        last = tape.backward(y)[x];
      }
      grads[t] = last;
    });
  }
  for (auto& th : pool) th.join();
  for (int t = 0; t < threads; ++t) {
    const double x = t + 1;
    BOOST_TEST(grads[t] == 3 * x * x + std::cos(x), tt::tolerance(1e-14));
  }
}

BOOST_AUTO_TEST_CASE(trace_mode_keeps_constant_operands) {
  Tape tape({.trace = true});
  auto scope = tape.activate();
  const Var w1 = tape.input(2.0, "w1");
  const Var y = w1 * 3.0;
  const auto ops = tape.operands(y.index());
  BOOST_TEST(ops.size() == 2u);
  BOOST_TEST(ops[0].node == w1.index());
  BOOST_TEST(ops[1].node == no_node);
  BOOST_TEST(ops[1].constant == 3.0);
  tape.rewind();
  const Var z = tape.input(1.0) + 1.0;
  BOOST_TEST(tape.operands(z.index()).size() == 2u);
}

BOOST_AUTO_TEST_CASE(labels_name_intermediate_results) {
  Tape tape;
  auto scope = tape.activate();
  const Var w = tape.input(1.0, "w");
  const TapePosition after_w = tape.position();
  const Var y_hat = label(w * 2.0, "y_hat");
  BOOST_TEST(tape.name(y_hat.index()) == "y_hat");
  BOOST_TEST(tape.name(w.index()) == "w");
  tape.rewind(after_w);
  BOOST_TEST(tape.name(1).empty());  // the label went with its node
}

BOOST_AUTO_TEST_SUITE_END()
