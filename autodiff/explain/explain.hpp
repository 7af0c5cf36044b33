// SPDX-License-Identifier: MIT
// explain: the chain rule step by step, as data. `explain(tape, loss)` walks a recorded tape
// forward (each node: its operation written with its inputs' names, its value) and replays the
// reverse pass from the recorded partials (each node: the local rule from the rule table in
// symbols and in numbers, the adjoint it passes down, the product; where paths meet, the sum),
// ending with the gradient of the inputs and the chain of factors along every path to each.
// The renderers turn an Explanation into text (text.hpp), Markdown (markdown.hpp),
// JSON (json.hpp) and Graphviz (dot.hpp). The tape itself formats nothing.
//
//   Tape tape({.trace = true});               // trace keeps constants, so `3 · x` can be shown
//   auto scope = tape.activate();
//   Var x = tape.input(0.0, "x");
//   Var loss = pow(3 * x + 5, 2);
//   fmt::print("{}", to_text(explain(tape, loss)));
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/op.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var.hpp"

namespace tapegrad {

// The tape cannot be explained as asked: the loss is a constant or stale, a constant operand
// was not kept because the tape was not recorded with `{.trace = true}`, or the tape up to the
// loss has more nodes than ExplainOptions::max_nodes.
class ExplainError : public Error {
 public:
  using Error::Error;
};

struct ExplainOptions {
  std::string loss_name = "L";   // what the loss is called when the user did not name it
  std::string name_prefix = "t";  // unnamed nodes become t1, t2, ... in forward order
  int precision = 6;              // significant digits of every printed number
  bool show_unreachable = false;  // also list nodes that cannot reach the loss (marked)
  std::size_t max_paths = 16;     // chain-rule paths written out per input; beyond, only counted
  // The chain-rule factors written out over all inputs' paths together: an input whose paths
  // would pass what is left is only counted. It keeps the explanation linear in the nodes — in
  // x1 + x2 + ... + xn the paths have n, n − 1, ..., 2 factors, n²/2 in all.
  std::size_t max_path_factors = 100'000;
  // The most nodes (the tape up to and including the loss) explain accepts; beyond, it throws
  // ExplainError. An explanation is a few hundred bytes per node, so 10⁵ nodes is tens of MB of
  // text that nobody reads; raise it for a machine that reads the JSON.
  std::size_t max_nodes = 100'000;
  std::string expression = {};    // the formula as the user wrote it, shown in the header
  // Inputs that stand for given values (constants, data): shown by name in every formula
  // (`∂t1/∂w1 = x = 1`), but not differentiated: no backward step and no gradient entry.
  std::vector<NodeIndex> given = {};
  // How the user spelled an op, when not by the rule table's name (log written as ln).
  std::vector<std::pair<Op, std::string>> spellings = {};
};

// A given value (see ExplainOptions::given), for the header.
struct GivenValue {
  NodeIndex node = 0;
  std::string name;
  double value = 0;
};

// One operand of an operation: a node (named Explanation::name_of(node)) or a constant.
struct ExplainOperand {
  NodeIndex node = no_node;  // no_node for a constant
  double value = 0;
};

// One node of the forward pass.
// (The members of the steps are ordered so that the flags share one word: 10⁵ steps.)
struct ForwardStep {
  std::size_t step = 0;  // 1-based, in recording order
  NodeIndex node = 0;
  Op op = Op::input;
  bool generated_name = false;  // t1, t2, ... rather than a name the user gave
  bool given = false;           // an input that is a given value (ExplainOptions::given)
  bool reaches_loss = true;
  std::string name;
  std::string block;       // for Op::block: the block op's name (e.g. matmul), else ""
  std::string operation;   // "input", "3 · x", "sin(t1)", "matmul[2]"
  // The value as a formula in the inputs, as a teacher writes it ("3x + 5"); "" for an input, a
  // block, or a formula too long to be useful.
  std::string formula;
  std::vector<ExplainOperand> operands;
  double value = 0;
};

// One edge of the reverse pass: ∂node/∂input, and what it carries down. Its input's name is
// Explanation::name_of(input). Its five texts are kept end to end in one string (10⁵ nodes' edges
// as five strings each were a quarter of an explanation's memory): read them with the functions.
struct LocalPartial {
  NodeIndex input = 0;
  bool cases = false;            // the rule has cases: rule_numbers says which values decide
  bool vector_jacobian = false;  // a block op's edge: only the product is known
  double partial = 0;            // the recorded ∂node/∂input
  double adjoint = 0;            // ∂loss/∂node, the adjoint passed down
  double product = 0;            // adjoint · partial: this edge's share of ∂loss/∂input

  // The rule table's text, in a, b and y (e.g. "b·a^(b−1)").
  std::string_view rule() const { return text(0); }
  // The rule as a teacher writes it: the power rule with an integer exponent worked out
  // ("2·a" for a^2), ·1 and +0 dropped. rule_symbols, rule_inputs and rule_numbers use it.
  std::string_view rule_simplified() const { return text(1); }
  std::string_view rule_symbols() const { return text(2); }  // with the operands' names put in ("2·u")
  // With the operands' formulas in the inputs ("2(3x + 5)"), or "".
  std::string_view rule_inputs() const { return text(3); }
  // With the operands' values put in ("2·5"); for a rule with cases ("1 if a > 0, else 0"): the
  // operands' values that decide ("t1 = 0").
  std::string_view rule_numbers() const { return text(4); }
  void set_texts(std::string_view rule, std::string_view rule_simplified, std::string_view rule_symbols,
                 std::string_view rule_inputs, std::string_view rule_numbers);

