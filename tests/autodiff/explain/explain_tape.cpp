// SPDX-License-Identifier: MIT
// explain on tapes beyond the lessons: every op of the rule table, inputs that do not reach the
// loss, block ops (multi-output tape entries), name generation, many paths, and misuse.
#include <boost/test/unit_test.hpp>

#include <map>
#include <memory>

#include "tests/autodiff/explain/explain_lessons.hpp"

using namespace tapegrad;
using namespace tapegrad::test;
namespace tt = boost::test_tools;

namespace {
// A block op with outputs (a + b, a − b), as a matrix op from another module would record.
class SumDiff : public BlockOp<double> {
 public:
  SumDiff(NodeIndex a, NodeIndex b) : a_(a), b_(b) {}
  void backward(std::span<double> adj, NodeIndex first) const override {
    // ∂(a+b)/∂a = 1, ∂(a−b)/∂a = 1; ∂(a+b)/∂b = 1, ∂(a−b)/∂b = −1.
    adj[a_] += adj[first] + adj[first + 1];
    adj[b_] += adj[first] - adj[first + 1];
  }
  std::string_view name() const override { return "sumdiff"; }

 private:
  NodeIndex a_, b_;
};
// Each unary op of the rule table as the function a user calls.
const std::map<Op, Var (*)(const Var&)> unary_functions = {
    {Op::neg, [](const Var& v) -> Var { return -v; }},
    {Op::exp, [](const Var& v) -> Var { return exp(v); }},
    {Op::exp2, [](const Var& v) -> Var { return exp2(v); }},
    {Op::expm1, [](const Var& v) -> Var { return expm1(v); }},
    {Op::log, [](const Var& v) -> Var { return log(v); }},
    {Op::log2, [](const Var& v) -> Var { return log2(v); }},
    {Op::log10, [](const Var& v) -> Var { return log10(v); }},
    {Op::log1p, [](const Var& v) -> Var { return log1p(v); }},
    {Op::sqrt, [](const Var& v) -> Var { return sqrt(v); }},
    {Op::cbrt, [](const Var& v) -> Var { return cbrt(v); }},
    {Op::sin, [](const Var& v) -> Var { return sin(v); }},
    {Op::cos, [](const Var& v) -> Var { return cos(v); }},
    {Op::tan, [](const Var& v) -> Var { return tan(v); }},
    {Op::asin, [](const Var& v) -> Var { return asin(v); }},
    {Op::acos, [](const Var& v) -> Var { return acos(v); }},
    {Op::atan, [](const Var& v) -> Var { return atan(v); }},
    {Op::sinh, [](const Var& v) -> Var { return sinh(v); }},
    {Op::cosh, [](const Var& v) -> Var { return cosh(v); }},
    {Op::tanh, [](const Var& v) -> Var { return tanh(v); }},
    {Op::asinh, [](const Var& v) -> Var { return asinh(v); }},
    {Op::acosh, [](const Var& v) -> Var { return acosh(v); }},
    {Op::atanh, [](const Var& v) -> Var { return atanh(v); }},
    {Op::abs, [](const Var& v) -> Var { return abs(v); }},
    {Op::relu, [](const Var& v) -> Var { return relu(v); }},
    {Op::floor, [](const Var& v) -> Var { return floor(v); }},
    {Op::ceil, [](const Var& v) -> Var { return ceil(v); }},
    {Op::round, [](const Var& v) -> Var { return round(v); }},
    {Op::erf, [](const Var& v) -> Var { return erf(v); }},
    {Op::erfc, [](const Var& v) -> Var { return erfc(v); }},
    {Op::sigmoid, [](const Var& v) -> Var { return sigmoid(v); }},
    {Op::softplus, [](const Var& v) -> Var { return softplus(v); }},
};
}  // namespace

BOOST_AUTO_TEST_SUITE(explain_tape)

BOOST_AUTO_TEST_CASE(every_unary_op_shows_the_tape_partial_and_its_rule) {
  for (std::size_t i = 0; i < op_count; ++i) {
    const OpInfo& op = op_infos[i];
    if (op.arity != 1) continue;
    const double x0 = 0.5 * (op.sample[0].lo + op.sample[0].hi) + 0.13;
    Tape tape({.trace = true});
    auto scope = tape.activate();
    const Var x = tape.input(x0, "x");
    const auto it = unary_functions.find(op.op);
    if (it == unary_functions.end()) BOOST_FAIL("a unary op without a function here: " << op.name);
    const Var y = it->second(x);
    const Explanation ex = explain(tape, y);
    const auto& step = ex.backward.at(0);
    BOOST_TEST(step.partials.size() == 1u, op.name);
    const auto& p = step.partials.at(0);
    BOOST_TEST(p.rule() == op.partial_text[0], op.name);
    BOOST_TEST(p.partial == tape.backward(y)[x], op.name);
    BOOST_TEST(ex.gradient_of("x").gradient == tape.backward(y)[x], op.name);
    // A rule that depends on its input shows the input's name in symbols.
    if (std::string_view(op.partial_text[0]).find('a') != std::string_view::npos)
      BOOST_TEST(p.rule_symbols().find('x') != std::string_view::npos, op.name << ": " << p.rule_symbols());
  }
}

