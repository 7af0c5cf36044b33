// SPDX-License-Identifier: MIT
// The diagnosis of a wrong hand-derived component (see diagnosis.hpp), and the forward
// tangents and expression texts that let it name a forgotten inner derivative.
#include "autodiff/check/diagnosis.hpp"
#include "i18n/i18n.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "autodiff/op_rules.hpp"

namespace tapegrad {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

bool near(double a, double b, double rtol) {
  return std::abs(a - b) <= rtol * std::max(std::abs(a), std::abs(b));
}

// "1/2" not "0.5"; the minus sign as in the lessons.
std::string signed_text(bool negative, const std::string& magnitude) {
  return negative ? "−" + magnitude : magnitude;
}

std::string number_text(double v) { return fmt::format("{:.6g}", v); }

// Whether hand/AD is constant or not, an inner expression that explains it is the finding; the
// two cases differ only in how they word the evidence. d is copied, not moved: the caller formats
// the message from d's fields in the same call.
Diagnosis forgotten_inner_derivative(const Diagnosis& d, std::string message) {
  Diagnosis found = d;
  found.kind = DiagnosisKind::forgotten_inner_derivative;
  found.message = std::move(message);
  return found;
}

}  // namespace

std::string_view to_string(DiagnosisKind kind) {
  switch (kind) {
    case DiagnosisKind::opposite_sign: return "opposite_sign";
    case DiagnosisKind::constant_factor: return "constant_factor";
    case DiagnosisKind::forgotten_inner_derivative: return "forgotten_inner_derivative";
    case DiagnosisKind::missing_term: return "missing_term";
    case DiagnosisKind::extra_term: return "extra_term";
    case DiagnosisKind::no_clear_pattern: return "no_clear_pattern";
    case DiagnosisKind::missing_factor: return "missing_factor";
    case DiagnosisKind::lost_inner_expression: return "lost_inner_expression";
    case DiagnosisKind::missing_outer_derivative: return "missing_outer_derivative";
    case DiagnosisKind::dropped_term: return "dropped_term";
    case DiagnosisKind::swapped_partials: return "swapped_partials";
    case DiagnosisKind::precedence_slip: return "precedence_slip";
    case DiagnosisKind::wrong_sign_in_part: return "wrong_sign_in_part";
  }
  return "no_clear_pattern";
}

std::string factor_text(double factor, std::optional<double> sample_count) {
  constexpr double rtol = 1e-9;
  const bool negative = factor < 0;
  const double m = std::abs(factor);
  if (sample_count && *sample_count > 1) {
    const double n = *sample_count;
    if (near(m, n, rtol)) return signed_text(negative, fmt::format("n = {}", number_text(n)));
    if (near(m, 1.0 / n, rtol))
      return signed_text(negative, fmt::format("1/n = 1/{}", number_text(n)));
    // 2/n and n/2 (the 2 of a square with the mean), unless they are plainly 1/2 or 2 (n = 4).
    const bool plain = near(m, 2.0, rtol) || near(m, 0.5, rtol);
    if (!plain && near(m, 2.0 / n, rtol))
      return signed_text(negative, fmt::format("2/n = 2/{}", number_text(n)));
    if (!plain && near(m, n / 2.0, rtol))
      return signed_text(negative, fmt::format("n/2 = {}/2", number_text(n)));
  }
  for (int k = 1; k <= 16; ++k) {
    if (near(m, k, rtol)) return signed_text(negative, std::to_string(k));
    if (near(m, 1.0 / k, rtol)) return signed_text(negative, fmt::format("1/{}", k));
  }
  return signed_text(negative, number_text(m));
}

