// SPDX-License-Identifier: MIT
// Subtrees of an Expression (see subexpression.hpp): starts by one pass with a stack, texts built
// bottom-up in postfix order (no recursion), operand swaps by splicing the two subtrees.
#include "autodiff/expression/subexpression.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "autodiff/op_rules.hpp"

namespace tapegrad {
namespace {

int arity_of(const ExpressionNode& n) {
  return n.kind == ExpressionNode::Kind::apply ? info(n.op).arity : 0;
}

// Binding strength: a + b < a·b < −a < a^b < a leaf or a call.
enum Level { sum = 1, product = 2, prefix = 3, power = 4, atom = 5 };

int level_of(Op op) {
  switch (op) {
    case Op::add:
    case Op::sub: return sum;
    case Op::mul:
    case Op::div: return product;
    case Op::neg: return prefix;
    case Op::pow: return power;
    default: return atom;
  }
}

std::string number_text(double v) { return fmt::format("{}", v); }

}  // namespace

std::vector<std::size_t> subtree_starts(const Expression& e) {
  const auto nodes = e.nodes();
  std::vector<std::size_t> starts(nodes.size());
  std::vector<std::size_t> stack;  // the subtrees not yet used, by their last entry
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    const int arity = arity_of(nodes[k]);
    std::size_t start = k;
    for (int a = 0; a < arity && !stack.empty(); ++a) {
      start = starts[stack.back()];
      stack.pop_back();
    }
    starts[k] = start;
    stack.push_back(k);
  }
  return starts;
}

std::string subexpression_text(const Expression& e, std::size_t node, Brackets brackets) {
  const auto nodes = e.nodes();
  if (node >= nodes.size()) return "";
  const bool full = brackets == Brackets::full;
  const auto starts = subtree_starts(e);
  const std::size_t first = starts[node];
  // Texts of the subtrees on a stack, with their binding levels.
  std::vector<std::pair<std::string, int>> stack;
  for (std::size_t k = first; k <= node; ++k) {
    const ExpressionNode& n = nodes[k];
    if (n.kind == ExpressionNode::Kind::number) {
      const std::string t = number_text(n.number);
      stack.emplace_back(t, n.number < 0 ? prefix : atom);
      continue;
    }
    if (n.kind == ExpressionNode::Kind::variable) {
      stack.emplace_back(e.variables().at(n.variable), atom);
      continue;
    }
    const OpInfo& row = info(n.op);
    const int level = level_of(n.op);
    if (row.arity == 2 && stack.size() >= 2) {
      auto b = std::move(stack.back());
      stack.pop_back();
      auto a = std::move(stack.back());
      stack.pop_back();
      if (level == atom) {  // a call: atan2(a, b)
        stack.emplace_back(fmt::format("{}({}, {})", row.name, a.first, b.first), atom);
        continue;
      }
      // Minimal: bracket an operand that binds more loosely, or as loosely on the right of − and
      // / (a − (b + c)) and on the left of ^ ((a^b)^c).
      const bool right_tight = n.op == Op::sub || n.op == Op::div;
      const bool left_tight = n.op == Op::pow;
      auto operand = [&](const std::pair<std::string, int>& o, bool tight) {
        const bool bracket = !full && (o.second < level || (tight && o.second == level));
        return bracket ? "(" + o.first + ")" : o.first;
      };
      const std::string symbol = n.op == Op::mul   ? "·"
                                 : n.op == Op::pow ? "^"
                                                   : fmt::format(" {} ", row.symbol);
      std::string t = operand(a, left_tight) + symbol + operand(b, right_tight);
      if (full) t = "(" + t + ")";
      stack.emplace_back(std::move(t), full ? atom : level);
    } else if (row.arity == 1 && !stack.empty()) {
      auto a = std::move(stack.back());
      stack.pop_back();
      if (level == prefix) {
        std::string t = std::string(row.symbol) +
                        (!full && a.second < prefix ? "(" + a.first + ")" : a.first);
        if (full) t = "(" + t + ")";
        stack.emplace_back(std::move(t), full ? atom : prefix);
      } else {
        stack.emplace_back(fmt::format("{}({})", row.name, a.first), atom);
      }
    }
  }
  return stack.empty() ? std::string() : stack.back().first;
}

std::string expression_text(const Expression& e, Brackets brackets) {
  const auto size = e.nodes().size();
  return size == 0 ? std::string() : subexpression_text(e, size - 1, brackets);
}

std::optional<Expression> with_names_inlined(const Expression& e, std::size_t max_entries) {
  std::vector<ExpressionNode> out;
  std::vector<std::size_t> starts;                  // where each subtree on the stack starts in out
  std::vector<std::vector<ExpressionNode>> named;  // each name's defining entries
  for (const ExpressionNode& n : e.nodes()) {
    switch (n.kind) {
      case ExpressionNode::Kind::define: {
        if (named.size() <= n.variable) named.resize(n.variable + 1);
        const auto start = static_cast<std::ptrdiff_t>(starts.back());
        starts.pop_back();
        named[n.variable].assign(out.begin() + start, out.end());
        out.resize(static_cast<std::size_t>(start));
        break;
      }
      case ExpressionNode::Kind::local:
        starts.push_back(out.size());
        out.insert(out.end(), named.at(n.variable).begin(), named.at(n.variable).end());
        break;
      default: {
        std::size_t start = out.size();
        for (int a = 0; a < arity_of(n); ++a) {
          start = starts.back();
          starts.pop_back();
        }
        starts.push_back(start);
        out.push_back(n);
      }
    }
    if (out.size() > max_entries) return std::nullopt;
  }
  return Expression(e.text(), std::move(out), e.variables());
}

Expression with_swapped_operands(const Expression& e, std::size_t node) {
  const auto nodes = e.nodes();
  if (node >= nodes.size() || arity_of(nodes[node]) != 2)
    throw Error(fmt::format("with_swapped_operands: entry {} of '{}' is not a binary op", node,
                            e.text()));
  const auto starts = subtree_starts(e);
  const std::size_t b_end = node;              // exclusive
  const std::size_t b_start = starts[node - 1];
  const std::size_t a_start = starts[node];
  std::vector<ExpressionNode> out(nodes.begin(), nodes.begin() + static_cast<std::ptrdiff_t>(a_start));
  out.insert(out.end(), nodes.begin() + static_cast<std::ptrdiff_t>(b_start),
             nodes.begin() + static_cast<std::ptrdiff_t>(b_end));
  out.insert(out.end(), nodes.begin() + static_cast<std::ptrdiff_t>(a_start),
             nodes.begin() + static_cast<std::ptrdiff_t>(b_start));
  out.insert(out.end(), nodes.begin() + static_cast<std::ptrdiff_t>(node), nodes.end());
  Expression swapped("", std::move(out), e.variables());
  return Expression(expression_text(swapped), std::vector<ExpressionNode>(swapped.nodes().begin(), swapped.nodes().end()), e.variables());
}

}  // namespace tapegrad
