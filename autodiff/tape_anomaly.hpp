// SPDX-License-Identifier: MIT
// Anomaly mode, the backward half (checked tapes; PyTorch's anomaly mode, with the user's names).
// The forward half is record_op.hpp: the first op that turns finite inputs into NaN or ±∞ throws.
// Here: when a reverse sweep on a checked tape ends with an adjoint that is not finite, the sweep
// is replayed step by step to find the first step that turned finite numbers into ±∞, and
// BackwardDomainError names it. With finite partials (which checked recording guarantees) and
// finite seeds, a step can only overflow: adjoint · partial beyond the largest double, or the
// paths meeting at a node adding up past it. A NaN or ∞ that was already there (a non-finite
// input, which checked mode passes on, or seed) is passed on as in the forward pass, not reported.
// Cost: one pass over the adjoints after each sweep of a checked tape; the replay runs only when
// some adjoint is not finite.
#pragma once

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/op.hpp"
#include "autodiff/op_rules.hpp"
#include "autodiff/scalar.hpp"
#include "autodiff/var.hpp"

namespace tapegrad::detail {

template <class S>
bool finite_scalar(const S& x) {
  return std::isfinite(primal(x));
}

// Whether the adjoints of nodes 0 .. end−1 are all finite.
template <class S>
bool all_finite(std::span<const S> adjoint) {
  return std::all_of(adjoint.begin(), adjoint.end(), [](const S& a) { return finite_scalar(a); });
}

// The recorded inputs of `node`, by value and name, for the error.
template <class Tape>
std::vector<DomainError::Input> recorded_inputs(const Tape& tape, NodeIndex node) {
  std::vector<DomainError::Input> inputs;
  for (NodeIndex a : tape.arg_nodes(node))
    inputs.push_back({primal(tape.value(a)), std::string(tape.name(a))});
  return inputs;
}

// Replays the reverse sweep from `adjoint` (the seeded adjoints, nothing swept yet) over nodes
// end−1 .. 0, in the sweep's order, and throws BackwardDomainError at the first step that makes a
// finite adjoint infinite. Returns when there is none (the non-finite adjoint was passed on).
template <class Tape, class S>
[[gnu::cold, gnu::noinline]] void find_backward_anomaly(const Tape& tape, std::vector<S> adjoint,
                                                        NodeIndex end) {
  const auto name = [&](NodeIndex i) { return std::string(tape.name(i)); };
  for (NodeIndex i = end; i-- > 0;) {
    if (tape.op(i) == Op::block) {
      // A block op's backward is its own vector-Jacobian product: compare before and after it.
      const auto* op = tape.block_of(i);
      NodeIndex first = i;
      while (first > 0 && tape.op(first - 1) == Op::block && tape.block_of(first - 1) == op) --first;
      if (op == nullptr) continue;
      bool outputs_finite = true;
      for (NodeIndex j = first; j <= i; ++j) outputs_finite = outputs_finite && finite_scalar(adjoint[j]);
      std::vector<char> was_finite(first);
      for (NodeIndex j = 0; j < first; ++j) was_finite[j] = finite_scalar(adjoint[j]);
      op->backward(std::span<S>(adjoint), first);
      for (NodeIndex j = 0; outputs_finite && j < first; ++j)
        if (was_finite[j] && !finite_scalar(adjoint[j]))
          throw BackwardDomainError(
              Op::block, std::string(op->name()), first, name(first), {}, j, name(j),
              block_overflow(op->name(), first, i, primal(adjoint[j])));
      i = first;
      continue;
    }
    const S a = adjoint[i];
    const auto args = tape.arg_nodes(i);
    const auto partials = tape.arg_partials(i);
    for (std::size_t k = 0; k < args.size(); ++k) {
      const NodeIndex in = args[k];
      const S product = partials[k] * a;
      const S sum = adjoint[in] + product;
      if (finite_scalar(a) && finite_scalar(partials[k]) && !finite_scalar(product))
        throw BackwardDomainError(
            tape.op(i), std::string(info(tape.op(i)).name), i, name(i), recorded_inputs(tape, i), in, name(in),
            product_overflow(primal(a), primal(partials[k])));
      if (finite_scalar(adjoint[in]) && finite_scalar(product) && !finite_scalar(sum))
        throw BackwardDomainError(
            tape.op(i), std::string(info(tape.op(i)).name), i, name(i), recorded_inputs(tape, i), in, name(in),
            sum_overflow(primal(adjoint[in]), primal(product)));
      adjoint[in] = sum;
    }
  }
}

}  // namespace tapegrad::detail
