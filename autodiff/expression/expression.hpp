// SPDX-License-Identifier: MIT
// Expression: a parsed formula such as `(y - (w1*x + w0))^2`, ready to be recorded onto a tape.
// It is stored flat, in postfix order (operands before the op that uses them), so that recording,
// copying and destroying it never recurse, however deep the nesting. Recording goes through the
// ordinary Var operations, so every derivative comes from the one rule table (op_rules.hpp).
//
//   Expression f = parse_expression("x^2 - 4*x + 3");     // parser.hpp
//   Tape tape({.checked = true});
//   auto scope = tape.activate();
//   Var x = tape.input(5.0, "x");
//   Var y = f.record({{"x", x}});                           // y.value() == 8
//   tape.backward(y)[x];                                    // 6
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/op.hpp"
#include "autodiff/var.hpp"

namespace tapegrad {

// One entry of an expression in postfix order.
struct ExpressionNode {
  enum class Kind : std::uint8_t {
    number,    // a literal or a named constant (pi, e): `number`
    variable,  // variable number `variable` of the expression
    apply,     // `op` applied to the 1 or 2 entries before it (by info(op).arity)
    define,    // `u := ...`: the entry before it becomes named value number `variable`
    local,     // a use of named value number `variable`
  };
  Kind kind = Kind::number;
  Op op = Op::input;
  std::uint32_t variable = 0;
  double number = 0.0;
  // Where it was written (1-based column and length, in characters), for error messages.
  std::uint32_t column = 1;
  std::uint32_t length = 1;
};

// A domain error (log of a negative, division by zero, ...) while recording an expression: the
// tape's DomainError, plus the place in the expression, shown with a caret.
class ExpressionDomainError : public DomainError {
 public:
  ExpressionDomainError(const DomainError& error, std::string_view text, std::size_t column,
                        std::size_t length);
  const char* what() const noexcept override { return message_.c_str(); }
  std::size_t column() const noexcept { return column_; }

 private:
  std::string message_;
  std::size_t column_;
};

// A variable of the expression has no value in the bindings given to record().
class UnboundVariableError : public Error {
 public:
  explicit UnboundVariableError(const std::string& name);
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
};

class Expression {
 public:
  Expression() = default;
  Expression(std::string text, std::vector<ExpressionNode> nodes, std::vector<std::string> variables,
             std::vector<std::string> names = {})
      : text_(std::move(text)),
        nodes_(std::move(nodes)),
        variables_(std::move(variables)),
        names_(std::move(names)) {}

  // The text it was parsed from.
  const std::string& text() const noexcept { return text_; }
  // The entries in postfix order.
  std::span<const ExpressionNode> nodes() const noexcept { return nodes_; }
  // The variables' names, in the order they first appear in the text.
  const std::vector<std::string>& variables() const noexcept { return variables_; }
  // The names given to intermediate values with `u := 3*x + 5; u^2`, in the order defined.
  const std::vector<std::string>& names() const noexcept { return names_; }
  // The index of a variable in variables(), if the expression uses it.
  std::optional<std::size_t> variable_index(std::string_view name) const;

  // Records the expression on the active tape and returns its result. `values[i]` is the value of
  // variables()[i]: a recorded Var (an input to differentiate with respect to) or a constant.
  // A DomainError from a checked tape comes out as ExpressionDomainError, naming the column.
  // A named value (`u := ...`) is recorded once and its node named on the tape (unless the node
  // already has a name, such as an input), so explain shows `u` rather than `t2`.
  Var record(std::span<const Var> values) const;
  // The same with the values given by name; every variable must be bound (else
  // UnboundVariableError naming it); names the expression does not use are ignored.
  Var record(const std::map<std::string, Var, std::less<>>& bindings) const;

  // The plain value, recording nothing (IEEE semantics: log(−1) is NaN).
  double evaluate(std::span<const double> values) const;

 private:
  std::string text_;
  std::vector<ExpressionNode> nodes_;
  std::vector<std::string> variables_;
  std::vector<std::string> names_;
};

}  // namespace tapegrad