BOOST_AUTO_TEST_CASE(binary_ops_with_both_operands_recorded) {
  Tape tape({.trace = true});
  auto scope = tape.activate();
  const Var a = tape.input(1.5, "a"), b = tape.input(0.75, "b");
  const Var y = label(a / b, "q");
  const Explanation ex = explain(tape, y);
  const auto& p = ex.backward.at(0).partials;
  BOOST_TEST(p.size() == 2u);
  BOOST_TEST(p[0].rule_symbols() == "1/b");
  BOOST_TEST(p[1].rule_symbols() == "−a/b²");
  BOOST_TEST(p[1].rule_numbers() == "−1.5/0.75²");
  BOOST_TEST(p[1].partial == -1.5 / (0.75 * 0.75), tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(an_input_used_twice_in_one_op) {
  // x·x: one consumer, two edges; the adjoint is the sum x + x.
  const auto l = explain_lesson([](Tape& t) {
    const Var x = t.input(3.0, "x");
    return x * x;
  });
  const auto& g = l.ex.gradient_of("x");
  BOOST_TEST(g.gradient == 6.0);
  BOOST_TEST(g.paths.size() == 2u);
  BOOST_TEST(l.ex.backward.back().terms.size() == 2u);
}

BOOST_AUTO_TEST_CASE(inputs_that_do_not_reach_the_loss) {
  Tape tape({.trace = true});
  auto scope = tape.activate();
  const Var x = tape.input(2.0, "x");
  const Var unused = tape.input(7.0, "z");
  const Var side = label(sin(unused), "side");  // computed, but not part of the loss
  const Var loss = 3 * x;
  const Explanation ex = explain(tape, loss);
  BOOST_TEST(ex.gradient_of("z").gradient == 0.0);
  BOOST_TEST(ex.gradient_of("z").reaches_loss == false);
  for (const auto& s : ex.forward) BOOST_TEST(s.name != "side");
  BOOST_TEST(to_text(ex).find("z does not affect L") != std::string::npos);
  const Explanation all = explain(tape, loss, {.show_unreachable = true});
  bool marked = false;
  for (const auto& s : all.forward) marked = marked || (s.name == "side" && !s.reaches_loss);
  BOOST_TEST(marked);
  BOOST_TEST(to_dot(all).find("does not reach the loss") != std::string::npos);
  (void)side;
}

BOOST_AUTO_TEST_CASE(generated_names_avoid_the_users_names) {
  Tape tape({.trace = true});
  auto scope = tape.activate();
  const Var x = tape.input(1.0, "t1");
  const Var y = exp(x) + 1;
  const Explanation ex = explain(tape, y);
  BOOST_TEST(ex.forward.at(1).name == "t2");
  BOOST_TEST(ex.forward.at(1).generated_name);
  BOOST_TEST(ex.loss_name == "L");
}

BOOST_AUTO_TEST_CASE(many_paths_are_counted_not_written_out) {
  // y = x; y = y + y repeated 10 times: 2^10 paths from the loss to x.
  Tape tape({.trace = true});
  auto scope = tape.activate();
  const Var x = tape.input(1.0, "x");
  Var y = x;
  for (int k = 0; k < 10; ++k) y = y + y;
  const Explanation ex = explain(tape, y, {.max_paths = 16});
  const auto& g = ex.gradient_of("x");
  BOOST_TEST(g.gradient == 1024.0);
  BOOST_TEST(g.path_count == 1024.0);
  BOOST_TEST(g.paths.empty());
  BOOST_TEST(to_text(ex).find("1024 paths: too many to write out") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(block_ops_are_shown_by_name_and_replayed_by_their_backward) {
  Tape tape({.trace = true});
  auto scope = tape.activate();
  const Var a = tape.input(3.0, "a"), b = tape.input(1.0, "b");
  const double values[] = {4.0, 2.0};
  const Var s = tape.record_block(values, std::make_unique<SumDiff>(a.index(), b.index()));
  const Var d = tape.var_at(s.index() + 1);
  const Var loss = s * d;  // (a + b)(a − b) = a² − b²: ∂/∂a = 2a = 6, ∂/∂b = −2b = −2
  const Explanation ex = explain(tape, loss);
  BOOST_TEST(ex.forward.at(2).operation == "sumdiff[0]");
  BOOST_TEST(ex.forward.at(3).operation == "sumdiff[1]");
  BOOST_TEST(ex.forward.at(2).block == "sumdiff");
  BOOST_TEST(ex.gradient_of("a").gradient == 6.0);
  BOOST_TEST(ex.gradient_of("b").gradient == -2.0);
  BOOST_TEST(ex.gradient_of("a").through_block);
  const auto adj = tape.backward(loss);
  for (const auto& st : ex.backward) BOOST_TEST(st.adjoint == adj.all()[st.node]);
  bool vjp = false;
  for (const auto& st : ex.backward)
    for (const auto& p : st.partials) vjp = vjp || (p.vector_jacobian && st.block == "sumdiff");
  BOOST_TEST(vjp);
  // Every format copes.
  BOOST_TEST(to_text(ex).find("vector-Jacobian product of sumdiff") != std::string::npos);
  BOOST_TEST(to_markdown(ex).find("sumdiff") != std::string::npos);
  BOOST_TEST(to_json(ex).at("forward").at(2).at("block").get<std::string>() == "sumdiff");
  BOOST_TEST(to_dot(ex).find("sumdiff backward") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_constant_loss_is_an_explain_error) {
  Tape tape({.trace = true});
  BOOST_CHECK_THROW(explain(tape, Var(3.0)), ExplainError);
}

BOOST_AUTO_TEST_CASE(untraced_tapes_explain_unless_a_constant_operand_is_needed) {
  Tape tape;
  auto scope = tape.activate();
  const Var x = tape.input(2.0, "x"), w = tape.input(3.0, "w");
  const Var xw = x * w;
  const Var y = sin(xw);
  const Explanation ex = explain(tape, y);
  BOOST_TEST(ex.forward.at(2).operation == "x · w");
  const Var z = 3 * x;
  BOOST_CHECK_THROW(explain(tape, z), ExplainError);
  // A plain tape records `sin(x * w)` as one node: explain asks for a trace tape to show its ops.
  const Var fused = sin(x * w);
  BOOST_CHECK_EXCEPTION(explain(tape, fused), ExplainError, [](const ExplainError& e) {
    return std::string(e.what()).find("{.trace = true}") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(a_var_from_another_tape_is_refused) {
  Tape one({.trace = true}), two({.trace = true});
  Var x;
  {
    auto scope = one.activate();
    x = one.input(1.0, "x");
  }
  BOOST_CHECK_THROW(explain(two, x), TapeMisuseError);
}

// A long sum makes one input's adjoint a sum of thousands of terms; a deep nesting makes one path
// thousands of factors long. Both once grew the text quadratically (every table row padded to
// the widest cell, every factor of a path looked up by a scan): the text must stay a bounded
// number of bytes per node.
constexpr std::size_t max_text_bytes_per_node = 1000;

BOOST_AUTO_TEST_CASE(a_sum_of_8000_terms_explains_in_bytes_linear_in_its_nodes) {
  Tape tape({.trace = true});
  auto scope = tape.activate();
  const Var x = tape.input(1.0, "x");
  Var y = x;
  for (int k = 1; k < 8000; ++k) y = y + x;
  const Explanation ex = explain(tape, y);
  BOOST_TEST(ex.gradient_of("x").gradient == 8000.0);
  const std::size_t nodes = tape.size();
  BOOST_TEST(to_text(ex).size() < max_text_bytes_per_node * nodes);
  BOOST_TEST(to_markdown(ex).size() < max_text_bytes_per_node * nodes);
}

BOOST_AUTO_TEST_CASE(ten_thousand_nested_sines_explain_in_bytes_linear_in_their_nodes) {
  Tape tape({.trace = true});
  auto scope = tape.activate();
  const Var x = tape.input(1.0, "x");
  Var y = x;
  for (int k = 0; k < 10'000; ++k) y = sin(y);
  const Explanation ex = explain(tape, y);
  const auto& g = ex.gradient_of("x");
  BOOST_TEST(g.paths.size() == 1u);
  BOOST_TEST(g.paths[0].factors.size() == 10'000u);
  BOOST_TEST(g.paths[0].product == g.gradient, tt::tolerance(1e-12));
  BOOST_TEST(to_text(ex).size() < max_text_bytes_per_node * tape.size());
}

BOOST_AUTO_TEST_CASE(a_tape_beyond_max_nodes_is_refused_with_the_way_out) {
  Tape tape({.trace = true});
  auto scope = tape.activate();
  const Var x = tape.input(1.0, "x");
  Var y = x;
  for (int k = 0; k < 10; ++k) y = y * x;  // 11 nodes
  BOOST_CHECK_NO_THROW(explain(tape, y, {.max_nodes = 11}));
  BOOST_CHECK_EXCEPTION(explain(tape, y, {.max_nodes = 10}), ExplainError, [](const ExplainError& e) {
    const std::string what = e.what();
    return what.find("11 nodes") != std::string::npos && what.find("limit of 10") != std::string::npos &&
           what.find("max_nodes") != std::string::npos && what.find("--max-nodes") != std::string::npos;
  });
}

BOOST_AUTO_TEST_SUITE_END()