std::optional<Diagnosis> diagnose_component(const ComponentEvidence& e,
                                            const DiagnosisOptions& options) {
  const std::size_t n_points = e.ad.size();
  auto is_zero = [&](double v, std::size_t p) { return std::abs(v) <= e.zero[p]; };
  bool any_mismatch = false;
  for (std::size_t p = 0; p < n_points; ++p)
    any_mismatch = any_mismatch || !(std::abs(e.hand[p] - e.ad[p]) <= e.allowed[p]);
  if (!any_mismatch) return std::nullopt;

  Diagnosis d;
  d.component = e.component;
  d.name = e.name;
  d.points = n_points;
  const std::string wrt = e.name;
  const std::string where = n_points == 1 ? tr("at the point checked") : tr("at every point checked");

  // NaN or ±∞ in either gradient: no pattern to read.
  for (std::size_t p = 0; p < n_points; ++p) {
    if (!std::isfinite(e.ad[p]) || !std::isfinite(e.hand[p])) {
      d.message = trf("hand ∂/∂{} = {} and AD = {} at point {}: not a finite number", wrt,
                              e.hand[p], e.ad[p], p + 1);
      return d;
    }
  }

  std::vector<std::size_t> ad_nonzero;
  bool hand_all_zero = true;
  for (std::size_t p = 0; p < n_points; ++p) {
    if (!is_zero(e.ad[p], p)) ad_nonzero.push_back(p);
    hand_all_zero = hand_all_zero && is_zero(e.hand[p], p);
  }
  if (ad_nonzero.empty()) {
    d.kind = DiagnosisKind::extra_term;
    d.message = trf(
        "the tape's ∂/∂{} is 0 {} but the hand-derived one is not: the formula has a term that "
        "does not belong (f does not change with {} there)",
        wrt, where, wrt);
    return d;
  }
  if (hand_all_zero) {
    d.kind = DiagnosisKind::missing_term;
    d.factor = 0.0;
    d.factor_text = factor_text(0.0);
    d.message = trf(
        "the hand-derived ∂/∂{} is 0 {} but the tape's is not (AD = {} at point {}): a term is "
        "missing — a part of f that depends on {} was treated as a constant",
        wrt, where, number_text(e.ad[ad_nonzero[0]]), ad_nonzero[0] + 1, wrt);
    return d;
  }

  // hand/AD where AD is not zero; where AD is zero, hand must be zero too for a constant ratio.
  double mean = 0.0, low = INFINITY, high = -INFINITY;
  for (std::size_t p : ad_nonzero) {
    const double r = e.hand[p] / e.ad[p];
    mean += r;
    low = std::min(low, r);
    high = std::max(high, r);
  }
  mean /= static_cast<double>(ad_nonzero.size());
  bool constant = true;
  for (std::size_t p = 0; p < n_points; ++p) {
    if (is_zero(e.ad[p], p)) {
      constant = constant && is_zero(e.hand[p], p);
    } else {
      const double r = e.hand[p] / e.ad[p];
      const double slack = options.ratio_rtol * std::abs(mean) + e.allowed[p] / std::abs(e.ad[p]);
      constant = constant && std::abs(r - mean) <= slack;
    }
  }

  // An inner expression u with hand·∂u/∂x = AD at every point (the last one recorded wins: it is
  // the whole argument of the outer function, e.g. 3x + 5 rather than 3x in (3x + 5)²).
  const InnerCandidate* inner = nullptr;
  for (const InnerCandidate& c : e.inner) {
    if (c.derivative.size() != n_points) continue;
    bool matches = true, all_one = true;
    for (std::size_t p = 0; p < n_points && matches; ++p) {
      const double du = c.derivative[p];
      all_one = all_one && du == 1.0;
      const double slack = e.allowed[p] * std::max(1.0, std::abs(du)) +
                           options.ratio_rtol * std::abs(e.ad[p]);
      matches = std::isfinite(du) && std::abs(e.hand[p] * du - e.ad[p]) <= slack;
    }
    if (matches && !all_one) inner = &c;
  }
  const std::size_t seen = ad_nonzero.size();
  if (inner != nullptr) d.inner = inner->text;

  if (constant) {
    d.factor = mean;
    d.factor_text = factor_text(mean, options.sample_count);
    const bool nice = d.factor_text.find('.') == std::string::npos;
    if (seen == 1 && !nice && inner == nullptr) {
      d.message = trf(
          "hand/AD = {} at the only point where AD is not 0; check at more points to see "
          "whether the factor is constant",
          number_text(mean));
      return d;
    }
    if (near(mean, -1.0, 1e-9)) {
      d.kind = DiagnosisKind::opposite_sign;
      d.message = trf("opposite sign: hand = −AD {}", where);
      if (inner != nullptr)
        d.message += trf(
            ". The inner derivative ∂({})/∂{} is −1: the chain rule needs that factor, and the "
            "hand derivation dropped it or took it as +1",
            inner->text, wrt);
      else
        d.message += tr("; a minus sign was lost, e.g. the inner derivative −1 of y − ŷ");
      return d;
    }
    if (inner != nullptr)
      return forgotten_inner_derivative(
          d,
          trf(
              "off by a constant factor {} {}: hand·∂u/∂{} = AD for the inner expression u = {}, "
              "whose derivative is {} — the chain rule's inner derivative is missing",
              d.factor_text, where, wrt, inner->text, factor_text(1.0 / mean)));
    d.kind = DiagnosisKind::constant_factor;
    const auto n = options.sample_count;
    if (n && near(mean, *n, 1e-9))
      d.message = trf(
          "off by a constant factor n = {} {}: hand sums over the samples where f takes the mean "
          "(divide by n)",
          number_text(*n), where);
    else if (n && near(mean, 1.0 / *n, 1e-9))
      d.message = trf(
          "off by a constant factor 1/n = 1/{} {}: hand takes the mean over the samples where f "
          "sums them (drop the 1/n)",
          number_text(*n), where);
    else
      d.message = trf(
          "off by a constant factor {} (hand/AD) {} — a forgotten inner derivative (chain rule) "
          "or a missing or extra constant factor",
          d.factor_text, where);
    return d;
  }

  if (inner != nullptr)
    return forgotten_inner_derivative(
        d,
        trf(
            "hand/AD changes from point to point ({} to {}), but hand·∂u/∂{} = AD {} for the "
            "inner expression u = {}: the chain rule's inner derivative ∂u/∂{} is missing",
            number_text(low), number_text(high), wrt, where, inner->text, wrt));
  d.message = trf(
      "hand/AD ranges from {} to {} over the points: no single sign, factor or inner derivative "
      "explains it; check the formula term by term",
      number_text(low), number_text(high));
  return d;
}

