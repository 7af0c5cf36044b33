// SPDX-License-Identifier: MIT
// The messages of tapegrad's exceptions: what went wrong, where, and how to fix it.
#include "autodiff/errors.hpp"

#include <fmt/format.h>

#include <string_view>

#include "autodiff/op_rules.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {
namespace {

std::string describe_node(std::uint32_t node, const std::string& name) {
  return name.empty() ? trf("node {}", node) : trf("'{}' (node {})", name, node);
}

std::string describe_call(Op op, const std::vector<DomainError::Input>& inputs) {
  const OpInfo& row = info(op);
  std::string call = fmt::format("{}(", row.name);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const char* sep = i == 0 ? "" : ", ";
    const char* arg = i == 0 ? "a" : "b";
    if (inputs[i].name.empty())
      call += fmt::format("{}{} = {}", sep, arg, inputs[i].value);
    else
      call += fmt::format("{}{} = {} = {}", sep, arg, inputs[i].name, inputs[i].value);
  }
  return call + ")";
}

std::string backward_message(const std::string& op_name, std::uint32_t node, const std::string& node_name,
                             std::uint32_t input, const std::string& input_name,
                             const std::string& problem) {
  return trf("domain error in the backward pass, at {} {}: the adjoint of {} becomes infinite: {}", op_name,
             describe_node(node, node_name), describe_node(input, input_name), problem);
}

}  // namespace

NoActiveTapeError::NoActiveTapeError()
    : TapeMisuseError(
          "no active tape on this thread: an operation on a recorded Var needs one. "
          "Activate the tape first, e.g. `auto scope = tape.activate();`, and keep the scope "
          "alive while you compute.") {}

ForeignVarError::ForeignVarError(std::uint32_t node, const std::string& name)
    : TapeMisuseError(fmt::format(
          "Var {} was recorded on another tape than the active one. "
          "Activate the tape it belongs to, or enter its value on this tape with tape.input().",
          describe_node(node, name))) {}

StaleVarError::StaleVarError(std::uint32_t node, const std::string& name, bool may_be_foreign)
    : TapeMisuseError(fmt::format(
          "Var {} was recorded before a rewind of the active tape discarded it{}. "
          "Record it again after the rewind (or rewind to a position after it).",
          describe_node(node, name), may_be_foreign ? " (or it belongs to another tape)" : "")) {}

BadPositionError::BadPositionError(std::uint32_t nodes, Reason reason)
    : TapeMisuseError(
          reason == Reason::foreign
              ? fmt::format("rewind: the position (after node {}) was taken on another tape. "
                            "Rewind a tape only to positions it gave you (tape.position()).",
                            nodes)
              : fmt::format("rewind: the position (after node {}) was discarded by an earlier "
                            "rewind to an earlier position, so what it marked is gone. Take the "
                            "position again after recording up to it.",
                            nodes)),
      reason_(reason) {}

TapeThreadError::TapeThreadError(const char* operation)
    : TapeMisuseError(fmt::format(
          "{}: the tape is active on another thread. A tape is used by one thread at a time: "
          "give each thread its own tape (and combine the gradients), or end the other "
          "thread's scope first.",
          operation)) {}

TapeFullError::TapeFullError(std::uint64_t max_nodes)
    : TapeMisuseError(fmt::format(
          "the tape is full: it holds at most {} nodes. Rewind it between iterations "
          "(tape.rewind()), or record at matrix level so one operation takes one entry.",
          max_nodes)) {}

DomainError::DomainError(Op op, std::vector<Input> inputs, std::string problem)
    : Error(trf("domain error in {}: {}", describe_call(op, inputs), problem)),
      op_(op),
      inputs_(std::move(inputs)),
      problem_(std::move(problem)) {}

DomainError::DomainError(std::string message, Op op, std::vector<Input> inputs, std::string problem)
    : Error(std::move(message)), op_(op), inputs_(std::move(inputs)), problem_(std::move(problem)) {}

BackwardDomainError::BackwardDomainError(Op op, std::string op_name, std::uint32_t node,
                                         const std::string& node_name, std::vector<Input> inputs,
                                         std::uint32_t input, const std::string& input_name,
                                         std::string problem)
    : DomainError(backward_message(op_name, node, node_name, input, input_name, problem), op,
                  std::move(inputs), problem),  // copied: moving it could come before the message
      node_(node),
      input_(input) {}

namespace detail {

std::string block_overflow(std::string_view op, std::uint32_t first, std::uint32_t last, double value) {
  return trf("the vector-Jacobian product of {} (nodes {} to {}, whose adjoints are finite) gives it {}", op, first,
             last, value);
}

std::string product_overflow(double adjoint, double partial) {
  return trf("adjoint · partial = {} · {} overflows (the chain of partials down to it multiplies past the "
             "largest double)",
             adjoint, partial);
}

std::string sum_overflow(double adjoint, double product) {
  return trf("the paths meeting there add up past the largest double ({} + {})", adjoint, product);
}

}  // namespace detail

ShapeError::ShapeError(std::string operation, Shape a, Shape b, std::string expected)
    : Error(fmt::format("shape mismatch in {}: a is {}×{} and b is {}×{}; {}", operation, a.rows,
                        a.cols, b.rows, b.cols, expected)),
      operation_(std::move(operation)),
      a_(a),
      b_(b) {}

}  // namespace tapegrad
