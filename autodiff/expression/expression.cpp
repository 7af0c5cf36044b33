// SPDX-License-Identifier: MIT
// Recording and evaluating an Expression: one pass over its postfix entries with an explicit
// operand stack (no recursion, so any nesting depth is fine), each op applied through the rule
// table by apply_op.
#include "autodiff/expression/expression.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "autodiff/expression/op_dispatch.hpp"
#include "autodiff/op_rules.hpp"
#include "autodiff/expression/parse_error.hpp"
#include "autodiff/tape.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {

ExpressionDomainError::ExpressionDomainError(const DomainError& error, std::string_view text,
                                             std::size_t column, std::size_t length)
    : DomainError(error),
      message_(fmt::format("{}\n{}", trf("{} (column {})", error.what(), column),
                           point_at(text, column, length))),
      column_(column) {}

UnboundVariableError::UnboundVariableError(const std::string& name)
    : Error(fmt::format("the variable '{}' has no value: bind it to a Var when recording the "
                        "expression",
                        name)),
      name_(name) {}

std::optional<std::size_t> Expression::variable_index(std::string_view name) const {
  const auto it = std::find(variables_.begin(), variables_.end(), name);
  if (it == variables_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - variables_.begin());
}

Var Expression::record(std::span<const Var> values) const {
  if (values.size() != variables_.size())
    throw TapeMisuseError(fmt::format("Expression::record: {} values for {} variables",
                                      values.size(), variables_.size()));
  std::vector<Var> stack;
  stack.reserve(16);
  std::vector<Var> named(names_.size());
  for (const ExpressionNode& node : nodes_) {
    switch (node.kind) {
      case ExpressionNode::Kind::number: stack.emplace_back(node.number); break;
      case ExpressionNode::Kind::variable: stack.push_back(values[node.variable]); break;
      case ExpressionNode::Kind::local: stack.push_back(named[node.variable]); break;
      case ExpressionNode::Kind::define: {
        named[node.variable] = stack.back();
        stack.pop_back();
        const Var& v = named[node.variable];
        if (v.is_recorded()) {
          Tape& tape = active_tape<double>();
          if (tape.name(v.index()).empty()) tape.set_name(v, names_[node.variable]);
        }
        break;
      }
      case ExpressionNode::Kind::apply:
        try {
          if (info(node.op).arity == 1) {
            stack.back() = apply_op(node.op, stack.back());
          } else {
            const Var b = stack.back();
            stack.pop_back();
            stack.back() = apply_op(node.op, stack.back(), b);
          }
        } catch (const ExpressionDomainError&) {
          throw;
        } catch (const DomainError& e) {
          throw ExpressionDomainError(e, text_, node.column, node.length);
        }
        break;
    }
  }
  // The parser guarantees a well-formed postfix sequence: exactly one result is left.
  return stack.empty() ? Var(0.0) : stack.back();
}

Var Expression::record(const std::map<std::string, Var, std::less<>>& bindings) const {
  std::vector<Var> values;
  values.reserve(variables_.size());
  for (const std::string& name : variables_) {
    const auto it = bindings.find(name);
    if (it == bindings.end()) throw UnboundVariableError(name);
    values.push_back(it->second);
  }
  return record(values);
}

double Expression::evaluate(std::span<const double> values) const {
  std::vector<Var> constants(values.begin(), values.end());
  // Constant Vars record nothing; with no active checked tape, ops follow IEEE semantics.
  return record(constants).value();
}

}  // namespace tapegrad
