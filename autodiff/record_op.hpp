// SPDX-License-Identifier: MIT
// Recording one op as one node: `detail::apply<op>(a[, b])` evaluates the op's row of the rule
// table (value and partials), checks it in checked mode, and appends one node to the active tape.
// This is the path of checked and trace tapes (so explain sees every op, and a domain error names
// the op that left its domain), of the expression parser, and of the per-op tests. Ordinary C++
// expressions on Var record a whole statement as one node instead (statement.hpp).
#pragma once

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/op_rules.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::detail {

template <class S>
bool is_finite(const S& x) {
  return std::isfinite(primal(x));
}

// Checked mode: the op must stay in its domain, and finite inputs must give a finite value and
// finite partials. Throws DomainError naming the op, its inputs and their names.
template <Op op, class S, std::size_t N>
[[gnu::noinline, gnu::cold]] void check_domain(const BasicTape<S>& tape,
                                               const BasicVar<S> (&operands)[N],
                                               const S (&partials)[N], const S& y) {
  const auto& row = rule<op>();
  bool inputs_finite = true;
  for (const auto& v : operands) inputs_finite = inputs_finite && is_finite(v.value());
  bool in_domain = false;
  if constexpr (N == 1)
    in_domain = row.in_domain(primal(operands[0].value()));
  else
    in_domain = row.in_domain(primal(operands[0].value()), primal(operands[1].value()));

  std::string problem;
  if (!in_domain) {
    problem = trf("outside the domain {}", row.info.domain_text);
  } else if (inputs_finite && !is_finite(y)) {
    problem = trf("the value is {} although the inputs are finite", std::to_string(primal(y)));
  } else if (inputs_finite) {
    for (std::size_t k = 0; k < N; ++k) {
      if (operands[k].is_recorded() && !is_finite(partials[k])) {
        problem = trf("the partial derivative with respect to {} is {} ({}): no finite slope here",
                      k == 0 ? "a" : "b", std::to_string(primal(partials[k])), row.info.partial_text[k]);
        break;
      }
    }
  }
  if (problem.empty()) return;
  std::vector<DomainError::Input> inputs;
  for (const auto& v : operands)
    inputs.push_back({primal(v.value()),
                      v.is_recorded() ? std::string(tape.name(v.index())) : std::string()});
  throw DomainError(op, std::move(inputs), std::move(problem));
}

// Records one unary op: value and partial from its row, one node on the active tape.
template <Op op, class S>
TAPEGRAD_HOT BasicVar<S> apply(const BasicVar<S>& a) {
  const auto& row = rule<op>();
  const S y = row.value(a.value());
  if (!a.is_recorded()) return BasicVar<S>(y);
  BasicTape<S>& tape = active_tape<S>();
  tape.check(a);
  const S partial = row.d0(a.value(), y);
  if (tape.options().checked) [[unlikely]]
    check_domain<op>(tape, {a}, {partial}, y);
  return tape.record(op, y, std::array{&a}, {partial});
}

// Records one binary op; only the partials of recorded operands are evaluated.
template <Op op, class S>
TAPEGRAD_HOT BasicVar<S> apply(const BasicVar<S>& a, const BasicVar<S>& b) {
  const auto& row = rule<op>();
  const S y = row.value(a.value(), b.value());
  if (!a.is_recorded() && !b.is_recorded()) return BasicVar<S>(y);
  BasicTape<S>& tape = active_tape<S>();
  S da{}, db{};
  if (a.is_recorded()) {
    tape.check(a);
    da = row.d0(a.value(), b.value(), y);
  }
  if (b.is_recorded()) {
    tape.check(b);
    db = row.d1(a.value(), b.value(), y);
  }
  if (tape.options().checked) [[unlikely]]
    check_domain<op>(tape, {a, b}, {da, db}, y);
  return tape.record(op, y, std::array{&a, &b}, {da, db});
}

}  // namespace tapegrad::detail
