// SPDX-License-Identifier: MIT
// Handles that cannot lie: a position, Var or MatrixVar that a rewind discarded or that belongs to
// another tape is refused with a message, never read as something else; a tape active on one
// thread refuses to be activated or recorded on from another.
#include <boost/test/unit_test.hpp>

#include <exception>
#include <string>
#include <thread>

#include "autodiff/autodiff.hpp"
#include "autodiff/matrix_ops.hpp"

using namespace tapegrad;

namespace {
auto message_has(const std::string& part) {
  return [part](const std::exception& e) {
    return std::string(e.what()).find(part) != std::string::npos;
  };
}
// The exception a function throws on another thread (null if none).
template <class F>
std::exception_ptr on_another_thread(F f) {
  std::exception_ptr thrown;
  std::thread t([&] {
    try {
      f();
    } catch (...) {
      thrown = std::current_exception();
    }
  });
  t.join();
  return thrown;
}
template <class E>
bool is(const std::exception_ptr& p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const E&) {
    return true;
  } catch (...) {
  }
  return false;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(handles)

// The repro of issue 18: rewinding to a position after a shorter rewind gave a gradient of 0
// instead of 5120, without an exception.
BOOST_AUTO_TEST_CASE(a_position_discarded_by_a_shorter_rewind_is_refused) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(2.0, "x");
  const TapePosition start = tape.position();
  Var y = x;
  for (int i = 0; i < 10; ++i) y = Var(y * x);
  const TapePosition late = tape.position();  // after x^11
  tape.rewind(start);
  Var z = x;
  for (int i = 0; i < 20; ++i) z = Var(z + x);  // the tape regrows past `late`
  BOOST_CHECK_EXCEPTION(tape.rewind(late), BadPositionError, message_has("discarded"));
  BOOST_TEST(tape.backward(z)[x] == 21.0);  // the refused rewind changed nothing
}

BOOST_AUTO_TEST_CASE(a_position_of_another_tape_is_refused) {
  Tape a, b;
  const Var xa = a.input(2.0);
  const Var xb = b.input(2.0);
  (void)xa;
  TapePosition pa;
  {
    auto scope = a.activate();
    (void)Var(xa * xa);
    pa = a.position();
  }
  auto scope = b.activate();
  Var y = xb;
  for (int i = 0; i < 4; ++i) y = Var(y * xb);
  BOOST_CHECK_EXCEPTION(b.rewind(pa), BadPositionError, message_has("another tape"));
  BOOST_TEST(b.backward(y)[xb] == 5 * 16.0);
}

BOOST_AUTO_TEST_CASE(a_position_stays_valid_while_no_rewind_goes_below_it) {
  Tape tape;
  auto scope = tape.activate();
  const Var w = tape.input(3.0, "w");
  const TapePosition after_w = tape.position();
  for (int iteration = 0; iteration < 3; ++iteration) {
    tape.rewind(after_w);
    const TapePosition here = tape.position();  // taken at the start of a recording
    const Var y = Var(w * w);
    BOOST_TEST(tape.backward(y)[w] == 6.0);
    tape.rewind(here);  // to the same place: still valid
    tape.rewind(after_w);
    BOOST_CHECK_NO_THROW(tape.rewind(here));  // the same node count as after_w: nothing lost
  }
  tape.rewind();  // the beginning is always valid
  BOOST_CHECK_THROW(tape.rewind(after_w), BadPositionError);
}

BOOST_AUTO_TEST_CASE(a_default_position_is_the_beginning) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(1.0);
  (void)Var(x * x);
  BOOST_CHECK_NO_THROW(tape.rewind(TapePosition{}));
  BOOST_TEST(tape.size() == 0u);
}

