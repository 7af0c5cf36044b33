// SPDX-License-Identifier: MIT
// The diagnosis of a hand formula (see formula_diagnosis.hpp). The explanations are tried from
// the most specific to the most general; each must fit every sample (point × row) to be named.
#include "autodiff/check/formula_diagnosis.hpp"
#include "i18n/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <span>

#include "autodiff/expression/lexer.hpp"
#include "autodiff/expression/parse_error.hpp"
#include "autodiff/expression/parser.hpp"
#include "autodiff/expression/subexpression.hpp"
#include "autodiff/op_rules.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var_ops.hpp"

namespace tapegrad {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string number_text(double v) { return fmt::format("{:.6g}", v); }

// f recorded at one sample with every variable a named input.
struct Recorded {
  std::vector<double> value;    // per node
  std::vector<double> tangent;  // ∂node/∂(the component's input)
  std::vector<double> adjoint;  // ∂f/∂node
  std::vector<std::vector<NodeIndex>> args;
  std::vector<std::vector<double>> partials;
  std::vector<Op> ops;
  std::vector<std::string> texts;  // filled for the first sample only
  // Per node, the texts of its operands, constants included (first sample only).
  std::vector<std::vector<std::string>> operand_texts;
  std::vector<std::vector<double>> operand_constants;  // NaN for an operand that is a node
  NodeIndex output = no_node;
  std::vector<NodeIndex> inputs;
};

Recorded record_sample(const FormulaEvidence& e, const FormulaSample& s, std::size_t component,
                       bool texts) {
  Recorded r;
  Tape tape{TapeOptions{.trace = true}};
  auto scope = tape.activate();
  std::vector<Var> vars;
  for (std::size_t k = 0; k < e.names.size(); ++k) {
    vars.push_back(tape.input(s.values[k], e.names[k]));
    r.inputs.push_back(vars.back().index());
  }
  std::vector<Var> bound;
  for (const std::string& name : e.f->variables()) {
    const auto it = std::find(e.names.begin(), e.names.end(), name);
    bound.push_back(it == e.names.end() ? Var(nan) : vars[static_cast<std::size_t>(it - e.names.begin())]);
  }
  const Var y = e.f->record(bound);
  if (!y.is_recorded()) return r;
  r.output = y.index();
  const NodeIndex n = tape.size();
  r.tangent = forward_tangents(tape, r.inputs[component]);
  const auto adjoints = tape.backward(y);
  r.adjoint.assign(adjoints.all().begin(), adjoints.all().end());
  for (NodeIndex node = 0; node < n; ++node) {
    r.value.push_back(tape.value(node));
    r.ops.push_back(tape.op(node));
    const auto a = tape.arg_nodes(node);
    const auto p = tape.arg_partials(node);
    r.args.emplace_back(a.begin(), a.end());
    r.partials.emplace_back(p.begin(), p.end());
  }
  if (texts) {
    r.texts = expression_texts(tape);
    for (NodeIndex node = 0; node < n; ++node) {
      std::vector<std::string> ops;
      std::vector<double> constants;
      for (const auto& o : tape.operands(node)) {
        ops.push_back(o.node == no_node ? fmt::format("{}", o.constant) : r.texts[o.node]);
        constants.push_back(o.node == no_node ? o.constant : nan);
      }
      r.operand_texts.push_back(std::move(ops));
      r.operand_constants.push_back(std::move(constants));
    }
  }
  return r;
}

// A text with the placeholders a and b of a rule's partial_text replaced: "cos(a)" → "cos(x^2)".
std::string substitute(std::string_view pattern, const std::string& a, const std::string& b) {
  std::string out;
  for (std::size_t k = 0; k < pattern.size(); ++k) {
    const char c = pattern[k];
    const bool alone = (k == 0 || !std::isalnum(static_cast<unsigned char>(pattern[k - 1]))) &&
                       (k + 1 == pattern.size() ||
                        !std::isalnum(static_cast<unsigned char>(pattern[k + 1])));
    if (alone && c == 'a') out += a.find(' ') != std::string::npos ? "(" + a + ")" : a;
    else if (alone && c == 'b') out += b.find(' ') != std::string::npos ? "(" + b + ")" : b;
    else out += c;
  }
  return out;
}

class Diagnoser {
 public:
  Diagnoser(const FormulaEvidence& e, std::size_t i) : e_(e), i_(i), wrt_(e.names[i]) {}

