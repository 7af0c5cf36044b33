// SPDX-License-Identifier: MIT
// Misusing the tape is an exception with a message a newcomer understands, never undefined
// behaviour: no active tape, a Var from another tape, a Var discarded by a rewind, a full tape.
#include <boost/test/unit_test.hpp>

#include <string>

#include "autodiff/autodiff.hpp"

using namespace tapegrad;

namespace {
// Whether the exception's message contains `part`.
auto message_has(const std::string& part) {
  return [part](const std::exception& e) { return std::string(e.what()).find(part) != std::string::npos; };
}
}  // namespace

BOOST_AUTO_TEST_SUITE(misuse)

BOOST_AUTO_TEST_CASE(no_active_tape) {
  Tape tape;
  const Var x = tape.input(1.0);
  BOOST_CHECK_EXCEPTION(Var(sin(x)), NoActiveTapeError, message_has("tape.activate()"));
  BOOST_CHECK_EXCEPTION(Var(x * 2.0), NoActiveTapeError, message_has("no active tape"));
  BOOST_CHECK_THROW(active_tape(), NoActiveTapeError);
}

BOOST_AUTO_TEST_CASE(var_from_another_tape) {
  Tape first, second;
  const Var a = first.input(1.0, "a");
  const Var b = second.input(2.0, "b");
  {
    auto scope = second.activate();
    BOOST_CHECK_EXCEPTION(Var(a + b), ForeignVarError, message_has("another tape"));
  }
  {
    auto scope = first.activate();
    BOOST_CHECK_EXCEPTION(Var(a * b), ForeignVarError, message_has("another tape"));
    BOOST_CHECK_THROW(first.backward(b), ForeignVarError);
  }
}

BOOST_AUTO_TEST_CASE(var_recorded_before_a_rewind) {
  Tape tape;
  auto scope = tape.activate();
  const Var w = tape.input(1.0, "w");
  const TapePosition p = tape.position();
  const Var old = w * 2.0;
  tape.rewind(p);
  BOOST_CHECK_EXCEPTION(Var(old + w), StaleVarError, message_has("rewind"));
  BOOST_CHECK_EXCEPTION(tape.backward(old), StaleVarError, message_has("Record it again"));
  BOOST_CHECK_NO_THROW(Var(w * 3.0));  // w came before the position: still valid
  tape.rewind();
  BOOST_CHECK_THROW(Var(w * 3.0), StaleVarError);  // now w is gone too
}

BOOST_AUTO_TEST_CASE(adjoints_of_a_discarded_var) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(1.0);
  const auto adj = tape.backward(x * x);
  tape.rewind();
  BOOST_CHECK_THROW(adj[x], StaleVarError);
}

BOOST_AUTO_TEST_CASE(rewind_to_a_discarded_position) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(1.0);
  (void)(x * x);
  const TapePosition late = tape.position();
  tape.rewind();
  BOOST_CHECK_EXCEPTION(tape.rewind(late), BadPositionError, message_has("discarded"));
}

BOOST_AUTO_TEST_CASE(more_nodes_than_the_tape_holds) {
  // The limit is the 32-bit index by default; a small limit shows the same error.
  Tape tape({.max_nodes = 3});
  auto scope = tape.activate();
  const Var x = tape.input(1.0);
  const Var y = x * x;
  const Var z = y + x;
  BOOST_CHECK_EXCEPTION(Var(z * 2.0), TapeFullError, message_has("at most 3 nodes"));
  BOOST_CHECK_THROW(tape.input(0.0), TapeFullError);
  BOOST_TEST(Tape().options().max_nodes == no_node);
}

BOOST_AUTO_TEST_CASE(seeds_and_outputs_must_match) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(1.0);
  const Var outs[] = {x * 2.0, x * 3.0};
  const double seeds[] = {1.0};
  Adjoints<double> adj;
  BOOST_CHECK_THROW(tape.backward(std::span<const Var>(outs), std::span<const double>(seeds), adj),
                    TapeMisuseError);
}

BOOST_AUTO_TEST_CASE(destroying_the_active_tape_deactivates_it) {
  auto outer = std::make_unique<Tape>();
  auto scope = outer->activate();
  outer.reset();
  BOOST_CHECK_THROW(active_tape(), NoActiveTapeError);
}

BOOST_AUTO_TEST_SUITE_END()
