// SPDX-License-Identifier: MIT
// The tape's strong exception guarantee: a recording step whose allocation fails leaves the tape
// exactly as it was, and the tape records correctly after a rewind. The executable's operator new
// (counted_new.hpp) makes the Nth allocation of a recording throw, for every N.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "autodiff/matrix_ops.hpp"
#include "autodiff/reduce.hpp"
#include "tests/autodiff/counted_new.hpp"

using tapegrad::testing::injection;

using namespace tapegrad;

BOOST_AUTO_TEST_SUITE(allocation_failure)

namespace {

// Injection paused for the test's own bookkeeping.
struct Paused {
  bool was = injection.counting;
  Paused() { injection.counting = false; }
  ~Paused() { injection.counting = was; }
};

// Everything a reader of the tape can see, to compare before and after a failed step.
struct Snapshot {
  std::size_t nodes = 0, arguments = 0, blocks = 0;
  ArenaMark arena;
  std::vector<double> values;
  std::vector<Op> ops;
  std::vector<NodeIndex> inputs;
  std::vector<std::size_t> operand_counts;
  std::vector<std::string> names;

  static Snapshot of(Tape& tape) {
    Paused paused;
    Snapshot s;
    const TapeStats st = tape.stats();
    s.nodes = st.nodes;
    s.arguments = st.arguments;
    s.blocks = st.blocks;
    s.arena = tape.arena().mark();
    for (NodeIndex i = 0; i < tape.size(); ++i) {
      s.values.push_back(tape.value(i));
      s.ops.push_back(tape.op(i));
      for (NodeIndex k : tape.arg_nodes(i)) s.inputs.push_back(k);
      s.operand_counts.push_back(tape.operands(i).size());
      s.names.emplace_back(tape.name(i));
    }
    return s;
  }
  bool operator==(const Snapshot& o) const {
    return nodes == o.nodes && arguments == o.arguments && blocks == o.blocks &&
           arena.chunk == o.arena.chunk && arena.offset == o.arena.offset &&
           arena.destructors == o.arena.destructors && values == o.values && ops == o.ops &&
           inputs == o.inputs && operand_counts == o.operand_counts && names == o.names;
  }
};

struct Failed {};  // a step failed and the tape was found unchanged

// Runs one recording step; if it throws std::bad_alloc, checks that the tape is as it was.
template <class F>
void step(Tape& tape, F&& f) {
  const Snapshot before = Snapshot::of(tape);
  try {
    f();
  } catch (const std::bad_alloc&) {
    Paused paused;
    const bool unchanged = Snapshot::of(tape) == before;
    BOOST_TEST(unchanged, "a failed step changed the tape (at node " << before.nodes << ")");
    throw Failed{};
  }
}

struct Gradient {
  double x = 0, w = 0;
  Eigen::MatrixXd a;
};

// A recording that grows every column several times and uses every kind of record: named
// inputs, statements, unary ops, a label, matrix inputs, matrix ops and a block with a scalar
// result. Each step records one node, except that a statement of several ops is one node only
// on a plain tape (a checked or tracing tape records each op). Returns the gradient.
Gradient record(Tape& tape) {
  const bool plain = !tape.options().checked && !tape.options().trace;
  Var x, w, y;
  MatrixVar a, b;
  const Eigen::MatrixXd m{{0.5, -1.0}, {2.0, 0.25}};
  step(tape, [&] { x = tape.input(1.5, "x"); });
  step(tape, [&] { w = tape.input(0.5, "w"); });
  step(tape, [&] { a = MatrixVar::input(tape, m); });
  y = x;
  for (int i = 0; i < 150; ++i) step(tape, [&] { y = Var(y * w); });
  if (plain)
    for (int i = 0; i < 50; ++i) step(tape, [&] { y = Var(y * w + sin(x)); });
  for (int i = 0; i < 150; ++i) step(tape, [&] { y = Var(tanh(y)); });
  step(tape, [&] { label(y, "y"); });
  step(tape, [&] { b = matmul(a, a); });
  step(tape, [&] { b = b * y; });
  Var s;
  step(tape, [&] { s = sum(b); });
  step(tape, [&] { y = Var(y + s); });
  Paused paused;  // the backward pass is not recording
  Gradient g;
  const auto adjoints = tape.backward(y);
  g.x = adjoints[x];
  g.w = adjoints[w];
  g.a = a.adjoint(adjoints);
  return g;
}

// A recording at matrix level, where nearly all memory is the block arena's: a matrix product,
// elementwise ops with broadcasting (a scalar, a column), unary elementwise ops, reductions to a
// row, a column and a scalar, softmax and the fused losses. One input is larger than the arena's
// first chunk (64 KiB), so the arena grows by a chunk of its own size and then by doubling, and a
// failure can strike in a chunk, in a block's destructor slot or in the tape's columns. Each step
// records one op, so a failed step must leave no trace.
Gradient record_matrices(Tape& tape) {
  Var w;
  MatrixVar a, big, target, c, d, e, rows;
  Var y;
  Eigen::MatrixXd am(12, 12), bm(100, 100);
  for (Eigen::Index i = 0; i < am.size(); ++i) am.data()[i] = std::sin(0.7 * double(i)) * 0.5;
  for (Eigen::Index i = 0; i < bm.size(); ++i) bm.data()[i] = std::cos(0.3 * double(i));
  const Eigen::MatrixXd tm = am.transpose();
  step(tape, [&] { w = tape.input(0.5, "w"); });
  step(tape, [&] { a = MatrixVar::input(tape, am); });
  step(tape, [&] { big = MatrixVar::input(tape, bm); });
  step(tape, [&] { target = MatrixVar::constant(tm); });
  step(tape, [&] { c = matmul(a, a); });
  step(tape, [&] { c = c * w; });
  step(tape, [&] { c = tanh(c); });
  step(tape, [&] { rows = row_sums(a); });
  step(tape, [&] { d = cwise_product(c, a); });
  step(tape, [&] { d = d + rows; });
  step(tape, [&] { e = d / w; });
  step(tape, [&] { e = exp(e); });
  MatrixVar soft, log_soft, sig;
  step(tape, [&] { soft = softmax(e); });
  step(tape, [&] { log_soft = log_softmax(d); });
  step(tape, [&] { e = soft - log_soft; });
  step(tape, [&] { rows = col_means(big); });
  step(tape, [&] { y = sum(rows); });
  Var term;
  step(tape, [&] { term = log_sum_exp(d); });
  step(tape, [&] { y = Var(y + term); });
  step(tape, [&] { term = mse(c, target); });
  step(tape, [&] { y = Var(y + term); });
  step(tape, [&] { d = transpose(a); });
  step(tape, [&] { term = dot(e, d); });
  step(tape, [&] { y = Var(y + term); });
  step(tape, [&] { sig = big * w; });
  step(tape, [&] { sig = sigmoid(sig); });
  step(tape, [&] { term = mean(sig); });
  step(tape, [&] { y = Var(y * term); });
  Paused paused;
  Gradient g;
  const auto adjoints = tape.backward(y);
  g.w = adjoints[w];
  g.a = a.adjoint(adjoints);
  g.x = big.adjoint(adjoints).sum();
  return g;
}

// Reductions over data (reduce.hpp): a plain tape sums the rows in chunks and records one node, a
// checked tape records every row op by op; either way a failure must take the whole reduction
// back. The data are made before main, outside the counted recording.
const std::vector<double> data_x = [] {
  std::vector<double> v(100);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = std::sin(0.3 * double(i));
  return v;
}();
const std::vector<double> data_y = [] {
  std::vector<double> v(100);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = std::cos(0.7 * double(i));
  return v;
}();

Gradient record_reductions(Tape& tape) {
  Var w0, w1, y, term;
  const ReduceOptions options{.threads = 1, .chunk_rows = 16};
  step(tape, [&] { w0 = tape.input(0.3, "w0"); });
  step(tape, [&] { w1 = tape.input(-1.2, "w1"); });
  step(tape, [&] {
    y = mean_over(columns(data_x, data_y),
                  [&](auto x, auto t) { return pow(t - (w1 * x + w0), 2); }, options);
  });
  step(tape, [&] {
    term = sum_over(columns(data_x), [&](auto x) { return log(w1 * w1 + 1.0) * x; }, options);
  });
  step(tape, [&] { y = Var(y + term); });
  Paused paused;
  Gradient g;
  const auto adjoints = tape.backward(y);
  g.x = adjoints[w0];
  g.w = adjoints[w1];
  return g;
}

// Fails the Nth allocation of a recording for every N, on a fresh tape each time; after each
// failure the tape is rewound and records the right gradient.
template <class Record>
void fail_every_allocation(TapeOptions options, Record record) {
  Gradient expected;
  std::int64_t allocations = 0;
  {
    Tape tape(options);
    auto scope = tape.activate();
    injection = {.counting = true};
    expected = record(tape);
    injection.counting = false;
    allocations = injection.seen;
  }
  BOOST_TEST_REQUIRE(allocations > 10);  // the columns, the arena, the names, the blocks
  for (std::int64_t n = 0; n < allocations; ++n) {
    BOOST_TEST_CONTEXT("failing allocation " << n << " of " << allocations) {
      Tape tape(options);
      auto scope = tape.activate();
      bool failed = false;
      injection = {.counting = true, .countdown = n};
      try {
        (void)record(tape);
      } catch (const Failed&) {
        failed = true;
      }
      injection.counting = false;
      BOOST_TEST(failed);
      tape.rewind();
      const Gradient again = record(tape);
      BOOST_TEST(again.x == expected.x);
      BOOST_TEST(again.w == expected.w);
      BOOST_TEST(again.a.isApprox(expected.a, 0.0));
      // The tape is usable from a position too.
      const TapePosition start = tape.position();
      const Var z = tape.input(2.0);
      BOOST_TEST(tape.backward(Var(z * z))[z] == 4.0);
      tape.rewind(start);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_failed_allocation_leaves_the_tape_as_it_was) {
  fail_every_allocation({}, record);
}

BOOST_AUTO_TEST_CASE(the_same_in_trace_mode) { fail_every_allocation({.trace = true}, record); }

BOOST_AUTO_TEST_CASE(the_same_in_checked_mode) { fail_every_allocation({.checked = true}, record); }

// The block arena keeps the same guarantee over a recording that is mostly matrix ops.
BOOST_AUTO_TEST_CASE(a_failed_allocation_in_matrix_ops_leaves_tape_and_arena_as_they_were) {
  fail_every_allocation({}, record_matrices);
}

BOOST_AUTO_TEST_CASE(the_same_for_matrix_ops_in_checked_mode) {
  fail_every_allocation({.checked = true}, record_matrices);
}

BOOST_AUTO_TEST_CASE(a_failed_allocation_in_a_reduction_takes_it_back) {
  fail_every_allocation({}, record_reductions);
}

BOOST_AUTO_TEST_CASE(the_same_for_a_reduction_in_checked_mode) {
  fail_every_allocation({.checked = true}, record_reductions);
}

BOOST_AUTO_TEST_CASE(a_failed_arena_creation_leaves_the_arena_as_it_was) {
  struct Big {
    std::vector<double> v;
    explicit Big(std::size_t n) : v(n) {}
  };
  BlockArena arena;
  (void)arena.create<Big>(4);
  const ArenaMark before = arena.mark();
  for (std::int64_t n = 0; n < 2; ++n) {
    injection = {.counting = true, .countdown = n};
    bool failed = false;
    try {
      (void)arena.create<Big>(1000);
    } catch (const std::bad_alloc&) {
      failed = true;
    }
    injection.counting = false;
    BOOST_TEST(failed);
    const ArenaMark after = arena.mark();
    BOOST_TEST(after.chunk == before.chunk);
    BOOST_TEST(after.offset == before.offset);
    BOOST_TEST(after.destructors == before.destructors);
  }
}

BOOST_AUTO_TEST_SUITE_END()