  std::optional<Diagnosis> run();

 private:
  double ad(std::size_t s) const { return e_.samples[s].ad[i_]; }
  double hand(std::size_t s) const { return e_.samples[s].hand[i_]; }
  double allowed(std::size_t s) const { return e_.samples[s].allowed[i_]; }
  std::size_t count() const { return e_.samples.size(); }
  // pred ≈ target at sample s, with the tolerance scaled by |scale|.
  bool close(double pred, double target, std::size_t s, double scale = 1.0) const {
    return std::isfinite(pred) &&
           std::abs(pred - target) <=
               allowed(s) * std::max(1.0, std::abs(scale)) +
                   1e-7 * std::max(std::abs(pred), std::abs(target));
  }
  template <class F>
  bool every(F f) const {
    for (std::size_t s = 0; s < count(); ++s)
      if (!f(s)) return false;
    return true;
  }
  // The candidate c (per sample) varies: not one constant everywhere. At a single sample
  // nothing can vary, and a candidate only has to fit there.
  static bool varies(const std::vector<double>& c) {
    if (c.size() == 1) return true;
    for (double v : c)
      if (std::abs(v - c[0]) > 1e-9 * std::max(1.0, std::abs(c[0]))) return true;
    return false;
  }
  bool missing(const std::vector<double>& c) const {
    return every([&](std::size_t s) { return close(hand(s) * c[s], ad(s), s, c[s]); });
  }
  Diagnosis make(DiagnosisKind kind, std::string piece, std::string message) const {
    Diagnosis d;
    d.component = i_;
    d.name = wrt_;
    d.kind = kind;
    d.points = count();
    d.piece = std::move(piece);
    d.message = std::move(message);
    return d;
  }
  std::string where() const { return count() == 1 ? tr("at the point checked") : tr("at every point checked"); }

  bool record_all();
  std::optional<Diagnosis> swapped() const;
  std::optional<Diagnosis> precedence() const;
  std::optional<std::pair<std::string, std::string>> flipped_difference() const;
  std::optional<Diagnosis> constant_ratio();
  std::optional<Diagnosis> pieces() const;

  // The index of the last non-input node (other than the output) whose per-sample `field`
  // satisfies `fits`, or no_node.
  template <class Field, class Fits>
  NodeIndex last_node(Field field, Fits fits) const {
    if (recorded_.empty()) return no_node;
    const auto& first = recorded_[0];
    for (NodeIndex node = static_cast<NodeIndex>(first.value.size()); node-- > 0;) {
      if (first.ops[node] == Op::input || node == first.output) continue;
      std::vector<double> c;
      for (const auto& r : recorded_) c.push_back(field(r, node));
      if (fits(c)) return node;
    }
    return no_node;
  }