 private:
  std::string_view text(int k) const;
  std::string texts_;  // rule, rule_simplified, rule_symbols, rule_inputs, rule_numbers, each + '\0'
};

// One contribution to a node's adjoint: the product carried down one edge from a consumer (whose
// name is Explanation::name_of(from)).
struct AdjointTerm {
  NodeIndex from = 0;
  bool vector_jacobian = false;
  double adjoint = 0;  // ∂loss/∂from
  double partial = 0;  // ∂from/∂node
  double product = 0;
};

// One node of the reverse pass, from the loss down: its adjoint (the sum of its terms, or the
// seed 1 for the loss) and the partials through which it passes the adjoint to its inputs.
struct BackwardStep {
  std::size_t step = 0;  // 1-based, from the loss down
  NodeIndex node = 0;
  Op op = Op::input;
  bool seed = false;   // the loss itself: ∂loss/∂loss = 1
  std::string name;
  std::string block;
  double adjoint = 0;  // ∂loss/∂node
  std::vector<AdjointTerm> terms;
  std::vector<LocalPartial> partials;
};

// One factor of a chain: ∂of/∂wrt.
struct PathFactor {
  NodeIndex of = 0;
  NodeIndex wrt = 0;
  std::string of_name;
  std::string wrt_name;
  double partial = 0;
};

// One path from the loss down to an input: the chain rule's product of local partials.
struct ChainPath {
  std::vector<PathFactor> factors;  // from the loss down
  double product = 0;
};

// ∂loss/∂input for one input, with the paths whose products sum to it.
struct GradientEntry {
  NodeIndex node = 0;
  std::string name;
  bool generated_name = false;
  double value = 0;
  double gradient = 0;
  bool reaches_loss = true;
  std::vector<ChainPath> paths;   // empty when there are more than max_paths, or more factors
                                  // than max_path_factors leaves, or through a block
  double path_count = 0;          // how many paths there are (a double: it can be astronomical)
  double path_factors = 0;        // the factors along them all (paths are left out beyond
                                  // ExplainOptions::max_path_factors)
  bool through_block = false;     // some path passes a block op (no per-edge partials there)
};

// One row of the table under a loss over data (see OverRows): the row's given values, its loss and
// the partials of that loss.
struct RowTerm {
  std::size_t row = 0;            // 1-based, as the data's lines are counted
  std::vector<double> values;     // in OverRows::columns order
  double loss = 0;                // loss_i
  std::vector<double> partials;   // ∂loss_i/∂p, in OverRows::parameters order
};

// A loss over data, f = scale · Σ_i loss_i, of which the Explanation explains one row in full.
// Explaining every row op by op would be unreadable and quadratic; the teacher shows one row and
// then that f and its gradient are the (scaled) sums of the rows' losses and partials.
struct OverRows {
  std::string name = "f";            // what the loss over the rows is called
  std::string term = "loss";         // loss_i: what a row's loss is called (the explained row's
                                     // is the Explanation's loss_name)
  std::size_t row = 0;               // the row explained in full (1-based)
  std::size_t count = 0;             // n, the rows of the data
  std::string source;                // where the rows come from (the file name)
  std::vector<std::string> columns;  // the given values a row supplies
  std::vector<std::string> parameters;
  bool mean = true;                  // scale = 1/n; otherwise 1 (the sum)
  // The rows listed, ascending: the first and last few and the explained one. Renderers mark the
  // gap wherever consecutive row numbers jump.
  std::vector<RowTerm> listed;
  double loss_sum = 0;                // Σ_i loss_i
  std::vector<double> partial_sums;   // Σ_i ∂loss_i/∂p
  double value = 0;                   // f
  std::vector<double> gradient;       // ∂f/∂p
  const RowTerm* explained() const;   // the listed entry of `row`
};

struct Explanation {
  NodeIndex loss = 0;
  std::string loss_name;
  std::string expression;          // ExplainOptions::expression
  std::vector<GivenValue> given;   // the given values, in recording order
  double loss_value = 0;
  int precision = 6;
  std::vector<ForwardStep> forward;
  std::vector<BackwardStep> backward;
  std::vector<GradientEntry> gradient;
  std::vector<std::string> node_names;  // indexed by node up to the loss; "" for nodes not shown
  // When the loss is one row's term of a loss over data: the sum. explain() leaves it empty; the
  // caller that recorded the row fills it in.
  std::optional<OverRows> over_rows;

  // The name explain gave `node` (user's, generated, or the loss name); "" if not shown.
  const std::string& name_of(NodeIndex node) const;
  // The gradient entry of the input called `name`; throws ExplainError when there is none.
  const GradientEntry& gradient_of(const std::string& name) const;
};

// Explains how `loss` was computed on `tape` and how its gradient flows back to the inputs.
// The adjoints are replayed from the partials on the tape (no reverse-pass hook), so they equal
// `tape.backward(loss)`. Throws ExplainError for a constant, foreign or stale loss, and when a
// constant operand is needed but the tape was not recorded with `{.trace = true}`.
Explanation explain(const Tape& tape, const Var& loss, const ExplainOptions& options = {});

}  // namespace tapegrad