BOOST_AUTO_TEST_CASE(a_var_after_a_rewind_to_an_earlier_position_is_stale) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(2.0, "x");
  const TapePosition p1 = tape.position();
  const Var y = Var(x * x);
  const TapePosition p2 = tape.position();
  const Var z = Var(y * x);
  tape.rewind(p2);
  BOOST_CHECK_NO_THROW(Var(y + x));  // y came before p2
  tape.rewind(p1);
  BOOST_CHECK_EXCEPTION(Var(y + x), StaleVarError, message_has("rewind"));
  BOOST_CHECK_THROW(Var(z + x), StaleVarError);
  BOOST_CHECK_NO_THROW(Var(x + x));
}

BOOST_AUTO_TEST_CASE(a_matrix_of_another_tape_is_refused) {
  Tape a, b;
  MatrixVar m;
  {
    auto scope = a.activate();
    m = MatrixVar::input(Eigen::MatrixXd::Ones(2, 2));
  }
  auto scope = b.activate();
  const MatrixVar n = MatrixVar::input(Eigen::MatrixXd::Ones(2, 2));
  BOOST_CHECK_EXCEPTION(matmul(m, n), ForeignVarError, message_has("another tape"));
  BOOST_CHECK_THROW(sum(m), ForeignVarError);
}

BOOST_AUTO_TEST_CASE(a_matrix_discarded_by_a_rewind_is_refused) {
  Tape tape;
  auto scope = tape.activate();
  const MatrixVar a = MatrixVar::input(Eigen::MatrixXd::Ones(2, 2));
  const TapePosition p = tape.position();
  const MatrixVar b = matmul(a, a);
  tape.rewind(p);
  const MatrixVar c = matmul(a, a);  // reuses b's nodes and memory
  BOOST_CHECK_THROW(sum(b), StaleVarError);
  BOOST_CHECK_THROW((void)b.value(), StaleVarError);
  BOOST_CHECK_NO_THROW(sum(c));
}

BOOST_AUTO_TEST_CASE(activating_a_tape_active_on_another_thread_throws) {
  Tape tape;
  auto scope = tape.activate();
  const auto thrown = on_another_thread([&] { auto other = tape.activate(); });
  BOOST_TEST(is<TapeThreadError>(thrown));
}

BOOST_AUTO_TEST_CASE(recording_from_another_thread_throws) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(1.0, "x");
  BOOST_TEST(is<TapeThreadError>(on_another_thread([&] { (void)tape.input(2.0); })));
  BOOST_TEST(is<TapeThreadError>(on_another_thread([&] {
    const BasicVar<double> operands[] = {x};
    const double partials[] = {1.0};
    (void)tape.record(Op::neg, -1.0, operands, partials);
  })));
  BOOST_TEST(is<TapeThreadError>(on_another_thread([&] { tape.rewind(); })));
  BOOST_TEST(tape.size() == 1u);  // nothing was recorded from the other thread
  BOOST_TEST(tape.backward(Var(x * 3.0))[x] == 3.0);
}

BOOST_AUTO_TEST_CASE(a_tape_passes_to_another_thread_when_its_scope_ends) {
  Tape tape;
  Var x;
  {
    auto scope = tape.activate();
    x = tape.input(2.0, "x");
  }
  double gradient = 0;
  const auto thrown = on_another_thread([&] {
    auto scope = tape.activate();
    gradient = tape.backward(Var(x * x))[x];
  });
  BOOST_TEST(!thrown);
  BOOST_TEST(gradient == 4.0);
  auto scope = tape.activate();  // and back
  BOOST_TEST(tape.backward(Var(x * x * x))[x] == 12.0);
}

BOOST_AUTO_TEST_CASE(nested_scopes_of_one_tape_on_one_thread) {
  Tape tape;
  auto outer = tape.activate();
  {
    auto inner = tape.activate();
    (void)tape.input(1.0);
  }
  BOOST_CHECK_NO_THROW((void)tape.input(2.0));  // still active here after the inner scope
  BOOST_TEST(is<TapeThreadError>(on_another_thread([&] { auto s = tape.activate(); })));
}

BOOST_AUTO_TEST_SUITE_END()