  const FormulaEvidence& e_;
  std::size_t i_;
  std::string wrt_;
  std::vector<Recorded> recorded_;
};

bool Diagnoser::record_all() {
  for (std::size_t s = 0; s < count(); ++s) {
    recorded_.push_back(record_sample(e_, e_.samples[s], i_, s == 0));
    if (recorded_.back().output == no_node ||
        recorded_.back().value.size() != recorded_[0].value.size()) {
      recorded_.clear();
      return false;
    }
  }
  return true;
}

std::optional<Diagnosis> Diagnoser::swapped() const {
  for (std::size_t j = 0; j < e_.parameters; ++j) {
    if (j == i_) continue;
    const bool same = every([&](std::size_t s) { return close(e_.samples[s].ad[j], ad(s), s); });
    if (same) continue;
    if (!every([&](std::size_t s) { return close(hand(s), e_.samples[s].ad[j], s); })) continue;
    const std::string other = e_.names[j];
    // With a formula given for the other variable too, both must be swapped: a right formula
    // there means this one lost a piece (a missing factor) rather than changed places.
    const bool both = e_.hands[j] != nullptr &&
                      every([&](std::size_t s) { return close(e_.samples[s].hand[j], ad(s), s); });
    if (e_.hands[j] != nullptr && !both) continue;
    return make(DiagnosisKind::swapped_partials, other,
                trf("swapped partials: the formula given for ∂/∂{0} is ∂f/∂{1} {2}{3}",
                            wrt_, other, where(),
                            both ? trf(" and the one given for ∂/∂{} is ∂f/∂{}: give "
                                               "each formula to the other variable",
                                               other, wrt_)
                                 : trf(": it belongs to {}; ∂/∂{} differentiates with "
                                               "respect to {}",
                                               other, wrt_, wrt_)));
  }
  return std::nullopt;
}

std::optional<Diagnosis> Diagnoser::precedence() const {
  const Expression& h = *e_.hands[i_];
  const std::string& text = h.text();
  std::vector<Token> tokens;
  try {
    ExpressionLexer lexer(text);
    for (Token t = lexer.next(); t.kind != TokenKind::end; t = lexer.next()) {
      tokens.push_back(t);
      if (tokens.size() > 80) return std::nullopt;
    }
  } catch (const ParseError&) {
    return std::nullopt;
  }
  const std::size_t n = tokens.size();
  auto starts = [](TokenKind k) {
    return k == TokenKind::number || k == TokenKind::identifier || k == TokenKind::open ||
           k == TokenKind::minus;
  };
  auto ends = [](TokenKind k) {
    return k == TokenKind::number || k == TokenKind::identifier || k == TokenKind::close ||
           k == TokenKind::superscript;
  };
  // The shortest bracketed range first: the smallest change that makes the formula right.
  for (std::size_t length = 2; length < n; ++length) {
    for (std::size_t i = 0; i + length <= n; ++i) {
      const std::size_t j = i + length - 1;
      if (!starts(tokens[i].kind) || !ends(tokens[j].kind)) continue;
      if (i > 0 && j + 1 < n && tokens[i - 1].kind == TokenKind::open &&
          tokens[j + 1].kind == TokenKind::close)
        continue;
      int depth = 0;
      bool balanced = true, has_operator = false;
      for (std::size_t k = i; k <= j && balanced; ++k) {
        if (tokens[k].kind == TokenKind::open) ++depth;
        if (tokens[k].kind == TokenKind::close) balanced = --depth >= 0;
        if (depth == 0 && k > i &&
            (tokens[k].kind == TokenKind::plus || tokens[k].kind == TokenKind::minus ||
             tokens[k].kind == TokenKind::times || tokens[k].kind == TokenKind::divide ||
             tokens[k].kind == TokenKind::power))
          has_operator = true;
      }
      if (!balanced || depth != 0 || !has_operator) continue;
      const std::size_t begin = tokens[i].offset;
      const std::size_t end = tokens[j].offset + tokens[j].text.size();
      const std::string part = text.substr(begin, end - begin);
      const std::string fixed = text.substr(0, begin) + "(" + part + ")" + text.substr(end);
      Expression candidate;
      try {
        candidate = parse_expression(fixed);
      } catch (const ParseError&) {
        continue;
      }
      const bool right = every([&](std::size_t s) {
        return close(evaluate_named(candidate, e_.names, e_.samples[s].values), ad(s), s);
      });
      if (!right) continue;
      Diagnosis d = make(
          DiagnosisKind::precedence_slip, part,
          trf("precedence slip: {} is read, fully bracketed, as {}; with brackets around "
                      "{} it is right {}: {}",
                      text, expression_text(h, Brackets::full), part, where(), fixed));
      d.hand_bracketed = expression_text(h, Brackets::full);
      d.intended = fixed;
      return d;
    }
  }
  return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> Diagnoser::flipped_difference() const {
  const Expression& h = *e_.hands[i_];
  const auto nodes = h.nodes();
  for (std::size_t k = nodes.size(); k-- > 0;) {
    if (nodes[k].kind != ExpressionNode::Kind::apply || nodes[k].op != Op::sub) continue;
    const Expression turned = with_swapped_operands(h, k);
    const bool right = every([&](std::size_t s) {
      return close(evaluate_named(turned, e_.names, e_.samples[s].values), ad(s), s);
    });
    if (right) return std::pair{subexpression_text(h, k), subexpression_text(turned, k)};
  }
  return std::nullopt;
}

std::optional<Diagnosis> Diagnoser::constant_ratio() {
  std::vector<double> ratios;
  for (std::size_t s = 0; s < count(); ++s)
    if (std::abs(ad(s)) > allowed(s)) ratios.push_back(hand(s) / ad(s));
  if (ratios.empty()) return std::nullopt;
  double mean = 0.0;
  for (double r : ratios) mean += r;
  mean /= static_cast<double>(ratios.size());
  const bool constant = every([&](std::size_t s) { return close(mean * ad(s), hand(s), s, mean); });
  if (!constant) return std::nullopt;

  const std::string text = factor_text(mean, e_.sample_count);
  if (std::abs(mean + 1.0) < 1e-9) {
    std::string message = trf("opposite sign: hand = −AD {}", where());
    std::string piece;
    if (const auto flip = flipped_difference()) {
      piece = flip->first;
      message += trf(": in the formula for ∂/∂{}, {} should be {}", wrt_, flip->first,
                             flip->second);
    }
    const NodeIndex minus_one = last_node(
        [](const Recorded& r, NodeIndex node) { return r.tangent[node]; },
        [](const std::vector<double>& c) {
          return std::all_of(c.begin(), c.end(), [](double v) { return v == -1.0; });
        });
    if (minus_one != no_node)
      message += trf(" — the inner derivative ∂({})/∂{} is −1 and the chain rule needs it",
                             recorded_[0].texts[minus_one], wrt_);
    else if (piece.empty())
      message += tr("; a minus sign was lost");
    return make(DiagnosisKind::opposite_sign, piece, message);
  }
  // An inner expression u whose derivative is the missing constant: sin(2x) written cos(2x).
  const NodeIndex inner = last_node(
      [](const Recorded& r, NodeIndex node) { return r.tangent[node]; },
      [&](const std::vector<double>& c) {
        return !std::all_of(c.begin(), c.end(), [](double v) { return v == 1.0 || v == 0.0; }) &&
               missing(c);
      });
  if (inner != no_node) {
    Diagnosis d = make(
        DiagnosisKind::forgotten_inner_derivative, recorded_[0].texts[inner],
        trf("the chain rule's inner derivative is missing: hand·∂u/∂{0} = AD {1} for the "
                    "inner expression u = {2}, whose derivative ∂({2})/∂{0} = {3}",
                    wrt_, where(), recorded_[0].texts[inner],
                    number_text(recorded_[0].tangent[inner])));
    d.inner = recorded_[0].texts[inner];
    d.factor = mean;
    d.factor_text = text;
    return d;
  }
  Diagnosis d = make(DiagnosisKind::constant_factor, text, "");
  d.factor = mean;
  d.factor_text = text;
  const auto n = e_.sample_count;
  const auto near = [&](double v) { return std::abs(mean - v) <= 1e-9 * std::abs(v); };
  if (n && near(*n))
    d.message = trf("off by a factor n = {} {}: the formula sums over the rows where f "
                            "takes their mean (divide by n)",
                            number_text(*n), where());
  else if (n && near(1.0 / *n))
    d.message = trf("off by a factor 1/n = 1/{} {}: the formula divides by n, but the "
                            "mean is already taken over the rows (drop the 1/n)",
                            number_text(*n), where());
  else if (near(2.0))
    d.message = trf("off by a factor 2 {}: hand = 2·AD — a 2 too many (e.g. from a "
                            "square that was not there, or 2 written twice)",
                            where());
  else if (near(0.5))
    d.message = trf("off by a factor 1/2 {}: hand = AD/2 — the 2 from differentiating a "
                            "square (u² → 2·u) is missing",
                            where());
  else
    d.message = trf("off by a constant factor {} (hand/AD) {}: a missing or extra "
                            "constant factor",
                            text, where());
  return d;
}

std::optional<Diagnosis> Diagnoser::pieces() const {
  if (recorded_.empty()) return std::nullopt;
  const Recorded& first = recorded_[0];
  const auto& texts = first.texts;
  // A variable or data column x: hand·x = AD.
  for (std::size_t v = 0; v < e_.names.size(); ++v) {
    if (!e_.f->variable_index(e_.names[v])) continue;
    std::vector<double> c;
    for (const auto& s : e_.samples) c.push_back(s.values[v]);
    if (!varies(c) || !missing(c)) continue;
    const bool column = v >= e_.parameters + e_.constants;
    return make(DiagnosisKind::missing_factor, e_.names[v],
                trf("∂/∂{0} is missing the factor {1}: hand·{1} = AD {2}{3}", wrt_,
                            e_.names[v], column ? tr("on every row checked") : where(),
                            column ? trf(" (the data column {}, xᵢ on row i)", e_.names[v])
                                   : ""));
  }
  const auto tangent = [](const Recorded& r, NodeIndex node) { return r.tangent[node]; };
  const auto value = [](const Recorded& r, NodeIndex node) { return r.value[node]; };
  const auto fits = [&](const std::vector<double>& c) { return varies(c) && missing(c); };
  // An inner derivative ∂u/∂x missing (varying: x² inside sin).
  if (const NodeIndex u = last_node(tangent, fits); u != no_node) {
    Diagnosis d = make(DiagnosisKind::forgotten_inner_derivative, texts[u],
                       trf("the chain rule's inner derivative is missing: hand·∂u/∂{0} = "
                                   "AD {1} for the inner expression u = {2}; multiply by "
                                   "∂({2})/∂{0}",
                                   wrt_, where(), texts[u]));
    d.inner = texts[u];
    return d;
  }
  // The outer derivative written without its inner expression: 2·3 for 2·(3·x + 5)·3.
  if (const NodeIndex u = last_node(value, fits); u != no_node)
    return make(DiagnosisKind::lost_inner_expression, texts[u],
                trf("the outer derivative lost its inner expression: hand·({0}) = AD {1} "
                            "— the derivative of the outer function is taken at u = {0}, and "
                            "u stays in it (not replaced by a number or dropped)",
                            texts[u], where()));
  // The inner derivative without the outer one: 2·x for sin(x²).
  for (NodeIndex node = static_cast<NodeIndex>(first.value.size()); node-- > 0;) {
    if (first.ops[node] == Op::input) continue;
    for (std::size_t k = 0; k < first.args[node].size(); ++k) {
      std::vector<double> c;
      bool depends = false;
      for (const auto& r : recorded_) {
        c.push_back(r.partials[node][k]);
        depends = depends || r.tangent[r.args[node][k]] != 0.0;
      }
      if (!depends || !varies(c) || !missing(c)) continue;
      const OpInfo& row = info(first.ops[node]);
      const auto& operands = first.operand_texts[node];
      const std::string a = !operands.empty() ? operands[0] : texts[first.args[node][0]];
      const std::string b = operands.size() > 1 ? operands[1] : "";
      std::string outer;
      if (first.ops[node] == Op::pow && operands.size() == 2 &&
          std::isfinite(first.operand_constants[node][1])) {
        // u^c with a constant c: c·u^(c−1), the exponent worked out.
        const double c = first.operand_constants[node][1];
        const std::string base = a.find(' ') != std::string::npos ? "(" + a + ")" : a;
        outer = c == 2.0 ? fmt::format("2·{}", base)
                         : fmt::format("{}·{}^{}", c, base, fmt::format("{}", c - 1.0));
      } else {
        // The k-th recorded argument is the operand that is a node, counted in order.
        std::size_t operand = k;
        for (std::size_t o = 0, seen = 0; o < first.operand_constants[node].size(); ++o)
          if (std::isnan(first.operand_constants[node][o]) && seen++ == k) operand = o;
        outer = substitute(row.partial_text[operand < 2 ? operand : 0], a, b);
      }
      return make(DiagnosisKind::missing_outer_derivative, outer,
                  trf("the inner derivative is there but the outer one is missing: "
                              "hand·{0} = AD {1}, where {0} is the derivative of {2} with "
                              "respect to {3}",
                              outer, where(), texts[node], texts[first.args[node][k]]));
    }
  }
  // A term dropped: AD − hand is the part of ∂f/∂x that flows through one argument of one node.
  for (int pass = 0; pass < 2; ++pass) {
    for (NodeIndex node = static_cast<NodeIndex>(first.value.size()); node-- > 0;) {
      const Op op = first.ops[node];
      if (op == Op::input) continue;
      const bool sum = op == Op::add || op == Op::sub;
      if ((pass == 0) != sum) continue;
      for (std::size_t k = 0; k < first.args[node].size(); ++k) {
        std::vector<double> part;
        for (const auto& r : recorded_)
          part.push_back(r.adjoint[node] * r.partials[node][k] * r.tangent[r.args[node][k]]);
        bool nonzero = false;
        for (std::size_t s = 0; s < count(); ++s) nonzero = nonzero || std::abs(part[s]) > allowed(s);
        if (!nonzero) continue;
        if (!every([&](std::size_t s) { return close(hand(s) + part[s], ad(s), s); })) continue;
        const std::string term = texts[first.args[node][k]];
        return make(DiagnosisKind::dropped_term, term,
                    sum ? trf("a term was dropped: AD − hand is the derivative of the term "
                                      "{} of {} {}; differentiate every term of the sum",
                                      term, texts[node], where())
                        : trf("a term was dropped: AD − hand is the part of ∂f/∂{} that "
                                      "comes through {} in {} {} (the product or chain rule "
                                      "has a term for each factor that depends on {})",
                                      wrt_, term, texts[node], where(), wrt_));
      }
    }
  }
  return std::nullopt;
}

std::optional<Diagnosis> Diagnoser::run() {
  if (e_.hands[i_] == nullptr || count() == 0) return std::nullopt;
  if (every([&](std::size_t s) { return close(hand(s), ad(s), s); })) return std::nullopt;
  for (std::size_t s = 0; s < count(); ++s)
    if (!std::isfinite(hand(s)) || !std::isfinite(ad(s)))
      return make(DiagnosisKind::no_clear_pattern, "",
                  trf("the formula for ∂/∂{} gives {} where AD is {}: not a finite "
                              "number (outside its domain?)",
                              wrt_, hand(s), ad(s)));
  const bool ad_zero = every([&](std::size_t s) { return std::abs(ad(s)) <= allowed(s); });
  const bool hand_zero = every([&](std::size_t s) { return std::abs(hand(s)) <= allowed(s); });
  if (ad_zero)
    return make(DiagnosisKind::extra_term, "",
                trf("f does not change with {0} ({1}), but the formula for ∂/∂{0} is "
                            "not 0: it has a term that does not belong",
                            wrt_, where()));
  if (hand_zero)
    return make(DiagnosisKind::missing_term, "",
                trf("the formula for ∂/∂{0} is 0 {1} but f changes with {0}: a part of "
                            "f that depends on {0} was treated as a constant",
                            wrt_, where()));
  record_all();
  if (auto d = swapped()) return d;
  // At a single sample any ratio is constant: a plain factor (−1, 2, 1/2) is named as such, any
  // other is first read as a missing piece of f (lesson 000: 2·3 is 2·(3·x + 5)·3 over 3·x + 5).
  if (count() == 1) {
    const double ratio = std::abs(hand(0) / ad(0));
    const bool plain = std::abs(ratio - 1.0) < 1e-9 || std::abs(ratio - 2.0) < 1e-9 ||
                       std::abs(ratio - 0.5) < 1e-9;
    if (!plain)
      if (auto d = pieces()) {
        d->message += tr("; only one point was checked, so check at more points to be sure");
        return d;
      }
  }
  if (auto d = constant_ratio()) return d;
  if (auto d = precedence()) return d;
  if (auto d = pieces()) return d;
  if (const auto flip = flipped_difference())
    return make(DiagnosisKind::wrong_sign_in_part, flip->first,
                trf("a sign inside the formula: with {} turned round to {} it is right {}",
                            flip->first, flip->second, where()));
  return make(DiagnosisKind::no_clear_pattern, "",
              trf("no single sign, factor, inner or outer derivative, dropped term or "
                          "bracket explains the formula for ∂/∂{}; check it term by term",
                          wrt_));
}

}  // namespace

double evaluate_named(const Expression& e, const std::vector<std::string>& names,
                      const std::vector<double>& values) {
  std::vector<double> bound;
  for (const std::string& name : e.variables()) {
    const auto it = std::find(names.begin(), names.end(), name);
    bound.push_back(it == names.end() ? nan : values[static_cast<std::size_t>(it - names.begin())]);
  }
  return e.evaluate(bound);
}

std::optional<Diagnosis> diagnose_formula(const FormulaEvidence& evidence, std::size_t component) {
  if (evidence.f == nullptr || component >= evidence.parameters) return std::nullopt;
  return Diagnoser(evidence, component).run();
}

}  // namespace tapegrad