std::vector<double> forward_tangents(const Tape& tape, NodeIndex wrt) {
  const NodeIndex n = tape.size();
  std::vector<double> tangent(n, 0.0);
  if (wrt < n) tangent[wrt] = 1.0;
  for (NodeIndex node = 0; node < n; ++node) {
    const Op op = tape.op(node);
    if (op == Op::input) continue;
    if (op == Op::block) {
      tangent[node] = nan;  // a block's partials live in its backward, not on the tape
      continue;
    }
    // Chain rule forward: d node = Σ ∂node/∂input · d input.
    const auto args = tape.arg_nodes(node);
    const auto partials = tape.arg_partials(node);
    double t = 0.0;
    for (std::size_t k = 0; k < args.size(); ++k) {
      const double ti = tangent[args[k]];
      if (ti != 0.0) t += partials[k] * ti;  // skips 0·∞ from a partial at a kink
    }
    tangent[node] = t;
  }
  return tangent;
}

std::vector<std::string> expression_texts(const Tape& tape, std::size_t max_length) {
  // Binding strength, for parentheses: a + b < a·b < −a < a^b < a leaf or a call.
  enum Level { sum = 1, product = 2, prefix = 3, power = 4, atom = 5 };
  const NodeIndex n = tape.size();
  std::vector<std::string> text(n);
  std::vector<int> level(n, atom);
  // An operand is bracketed when it binds more loosely than its op, or as loosely on the right
  // of − and / (a − (b + c), a/(b·c)) and on the left of ^.
  auto operand_text = [&](NodeIndex node, double constant, int op_level, bool tight) {
    if (node == no_node) {
      const std::string c = fmt::format("{}", constant);
      return constant < 0 && op_level > sum ? "(" + c + ")" : c;
    }
    const bool bracket = level[node] < op_level || (tight && level[node] == op_level);
    return bracket ? "(" + text[node] + ")" : text[node];
  };
  for (NodeIndex node = 0; node < n; ++node) {
    const Op op = tape.op(node);
    const OpInfo& row = info(op);
    std::string t;
    int node_level = atom;
    if (op == Op::input) {
      t = std::string(tape.name(node));
      if (t.empty()) t = fmt::format("input#{}", node);
    } else if (op == Op::block) {
      const auto* block = tape.block_of(node);
      t = fmt::format("{}#{}", block != nullptr ? block->name() : "block", node);
    } else {
      // The operands as (node, constant); without trace mode constants were not kept.
      std::vector<std::pair<NodeIndex, double>> args;
      const auto operands = tape.operands(node);
      if (!operands.empty()) {
        for (const auto& o : operands) args.emplace_back(o.node, o.constant);
      } else {
        for (NodeIndex a : tape.arg_nodes(node)) args.emplace_back(a, 0.0);
      }
      const bool infix = !row.symbol.empty() && row.arity == 2 && args.size() == 2;
      if (infix) {
        node_level = (op == Op::add || op == Op::sub) ? sum : op == Op::pow ? power : product;
        const bool right_tight = op == Op::sub || op == Op::div;
        const std::string a = operand_text(args[0].first, args[0].second, node_level, op == Op::pow);
        const std::string b = operand_text(args[1].first, args[1].second, node_level, right_tight);
        if (op == Op::mul) t = a + "·" + b;
        else if (op == Op::pow) t = a + "^" + b;
        else t = fmt::format("{} {} {}", a, row.symbol, b);
      } else if (!row.symbol.empty() && row.arity == 1 && args.size() == 1) {
        node_level = prefix;
        t = std::string(row.symbol) + operand_text(args[0].first, args[0].second, prefix, false);
      } else {
        std::vector<std::string> parts;
        for (const auto& [a, c] : args) parts.push_back(operand_text(a, c, 0, false));
        if (args.size() < static_cast<std::size_t>(row.arity)) parts.emplace_back("…");
        t = fmt::format("{}({})", row.name, fmt::join(parts, ", "));
      }
    }
    if (t.size() > max_length) {
      t = fmt::format("{}#{}", row.name, node);
      node_level = atom;
    }
    text[node] = std::move(t);
    level[node] = node_level;
  }
  return text;
}

}  // namespace tapegrad
