// SPDX-License-Identifier: MIT
// The content of a printed explanation (see layout.hpp): what each table cell and line
// says, in Unicode; the renderers only arrange it.
#include "autodiff/explain/layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "i18n/i18n.hpp"
#include "autodiff/explain/number.hpp"

namespace tapegrad {

namespace {

// "∂L/∂t2 = 2·t2^(2−1) = 2·5^(2−1) = 10", leaving out steps that repeat the one before.
// "∂L/∂u = 2·u = 2(3x + 5) = 2·5 = 10", leaving out steps that repeat the one before. A rule
// with cases names the values that choose the case: "∂f/∂t1 = (1 if t1 > 0, else 0) = 0, as t1 = 0".
std::string partial_cell(const std::string& node, const std::string& input, const LocalPartial& p, int prec) {
  if (p.vector_jacobian) return std::string(p.rule());
  const std::string number = format_number(p.partial, prec);
  if (p.cases)
    return fmt::format(fmt::runtime(tr("{} = ({}) = {}, as {}")), partial_symbol(node, input), p.rule_symbols(),
                       number, p.rule_numbers());
  std::string out = partial_symbol(node, input);
  std::string_view last = out;
  for (const std::string_view s : {p.rule_symbols(), p.rule_inputs(), p.rule_numbers(), std::string_view(number)}) {
    if (s.empty() || s == last) continue;
    out += " = ";
    out += s;
    last = s;
  }
  return out;
}

// Each node's backward step, by node: a path of 10⁴ factors looked each up by a scan of the
// backward pass, which made explain quadratic.
using BackwardIndex = std::vector<const BackwardStep*>;
BackwardIndex index_backward(const Explanation& ex) {
  BackwardIndex index(ex.node_names.size(), nullptr);
  for (const auto& s : ex.backward)
    if (s.node < index.size()) index[s.node] = &s;
  return index;
}

// The local partial of `of` with respect to `wrt`, from the backward pass.
const LocalPartial* find_partial(const BackwardIndex& backward, NodeIndex of, NodeIndex wrt) {
  if (of >= backward.size() || backward[of] == nullptr) return nullptr;
  for (const auto& p : backward[of]->partials)
    if (p.input == wrt) return &p;
  return nullptr;
}

// Lesson 000's words for a chain: the first factor is the outer derivative, the rest inner.
// "outer: ∂f/∂u = 2·u = 2(3x + 5) = 10; inner: ∂u/∂x = 3".
std::string outer_inner_line(const BackwardIndex& backward, const ChainPath& path, int prec) {
  std::vector<std::string> cells;
  for (const auto& f : path.factors) {
    const LocalPartial* p = find_partial(backward, f.of, f.wrt);
    cells.push_back(p ? partial_cell(f.of_name, f.wrt_name, *p, prec)
                      : partial_symbol(f.of_name, f.wrt_name) + " = " + format_number(f.partial, prec));
  }
  return fmt::format(fmt::runtime(tr("outer: {}; inner: {}")), cells.front(),
                     fmt::join(cells.begin() + 1, cells.end(), "; "));
}

// "10 · 3 = 30": the adjoint passed down times the local partial.
std::string product_cell(const LocalPartial& p, int prec) {
  if (p.vector_jacobian) return format_number(p.product, prec);
  std::string out = format_number(p.adjoint, prec);  // appended, not fmt::format: a cell per edge
  out += " · ";
  out += format_operand_number(p.partial, prec);
  out += " = ";
  out += format_number(p.product, prec);
  return out;
}

// "24 + 6 = 30" for a node whose adjoint is a sum; the number alone otherwise.
std::string adjoint_cell(const BackwardStep& s, int prec) {
  if (s.seed) return tr("1 (seed)");
  if (s.terms.size() < 2) return format_number(s.adjoint, prec);
  std::string out;  // "24 + 6 = 30", straight into one string: a sum may have 10⁵ terms
  for (const auto& t : s.terms) {
    if (!out.empty()) out += " + ";
    out += format_operand_number(t.product, prec);
  }
  return out + " = " + format_number(s.adjoint, prec);
}

std::string summary(const Explanation& ex) {
  const int prec = ex.precision;
  std::vector<std::string> inputs;
  for (const auto& g : ex.gradient)
    inputs.push_back(fmt::format("{} = {}", g.name, format_number(g.value, prec)));
  std::string line = ex.expression.empty()
                         ? fmt::format("{} = {}", ex.loss_name, format_number(ex.loss_value, prec))
                         : fmt::format("{} = {} = {}", ex.loss_name, ex.expression,
                                       format_number(ex.loss_value, prec));
  if (!inputs.empty()) line = fmt::format(fmt::runtime(tr("{} at {}")), line, fmt::join(inputs, ", "));
  // The given values by name and value; data rows repeat their names, so then only the names.
  std::vector<std::string> names, given;
  bool repeated = false;
  for (const auto& g : ex.given) {
    if (std::find(names.begin(), names.end(), g.name) != names.end()) {
      repeated = true;
      continue;
    }
    names.push_back(g.name);
    given.push_back(fmt::format("{} = {}", g.name, format_number(g.value, prec)));
  }
  if (repeated)
    line = fmt::format(fmt::runtime(tr("{}; with {} from the data ({} values)")), line,
                       fmt::join(names, ", "), ex.given.size());
  else if (!given.empty())
    line = fmt::format(fmt::runtime(tr("{}; with {}")), line, fmt::join(given, ", "));
  return line;
}

// One line per path: "∂L/∂r · ∂r/∂ŷ · ∂ŷ/∂w0 = 4 · (−1) · 1 = −4".
std::string path_line(const ChainPath& path, int prec) {
  std::vector<std::string> symbols, numbers;
  for (const auto& f : path.factors) {
    symbols.push_back(partial_symbol(f.of_name, f.wrt_name));
    numbers.push_back(format_operand_number(f.partial, prec));
  }
  if (path.factors.size() == 1) return fmt::format("{} = {}", symbols.front(), format_number(path.product, prec));
  return fmt::format("{} = {} = {}", fmt::join(symbols, " · "), fmt::join(numbers, " · "),
                     format_number(path.product, prec));
}

// "(1/4) · " for the mean over 4 rows, "" for the sum.
std::string scale_prefix(const OverRows& o) {
  return o.mean ? fmt::format("(1/{}) · ", o.count) : "";
}

// "Row 1 of 4: y = 40, x = 20" and what follows it: this row in full, then the sum.
LayoutSection row_section(const OverRows& o, int prec) {
  std::vector<std::string> values;
  if (const RowTerm* r = o.explained())
    for (std::size_t c = 0; c < o.columns.size() && c < r->values.size(); ++c)
      values.push_back(fmt::format("{} = {}", o.columns[c], format_number(r->values[c], prec)));
  LayoutSection s{.title = fmt::format(fmt::runtime(tr("Row {} of {}: {}")), o.row, o.count,
                                       fmt::join(values, ", "))};
  s.lines.push_back(
      {0, fmt::format(fmt::runtime(trn("{} = {}Σ {}_i over the {} row of {}: this row step by step, then the sum",
                                       "{} = {}Σ {}_i over the {} rows of {}: this row step by step, then the sum",
                                       o.count)),
                      o.name, scale_prefix(o), o.term, o.count, o.source)});
  return s;
}

// "… (15 more rows)": the rows left out of the table between two listed ones, as one cell.
std::string gap_row(std::size_t rows) {
  return "… " + fmt::format(fmt::runtime(trn("({} more row)", "({} more rows)", rows)), rows);
}

}  // namespace

LayoutSection layout_sum_over_rows(const OverRows& o, int prec) {
  const std::string term = o.term + "_i";
  LayoutSection s{.title = fmt::format(fmt::runtime(tr("The sum over the rows: {} = {}Σ {}")), o.name,
                                       scale_prefix(o), term)};
  s.header.push_back(tr("row"));
  s.header.insert(s.header.end(), o.columns.begin(), o.columns.end());
  s.header.push_back(term);
  for (const auto& p : o.parameters) s.header.push_back(partial_symbol(term, p));
  std::size_t previous = 0;
  for (const RowTerm& r : o.listed) {
    if (r.row > previous + 1) s.rows.add({gap_row(r.row - previous - 1)});
    std::vector<std::string> cells{std::to_string(r.row)};
    for (double v : r.values) cells.push_back(format_number(v, prec));
    cells.push_back(format_number(r.loss, prec));
    for (double d : r.partials) cells.push_back(format_number(d, prec));
    s.rows.add(cells);
    previous = r.row;
  }
  if (previous < o.count) s.rows.add({gap_row(o.count - previous)});
  // "f = (1/4) · Σ loss_i = (1/4) · (1600 + 4900) = (1/4) · 6500 = 1625"; with every row listed
  // the sum is written out term by term, as on the board.
  const bool all_listed = o.listed.size() == o.count;
  const auto line = [&](const std::string& of, const std::string& symbol, double total, double value,
                        auto term_of) {
    const std::string scale = scale_prefix(o);
    std::vector<std::string> chain{of, scale + "Σ " + symbol};
    if (all_listed && o.count > 1) {
      std::vector<std::string> terms;
      for (const RowTerm& r : o.listed) terms.push_back(format_operand_number(term_of(r), prec));
      const std::string sum = fmt::format("{}", fmt::join(terms, " + "));
      chain.push_back(o.mean ? scale + "(" + sum + ")" : sum);
    }
    if (o.mean) chain.push_back(scale + format_operand_number(total, prec));
    chain.push_back(format_number(value, prec));
    return LayoutLine{0, fmt::format("{}", fmt::join(chain, " = "))};
  };
  s.lines.push_back(line(o.name, term, o.loss_sum, o.value, [](const RowTerm& r) { return r.loss; }));
  for (std::size_t k = 0; k < o.parameters.size(); ++k)
    s.lines.push_back(line(partial_symbol(o.name, o.parameters[k]), partial_symbol(term, o.parameters[k]),
                           o.partial_sums.at(k), o.gradient.at(k),
                           [k](const RowTerm& r) { return r.partials.at(k); }));
  s.lines.push_back({0, o.mean ? tr("The gradient of the mean is the mean of the rows' gradients.")
                               : tr("The gradient of the sum is the sum of the rows' gradients.")});
  return s;
}

std::string& LayoutRows::room(std::size_t size) {
  constexpr std::size_t chunk = std::size_t(1) << 20;
  if (chunks_.empty() || chunks_.back().capacity() - chunks_.back().size() < size) {
    chunks_.emplace_back();
    chunks_.back().reserve(std::max(chunk, size));
  }
  return chunks_.back();
}

namespace {
template <class Cells>
std::string_view add_row(std::string& chunk, const Cells& cells) {
  const std::size_t begin = chunk.size();
  for (const auto& c : cells) {
    chunk += c;
    chunk += '\0';
  }
  return std::string_view(chunk).substr(begin);
}
template <class Cells>
std::size_t row_size(const Cells& cells) {
  std::size_t size = 0;
  for (const auto& c : cells) size += std::string_view(c).size() + 1;
  return size;
}
}  // namespace

void LayoutRows::add(std::initializer_list<std::string_view> cells) {
  rows_.push_back(add_row(room(row_size(cells)), cells));
}

void LayoutRows::add(std::span<const std::string> cells) {
  rows_.push_back(add_row(room(row_size(cells)), cells));
}

std::string partial_symbol(const std::string& of, const std::string& wrt) {
  return "\u2202" + of + "/\u2202" + wrt;
}

std::vector<LayoutSection> layout_explanation(const Explanation& ex) {
  const int prec = ex.precision;
  const std::string& L = ex.loss_name;
  std::vector<LayoutSection> out;

  if (ex.over_rows) out.push_back(row_section(*ex.over_rows, prec));
  out.push_back({.title = summary(ex)});

  LayoutSection fwd{.title = tr("Forward pass: each step computes one value from earlier ones"),
                    .header = {tr("step"), tr("name"), tr("operation"), tr("value")}};
  for (const auto& s : ex.forward) {
    std::string value = format_number(s.value, prec);
    if (!s.reaches_loss) value += fmt::format(fmt::runtime(tr(" (does not reach {})")), L);
    std::string operation = s.given ? tr("given") : s.op == Op::input ? tr("input") : s.operation;
    if (!s.formula.empty()) operation += " = " + s.formula;
    fwd.rows.add({std::to_string(s.step), s.name, operation, value});
  }
  out.push_back(std::move(fwd));

  LayoutSection bwd{
      .title = fmt::format(fmt::runtime(tr("Backward pass: from {} down to the inputs; adjoint = {}")), L,
                           partial_symbol(L, tr("node"))),
      .header = {tr("step"), tr("node"), tr("adjoint"), tr("input"),
                 fmt::format(fmt::runtime(tr("local partial {}")), partial_symbol(tr("node"), tr("input"))),
                 tr("outer · inner = adjoint · partial")}};
  for (const auto& s : ex.backward) {
    const std::string step = std::to_string(s.step);
    const std::string adjoint = adjoint_cell(s, prec);
    if (s.partials.empty()) bwd.rows.add({step, s.name, adjoint, "", "", ""});
    for (std::size_t k = 0; k < s.partials.size(); ++k) {
      const auto& p = s.partials[k];
      const bool first = k == 0;
      bwd.rows.add({first ? std::string_view(step) : "", first ? std::string_view(s.name) : "",
                    first ? std::string_view(adjoint) : "", ex.name_of(p.input), partial_cell(s.name, ex.name_of(p.input), p, prec),
                    product_cell(p, prec)});
    }
  }
  out.push_back(std::move(bwd));

  // Where several paths meet, the adjoint is the sum of what each consumer passes down.
  LayoutSection meet{.title = tr("Where paths meet, their contributions add up")};
  for (const auto& s : ex.backward) {
    if (s.terms.size() < 2) continue;
    // The two sums written straight into their strings: an input used 10⁵ times has 10⁵ terms.
    std::string symbols, numbers;
    for (const auto& t : s.terms) {
      if (!symbols.empty()) {
        symbols += " + ";
        numbers += " + ";
      }
      if (t.vector_jacobian) {
        symbols += fmt::format(fmt::runtime(tr("({} backward)")), ex.name_of(t.from));
        numbers += format_operand_number(t.product, prec);
      } else if (t.from == ex.loss) {  // straight from the loss: ∂L/∂L = 1 is no factor
        symbols += partial_symbol(L, s.name);
        numbers += format_operand_number(t.partial, prec);
      } else {
        const std::string& from = ex.name_of(t.from);
        symbols += partial_symbol(L, from);
        symbols += " · ";
        symbols += partial_symbol(from, s.name);
        numbers += format_operand_number(t.adjoint, prec);
        numbers += " · ";
        numbers += format_operand_number(t.partial, prec);
      }
    }
    meet.lines.push_back({0, fmt::format("{} = {} = {} = {}", partial_symbol(L, s.name), symbols, numbers,
                                         format_number(s.adjoint, prec))});
  }
  if (!meet.lines.empty()) out.push_back(std::move(meet));

  const BackwardIndex backward = index_backward(ex);
  LayoutSection grad{
      .title = fmt::format(fmt::runtime(tr("Gradient: the chain rule along every path from {} to each input")), L)};
  for (const auto& g : ex.gradient) {
    std::string head = fmt::format("{} = {}", partial_symbol(L, g.name), format_number(g.gradient, prec));
    if (!g.reaches_loss) head += fmt::format(fmt::runtime(tr(" ({} does not affect {})")), g.name, L);
    grad.lines.push_back({0, std::move(head)});
    if (!g.reaches_loss) continue;
    if (g.through_block) {
      grad.lines.push_back({1, tr("a path passes a block op: see its vector-Jacobian product above")});
    } else if (g.paths.empty() && g.path_count == 1.0) {
      grad.lines.push_back({1, fmt::format(fmt::runtime(tr("one path of {} factors: too long to write out")),
                                           format_number(g.path_factors, prec))});
    } else if (g.paths.empty()) {
      grad.lines.push_back(
          {1, fmt::format(fmt::runtime(tr("{} paths: too many to write out")), format_number(g.path_count, prec))});
    } else if (g.paths.size() == 1) {
      grad.lines.push_back({1, "= " + path_line(g.paths[0], prec)});
      if (g.paths[0].factors.size() > 1) grad.lines.push_back({2, outer_inner_line(backward, g.paths[0], prec)});
    } else {
      for (std::size_t k = 0; k < g.paths.size(); ++k) {
        grad.lines.push_back({1, fmt::format(fmt::runtime(tr("path {}: {}")), k + 1, path_line(g.paths[k], prec))});
        if (g.paths[k].factors.size() > 1) grad.lines.push_back({2, outer_inner_line(backward, g.paths[k], prec)});
      }
    }
  }
  out.push_back(std::move(grad));
  if (ex.over_rows) out.push_back(layout_sum_over_rows(*ex.over_rows, prec));
  return out;
}

std::string to_ascii(const std::string& text) {
  static const std::pair<std::string_view, std::string_view> table[] = {
      {"\u2202", "d"},   {"\u2212", "-"},   {"\u00b7", "*"},      {"\u00b2", "^2"},
      {"\u00b3", "^3"},  {"\u00bd", "1/2"}, {"\u03c0", "pi"},     {"\u03c3", "sigmoid"},
      {"\u2260", "!="},  {"\u2264", "<="},  {"\u2265", ">="},     {"\u221e", "inf"},
      {"\u0177", "y_hat"}, {"\u2192", "->"}, {"\u2014", "--"},
      {"\u2070", "^0"},  {"\u00b9", "^1"},  {"\u2074", "^4"},  {"\u2075", "^5"},
      {"\u2076", "^6"},  {"\u2077", "^7"},  {"\u2078", "^8"},  {"\u2079", "^9"},
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      for (const auto& [from, to] : table) {
        if (text.compare(i, from.size(), from) == 0) {
          out += to;
          i += from.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace tapegrad
