// SPDX-License-Identifier: MIT
// Builds an Explanation from a recorded tape (see explain.hpp): names the nodes, writes each
// operation with its operands, replays the reverse pass from the recorded partials (blocks by
// their own vector-Jacobian product on a scratch array), and lists the chain-rule paths.
#include "autodiff/explain/explain.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string_view>

#include "autodiff/explain/formula.hpp"
#include "autodiff/explain/number.hpp"
#include "autodiff/op_rules.hpp"

namespace tapegrad {

namespace {

struct BlockSpan {
  NodeIndex first = no_node;
  NodeIndex last = no_node;  // one past the last output
  const BlockOp<double>* op = nullptr;
};

// Where each block node's block starts and ends, for nodes 0 .. n−1 (read only at block nodes;
// empty for a tape without any).
std::vector<BlockSpan> find_blocks(const Tape& tape, NodeIndex n) {
  bool any = false;
  for (NodeIndex i = 0; i < n && !any; ++i) any = tape.op(i) == Op::block;
  if (!any) return {};
  std::vector<BlockSpan> spans(n);
  for (NodeIndex i = 0; i < n; ++i) {
    if (tape.op(i) != Op::block) continue;
    const BlockOp<double>* op = tape.block_of(i);
    if (i > 0 && spans[i - 1].op == op && op != nullptr) {
      spans[i] = spans[i - 1];
      continue;
    }
    NodeIndex last = i + 1;
    while (last < tape.size() && tape.op(last) == Op::block && tape.block_of(last) == op) ++last;
    spans[i] = {i, last, op};
  }
  return spans;
}

// The reverse pass, replayed: adjoints, who reaches the loss, and each node's adjoint terms.
struct Replay {
  std::vector<double> adjoint;
  std::vector<char> reaches;
  std::vector<std::vector<AdjointTerm>> terms;                 // per node, from its consumers
  std::vector<std::vector<std::pair<NodeIndex, double>>> vjp;  // per block's first node: input, product
                                                               // (empty without blocks)
  std::vector<double> path_count;
  std::vector<double> path_factors;  // the factors along all paths from the loss to the node
  std::vector<char> through_block;
};

Replay replay(const Tape& tape, NodeIndex loss, const std::vector<BlockSpan>& blocks) {
  const NodeIndex n = loss + 1;
  Replay r;
  r.adjoint.assign(n, 0.0);
  r.reaches.assign(n, 0);
  r.terms.resize(n);
  if (!blocks.empty()) r.vjp.resize(n);
  r.path_count.assign(n, 0.0);
  r.path_factors.assign(n, 0.0);
  r.through_block.assign(n, 0);
  {
    // Each node's terms in one allocation of the right size: an input used 10⁵ times otherwise
    // grows its list by doubling, copying and faulting in twice its size.
    std::vector<std::uint32_t> uses(n, 0);
    for (NodeIndex i = 0; i < n; ++i)
      if (tape.op(i) != Op::block)
        for (NodeIndex a : tape.arg_nodes(i)) ++uses[a];
    for (NodeIndex i = 0; i < n; ++i)
      if (uses[i] > 1) r.terms[i].reserve(uses[i]);
  }
  r.adjoint[loss] = 1.0;
  r.reaches[loss] = 1;
  r.path_count[loss] = 1.0;
  std::vector<double> scratch;
  // The chain rule from the loss down: a node's adjoint is complete once every later node has
  // passed its share, adjoint(input) += partial · adjoint(node).
  for (NodeIndex i = n; i-- > 0;) {
    if (tape.op(i) == Op::block) {
      const BlockSpan& b = blocks[i];
      if (i != b.first || b.op == nullptr) continue;  // a block runs once, at its first output
      const NodeIndex end = std::min(b.last, n);
      bool reached = false;
      double paths = 0.0, factors = 0.0;
      for (NodeIndex j = b.first; j < end; ++j) {
        reached = reached || r.reaches[j];
        paths += r.path_count[j];
        factors += r.path_factors[j];
      }
      if (!reached) continue;
      // The block's backward runs at its first output, so that step must be listed.
      r.reaches[b.first] = 1;
      scratch.assign(tape.size(), 0.0);
      for (NodeIndex j = b.first; j < end; ++j) scratch[j] = r.adjoint[j];
      b.op->backward(std::span<double>(scratch), b.first);
      for (NodeIndex j = 0; j < b.first; ++j) {
        if (scratch[j] == 0.0) continue;
        r.adjoint[j] += scratch[j];
        r.reaches[j] = 1;
        r.path_count[j] += paths;
        r.path_factors[j] += factors + paths;
        r.through_block[j] = 1;
        r.vjp[i].push_back({j, scratch[j]});
        r.terms[j].push_back(
            {.from = i, .vector_jacobian = true, .adjoint = 0.0, .partial = 0.0, .product = scratch[j]});
      }
      continue;
    }
    if (!r.reaches[i]) continue;
    const auto args = tape.arg_nodes(i);
    const auto partials = tape.arg_partials(i);
    for (std::size_t k = 0; k < args.size(); ++k) {
      const NodeIndex a = args[k];
      const double product = partials[k] * r.adjoint[i];
      r.adjoint[a] += product;
      r.reaches[a] = 1;
      r.path_count[a] += r.path_count[i];
      r.path_factors[a] += r.path_factors[i] + r.path_count[i];  // each path gains ∂i/∂a
      r.through_block[a] = r.through_block[a] || r.through_block[i];
      r.terms[a].push_back({.from = i, .adjoint = r.adjoint[i], .partial = partials[k], .product = product});
    }
  }
  return r;
}

// The reverse sweep meets a node's consumers from the last to the first, and one consumer's edges
// (x·x uses x twice) in operand order; reversing the consumers but not each one's edges gives
// recording order, as a stable sort by consumer would, in linear time and without the sort's
// buffer (one allocation per node).
template <class T>
void into_recording_order(std::vector<T>& items, NodeIndex T::*consumer) {
  std::reverse(items.begin(), items.end());
  for (auto run = items.begin(); run != items.end();) {
    const NodeIndex c = (*run).*consumer;
    const auto end = std::find_if(run, items.end(), [&](const T& t) { return t.*consumer != c; });
    std::reverse(run, end);
    run = end;
  }
}

// Names for every shown node: the user's, the loss name, or t1, t2, ... avoiding the user's.
std::vector<std::string> name_nodes(const Tape& tape, NodeIndex loss, const std::vector<char>& shown,
                                    const ExplainOptions& options, std::vector<char>& generated) {
  const NodeIndex n = loss + 1;
  std::set<std::string, std::less<>> taken;
  for (NodeIndex i = 0; i < n; ++i)
    if (!tape.name(i).empty()) taken.insert(std::string(tape.name(i)));
  std::vector<std::string> names(n);
  generated.assign(n, 0);
  int counter = 0;
  for (NodeIndex i = 0; i < n; ++i) {
    if (!shown[i]) continue;
    if (!tape.name(i).empty()) {
      names[i] = tape.name(i);
    } else if (i == loss) {
      names[i] = options.loss_name;
    } else {
      do names[i] = options.name_prefix + std::to_string(++counter);
      while (taken.contains(names[i]) || names[i] == options.loss_name);
      generated[i] = 1;
    }
  }
  return names;
}

// A node's operands: all of them (constants too) in trace mode; otherwise only recorded ones,
// which is enough exactly when the op has no constant operand.
std::vector<ExplainOperand> operands_of(const Tape& tape, NodeIndex i) {
  std::vector<ExplainOperand> out;
  const Op op = tape.op(i);
  if (op == Op::input || op == Op::block) return out;
  if (op == Op::statement)
    throw ExplainError("explain: node " + std::to_string(i) +
                       " is a whole statement that a plain tape records as one node (such as "
                       "`sin(x * w)`); record with `Tape tape({.trace = true})` to see each op");
  if (tape.options().trace) {
    for (const auto& o : tape.operands(i)) {
      if (o.node == no_node)
        out.push_back({no_node, o.constant});
      else
        out.push_back({o.node, tape.value(o.node)});
    }
    return out;
  }
  const auto args = tape.arg_nodes(i);
  if (static_cast<int>(args.size()) != info(op).arity)
    throw ExplainError(
        "explain: node " + std::to_string(i) + " (" + std::string(info(op).name) +
        ") has a constant operand that the tape did not keep; record with "
        "`Tape tape({.trace = true})` to explain it");
  for (NodeIndex a : args) out.push_back({a, tape.value(a)});
  return out;
}

// An operand as the operation shows it: the node's name, or the constant as printed.
std::string operand_text(const ExplainOperand& o, const std::vector<std::string>& names, int precision) {
  return o.node == no_node ? format_number(o.value, precision) : names[o.node];
}

// How the user calls `op` (ln for log), else the rule table's name.
std::string_view spelling_of(Op op, const ExplainOptions& options) {
  for (const auto& [o, name] : options.spellings)
    if (o == op) return name;
  return info(op).name;
}

std::string operation_of(const Tape& tape, NodeIndex i, const std::vector<ExplainOperand>& operands,
                         const std::vector<std::string>& names, const std::vector<BlockSpan>& blocks,
                         const ExplainOptions& options) {
  const Op op = tape.op(i);
  if (op == Op::input) return "input";
  if (op == Op::block) {
    const BlockSpan& b = blocks[i];
    const std::string name = b.op ? std::string(b.op->name()) : std::string("block");
    return name + "[" + std::to_string(i - b.first) + "]";
  }
  std::vector<std::string> texts;
  for (const auto& o : operands) texts.push_back(operand_text(o, names, options.precision));
  OpInfo spelled = info(op);
  spelled.name = spelling_of(op, options);
  return operation_text(spelled, texts);
}

// The constant operands' values (nullopt for a recorded operand).
std::vector<std::optional<double>> constants_of(const std::vector<ExplainOperand>& operands) {
  std::vector<std::optional<double>> out;
  for (const auto& o : operands)
    out.push_back(o.node == no_node ? std::optional<double>(o.value) : std::nullopt);
  return out;
}

// Whether the rule text uses the word `word` (a, b or y).
bool rule_uses(std::string_view rule, std::string_view word) {
  const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
  for (std::size_t i = 0; i < rule.size();) {
    if (!is_word(rule[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < rule.size() && is_word(rule[end])) ++end;
    if (rule.substr(i, end - i) == word) return true;
    i = end;
  }
  return false;
}

// A formula longer than this helps no one: it is left out.
constexpr std::size_t max_formula_size = 72;

// Every path from the loss down to `input`, by an explicit-stack walk up the consumer edges.
// One chain of factors is extended and cut back as the walk goes (a copy per step made a path
// of 10⁴ nested ops cost 10⁸ factor copies); explain asks only when there are few paths.
struct ConsumerEdge {
  NodeIndex consumer;
  double partial;
};
std::vector<ChainPath> paths_to(NodeIndex input, NodeIndex loss,
                                const std::vector<std::vector<ConsumerEdge>>& consumers,
                                const std::vector<std::string>& names) {
  struct Visit {
    NodeIndex at;
    std::size_t next_edge;  // the next of consumers[at] to follow
  };
  std::vector<ChainPath> paths;
  std::vector<PathFactor> chain;  // from the input upward; chain[k] leads out of stack[k]
  std::vector<Visit> stack{{input, 0}};
  while (!stack.empty()) {
    Visit& v = stack.back();
    if (v.at == loss) {
      ChainPath path;
      path.factors.assign(chain.rbegin(), chain.rend());
      path.product = 1.0;
      for (const auto& f : path.factors) path.product *= f.partial;
      paths.push_back(std::move(path));
    }
    const auto& edges = consumers[v.at];
    if (v.at == loss || v.next_edge == edges.size()) {
      stack.pop_back();
      if (!chain.empty()) chain.pop_back();
      continue;
    }
    const ConsumerEdge& e = edges[v.next_edge++];
    chain.push_back({e.consumer, v.at, names[e.consumer], names[v.at], e.partial});
    stack.push_back({e.consumer, 0});
  }
  return paths;
}

}  // namespace

void LocalPartial::set_texts(std::string_view rule, std::string_view rule_simplified,
                             std::string_view rule_symbols, std::string_view rule_inputs,
                             std::string_view rule_numbers) {
  texts_.clear();
  texts_.reserve(rule.size() + rule_simplified.size() + rule_symbols.size() + rule_inputs.size() +
                 rule_numbers.size() + 5);
  for (std::string_view t : {rule, rule_simplified, rule_symbols, rule_inputs, rule_numbers}) {
    texts_ += t;
    texts_ += '\0';
  }
}

std::string_view LocalPartial::text(int k) const {
  std::string_view rest = texts_;
  for (; k > 0 && !rest.empty(); --k) rest.remove_prefix(rest.find('\0') + 1);
  return rest.substr(0, rest.find('\0'));
}

const std::string& Explanation::name_of(NodeIndex node) const {
  static const std::string none;
  return node < node_names.size() ? node_names[node] : none;
}

const GradientEntry& Explanation::gradient_of(const std::string& name) const {
  for (const auto& g : gradient)
    if (g.name == name) return g;
  throw ExplainError("explain: no input called '" + name + "' in the gradient");
}

const RowTerm* OverRows::explained() const {
  for (const auto& r : listed)
    if (r.row == row) return &r;
  return nullptr;
}

Explanation explain(const Tape& tape, const Var& loss, const ExplainOptions& options) {
  if (!loss.is_recorded())
    throw ExplainError(
        "explain: the loss is a constant (it depends on no input), so there is nothing to "
        "differentiate; enter the parameters with tape.input(value, \"name\")");
  tape.check(loss);
  const NodeIndex loss_node = loss.index();
  const NodeIndex n = loss_node + 1;
  if (n > options.max_nodes)
    throw ExplainError("explain: the tape has " + std::to_string(n) +
                       " nodes up to the loss, more than the limit of " +
                       std::to_string(options.max_nodes) +
                       " (ExplainOptions::max_nodes); explain a smaller expression or fewer data "
                       "rows, or raise the limit (`tapegrad explain --max-nodes N`)");
  const auto blocks = find_blocks(tape, n);
  Replay r = replay(tape, loss_node, blocks);

  std::vector<char> shown(n, 0);
  for (NodeIndex i = 0; i < n; ++i) shown[i] = options.show_unreachable || r.reaches[i];
  // A named input is always shown: its gradient (0 when it does not reach the loss) is asked for.
  for (NodeIndex i = 0; i < n; ++i)
    if (tape.op(i) == Op::input && !tape.name(i).empty()) shown[i] = 1;
  std::vector<char> is_given(n, 0);
  for (NodeIndex g : options.given)
    if (g < n && tape.op(g) == Op::input) is_given[g] = shown[g] = 1;
  std::vector<char> generated;
  Explanation ex;
  ex.loss = loss_node;
  ex.expression = options.expression;
  ex.loss_value = tape.value(loss_node);
  ex.precision = options.precision;
  ex.node_names = name_nodes(tape, loss_node, shown, options, generated);
  ex.loss_name = ex.node_names[loss_node];
  const auto& names = ex.node_names;
  const int prec = options.precision;

  // Forward, in recording order; each node also as a formula in the inputs.
  ex.forward.reserve(n);
  ex.backward.reserve(n);
  std::vector<std::vector<ExplainOperand>> operands(n);
  std::vector<std::size_t> forward_index(n, 0);  // each shown node's place in ex.forward
  std::vector<std::optional<TeacherFormula>> formulas(n);
  const auto formula_of = [&](const ExplainOperand& o) -> std::optional<TeacherFormula> {
    if (o.node == no_node) return number_formula(o.value, prec);
    return formulas[o.node];
  };
  for (NodeIndex i = 0; i < n; ++i) {
    if (!shown[i]) continue;
    operands[i] = operands_of(tape, i);
    if (tape.op(i) == Op::input) {
      formulas[i] = TeacherFormula{names[i], TeacherFormula::atom};
      if (is_given[i]) ex.given.push_back({i, names[i], tape.value(i)});
    } else if (tape.op(i) != Op::block) {
      std::vector<TeacherFormula> parts;
      for (const auto& o : operands[i]) {
        const auto f = formula_of(o);
        if (!f) break;
        parts.push_back(*f);
      }
      if (parts.size() == operands[i].size()) {
        TeacherFormula f = teacher_operation(info(tape.op(i)), spelling_of(tape.op(i), options),
                                             parts, constants_of(operands[i]), prec);
        if (f.text.size() <= max_formula_size) formulas[i] = std::move(f);
      }
    }
    ForwardStep s;
    s.step = ex.forward.size() + 1;
    s.node = i;
    s.name = names[i];
    s.generated_name = generated[i] != 0;
    s.op = tape.op(i);
    if (s.op == Op::block && blocks[i].op) s.block = blocks[i].op->name();
    s.operation = operation_of(tape, i, operands[i], names, blocks, options);
    s.given = is_given[i] != 0;
    // The formula only when it says more than the operation (not `w1 · x = w1·x`).
    const auto squeezed = [](std::string t) {
      std::erase(t, ' ');
      return t;
    };
    if (s.op != Op::input && formulas[i] && squeezed(formulas[i]->text) != squeezed(s.operation))
      s.formula = formulas[i]->text;
    s.operands = std::move(operands[i]);
    forward_index[i] = ex.forward.size();
    s.value = tape.value(i);
    s.reaches_loss = r.reaches[i] != 0;
    ex.forward.push_back(std::move(s));
  }

  // The inputs in the gradient, and those whose paths are written out: few enough paths
  // (max_paths), while max_path_factors lasts, in recording order.
  std::vector<char> in_gradient(n, 0), with_paths(n, 0);
  bool any_paths = false;
  double factors_left = double(options.max_path_factors);
  for (NodeIndex i = 0; i < n; ++i) {
    if (tape.op(i) != Op::input || !shown[i] || is_given[i]) continue;
    if (!r.reaches[i] && tape.name(i).empty()) continue;
    in_gradient[i] = 1;
    if (r.reaches[i] && !r.through_block[i] && r.path_count[i] <= double(options.max_paths) &&
        r.path_factors[i] <= factors_left) {
      with_paths[i] = 1;
      any_paths = true;
      factors_left -= r.path_factors[i];
    }
  }

  // Backward, from the loss down, over the nodes that reach it. The consumer edges are kept only
  // when some path is to be written out (not for x + x + ... + x: 10⁵ paths to x).
  std::vector<std::vector<ConsumerEdge>> consumers(any_paths ? n : 0);
  for (NodeIndex i = n; i-- > 0;) {
    if (!r.reaches[i] || is_given[i]) continue;
    BackwardStep s;
    s.step = ex.backward.size() + 1;
    s.node = i;
    s.name = names[i];
    s.op = tape.op(i);
    if (s.op == Op::block && blocks[i].op) s.block = blocks[i].op->name();
    s.adjoint = r.adjoint[i];
    s.seed = i == loss_node;
    // The sweep meets the consumers from the last to the first; the sum reads better in the
    // order of the formula, i.e. of recording.
    s.terms = std::move(r.terms[i]);  // each node's terms are read once, here
    into_recording_order(s.terms, &AdjointTerm::from);
    if (s.op == Op::block) {
      for (const auto& [input, product] : r.vjp[i]) {
        LocalPartial p;
        p.input = input;
        p.set_texts("vector-Jacobian product of " + s.block, "", "", "", "");
        p.product = product;
        p.vector_jacobian = true;
        s.partials.push_back(std::move(p));
      }
    } else if (s.op != Op::input) {
      const OpInfo& op = info(s.op);
      const auto args = tape.arg_nodes(i);
      const auto partials = tape.arg_partials(i);
      const auto& opnds = ex.forward[forward_index[i]].operands;
      // The k-th recorded input is the k-th operand that is not a constant.
      const auto constants = constants_of(opnds);
      s.partials.reserve(args.size());
      std::size_t k = 0;
      for (std::size_t j = 0; j < opnds.size() && k < args.size(); ++j) {
        if (opnds[j].node == no_node) continue;
        if (is_given[args[k]]) {  // a given value is not differentiated
          ++k;
          continue;
        }
        LocalPartial p;
        p.input = args[k];
        const std::string_view rule = op.partial_text[j];
        const std::string rule_simplified = simplified_rule(op, j, constants, prec);
        const std::string a_sym = opnds.size() > 0 ? operand_text(opnds[0], names, prec) : "";
        const std::string b_sym = opnds.size() > 1 ? operand_text(opnds[1], names, prec) : "";
        const std::string rule_symbols = substitute_rule(rule_simplified, a_sym, b_sym, names[i]);
        std::string rule_inputs, rule_numbers;
        p.cases = rule.find(" if ") != std::string_view::npos;
        if (p.cases) {
          // "1 if a > 0, else 0" with numbers put in reads "1 if 0 > 0": say instead which
          // values decide, and the case they choose is the partial itself.
          for (const auto& o : opnds)
            if (o.node != no_node)
              rule_numbers += (rule_numbers.empty() ? "" : ", ") + names[o.node] + " = " + format_number(o.value, prec);
        } else {
          const std::string a_num = opnds.size() > 0 ? format_number(opnds[0].value, prec) : "";
          const std::string b_num = opnds.size() > 1 ? format_number(opnds[1].value, prec) : "";
          rule_numbers = substitute_rule(rule_simplified, a_num, b_num, format_number(tape.value(i), prec));
          const auto fa = opnds.size() > 0 ? formula_of(opnds[0]) : std::nullopt;
          const auto fb = opnds.size() > 1 ? formula_of(opnds[1]) : std::nullopt;
          const bool uses_b = rule_uses(rule_simplified, "b");
          const bool uses_y = rule_uses(rule_simplified, "y");
          if (fa && (fb || !uses_b) && (formulas[i] || !uses_y)) {
            std::string f = substitute_rule_formula(
                rule_simplified, *fa, fb ? *fb : TeacherFormula{},
                formulas[i] ? *formulas[i] : TeacherFormula{});
            if (f != rule_symbols && f.size() <= max_formula_size) rule_inputs = std::move(f);
          }
        }
        p.set_texts(rule, rule_simplified, rule_symbols, rule_inputs, rule_numbers);
        p.partial = partials[k];
        p.adjoint = r.adjoint[i];
        p.product = partials[k] * r.adjoint[i];
        if (any_paths) consumers[args[k]].push_back({i, partials[k]});
        s.partials.push_back(std::move(p));
        ++k;
      }
    }
    ex.backward.push_back(std::move(s));
  }

  for (auto& edges : consumers)
    into_recording_order(edges, &ConsumerEdge::consumer);

  // The gradient: every input that reaches the loss, and every named input.
  for (NodeIndex i = 0; i < n; ++i) {
    if (!in_gradient[i]) continue;
    GradientEntry g;
    g.node = i;
    g.name = names[i];
    g.generated_name = generated[i] != 0;
    g.value = tape.value(i);
    g.gradient = r.adjoint[i];
    g.reaches_loss = r.reaches[i] != 0;
    g.path_count = r.path_count[i];
    g.path_factors = r.path_factors[i];
    g.through_block = r.through_block[i] != 0;
    if (with_paths[i]) g.paths = paths_to(i, loss_node, consumers, names);
    ex.gradient.push_back(std::move(g));
  }
  return ex;
}

}  // namespace tapegrad
