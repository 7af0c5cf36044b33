// SPDX-License-Identifier: MIT
// Run-time dispatch over the rule table: one function pointer per op, built at compile time from
// the table's rows, so adding an op to op_rules.hpp adds it here with no edit.
#include "autodiff/expression/op_dispatch.hpp"

#include <array>
#include <string>
#include <utility>

#include "autodiff/op_rules.hpp"
#include "autodiff/var_ops.hpp"

namespace tapegrad {
namespace {

using Unary = Var (*)(const Var&);
using Binary = Var (*)(const Var&, const Var&);

// The tape to check constant-only operations against: the active one if it is checked.
const Tape* checking_tape() {
  const Tape* tape = detail::active<double>;
  return tape != nullptr && tape->options().checked ? tape : nullptr;
}

template <Op op>
Var unary_entry(const Var& a) {
  if (!a.is_recorded()) {
    if (const Tape* tape = checking_tape()) {
      const double y = rule<op>().value(a.value());
      detail::check_domain<op>(*tape, {a}, {0.0}, y);  // constants: no partial is checked
      return Var(y);
    }
  }
  return detail::apply<op>(a);
}

template <Op op>
Var binary_entry(const Var& a, const Var& b) {
  if (!a.is_recorded() && !b.is_recorded()) {
    if (const Tape* tape = checking_tape()) {
      const double y = rule<op>().value(a.value(), b.value());
      detail::check_domain<op>(*tape, {a, b}, {0.0, 0.0}, y);
      return Var(y);
    }
  }
  return detail::apply<op>(a, b);
}

template <Op op>
constexpr Unary unary_pointer() {
  if constexpr (rule<op>().info.arity == 1)
    return &unary_entry<op>;
  else
    return nullptr;
}
template <Op op>
constexpr Binary binary_pointer() {
  if constexpr (rule<op>().info.arity == 2)
    return &binary_entry<op>;
  else
    return nullptr;
}

template <std::size_t... I>
constexpr auto unary_table(std::index_sequence<I...>) {
  return std::array<Unary, op_count>{unary_pointer<static_cast<Op>(I)>()...};
}
template <std::size_t... I>
constexpr auto binary_table(std::index_sequence<I...>) {
  return std::array<Binary, op_count>{binary_pointer<static_cast<Op>(I)>()...};
}

constexpr auto unary_ops = unary_table(std::make_index_sequence<op_count>());
constexpr auto binary_ops = binary_table(std::make_index_sequence<op_count>());

[[noreturn]] void wrong_arity(Op op, int given) {
  if (static_cast<std::size_t>(op) >= op_count) throw TapeMisuseError("apply_op: not an op code");
  throw TapeMisuseError("apply_op: " + std::string(info(op).name) + " takes " +
                        std::to_string(info(op).arity) + " operand(s), not " +
                        std::to_string(given));
}

}  // namespace

Var apply_op(Op op, const Var& a) {
  const auto i = static_cast<std::size_t>(op);
  if (i >= op_count || unary_ops[i] == nullptr) wrong_arity(op, 1);
  return unary_ops[i](a);
}

Var apply_op(Op op, const Var& a, const Var& b) {
  const auto i = static_cast<std::size_t>(op);
  if (i >= op_count || binary_ops[i] == nullptr) wrong_arity(op, 2);
  return binary_ops[i](a, b);
}

}  // namespace tapegrad
