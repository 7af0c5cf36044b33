// SPDX-License-Identifier: MIT
// The Graphviz form of an explanation (see dot.hpp).
#include "autodiff/explain/dot.hpp"

#include <fmt/format.h>

#include "autodiff/explain/html_escape.hpp"
#include "autodiff/explain/layout.hpp"
#include "autodiff/explain/number.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {

namespace {

// A DOT double-quoted string: quotes and backslashes escaped, lines joined with \n.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}


// "f at x = 5, y = 2" from the explanation's inputs, when the caller gave no title.
std::string default_title(const Explanation& ex) {
  std::string inputs;
  for (const auto& s : ex.forward) {
    if (s.op != Op::input) continue;
    inputs += (inputs.empty() ? "" : ", ") + s.name + " = " + format_number(s.value, ex.precision);
  }
  return trf("{} at {}", ex.loss_name + " = " + format_number(ex.loss_value, ex.precision), inputs);
}

}  // namespace

std::string to_dot(const Explanation& ex, const DotOptions& options) {
  const int prec = ex.precision;
  auto text = [&](const std::string& s) { return options.ascii ? to_ascii(s) : s; };
  std::vector<double> adjoint(ex.node_names.size(), 0.0);
  std::vector<char> on_backward(ex.node_names.size(), 0);
  for (const auto& s : ex.backward) {
    adjoint[s.node] = s.adjoint;
    on_backward[s.node] = 1;
  }

  std::string out = fmt::format("digraph {} {{\n", quoted(options.graph_name));
  out += "  rankdir=BT;\n";
  // Room between siblings, so that the partials on neighbouring arrows never run together.
  out += "  nodesep=0.5; ranksep=0.6;\n";
  {
    const std::string L = ex.loss_name;
    const std::string title = options.title.empty() ? default_title(ex) : options.title;
    std::string label = "<<b>" + html_escaped(text(title)) + "</b>";
    if (options.legend) {
      label += "<br/><font point-size=\"11\">";
      label += html_escaped(text(trf("box: name = operation, its value (forward pass) and its adjoint ∂{}/∂name "
                                     "(backward pass: how much {} changes per unit change of it)",
                                     L, L)));
      label += "<br/>" + html_escaped(text(tr("arrow: a value flows into an operation; its label is the local partial "
                                              "∂node/∂input")));
      if (options.products)
        label += "<br/>" + html_escaped(text(tr("carries: adjoint · partial, this arrow's share of the input's adjoint "
                                                "(the shares into a node add up to its adjoint)")));
      label += "</font>";
    }
    label += ">";
    out += fmt::format("  labelloc=t; fontname={}; fontsize=16; label={};\n", quoted(options.font), label);
  }
  out += fmt::format("  node [shape=box, style=rounded, fontname={}];\n", quoted(options.font));
  out += fmt::format("  edge [fontname={}, fontsize=11];\n", quoted(options.font));
  // Over data, the row explained in full sits in a frame of its own, beside the frame of all rows.
  // (rankdir=BT turns the graph upside down, so labelloc=b puts a frame's label on top.)
  if (ex.over_rows)
    out += fmt::format("  subgraph cluster_row {{\n  label={}; labelloc=b; labeljust=l; style=\"rounded\"; color=\"#9ca3af\";\n",
                       quoted(text(trf("row {} of {}, in full", ex.over_rows->row, ex.over_rows->count))));
  for (const auto& s : ex.forward) {
    std::string head = s.op == Op::input ? trf("{} (input)", s.name) : s.name + " = " + s.operation;
    // A given value (--with, a data column) flows into the loss but is held fixed: no adjoint.
    const std::string adjoint_text = on_backward[s.node] ? format_number(adjoint[s.node], prec)
                                     : s.given          ? std::string(tr("none (a given value, held fixed)"))
                                                        : std::string(tr("0 (does not reach the loss)"));
    std::string label = fmt::format("{}\n{} {}\n{} {}", head, tr("value"), format_number(s.value, prec),
                                    tr("adjoint"), adjoint_text);
    std::vector<std::string> attrs{"label=" + quoted(text(label))};
    if (s.op == Op::input) attrs.push_back("shape=ellipse, style=filled, fillcolor=\"#dbeafe\"");
    if (s.node == ex.loss) attrs.push_back("peripheries=2, style=\"rounded,filled\", fillcolor=\"#fde68a\"");
    if (!s.reaches_loss) attrs.push_back("color=gray, fontcolor=gray, style=\"rounded,dashed\"");
    out += fmt::format("  n{} [{}];\n", s.node, fmt::join(attrs, ", "));
  }
  if (ex.over_rows) out += "  }\n";
  // Arrows point the way values flow (input → node); each carries ∂node/∂input.
  for (const auto& s : ex.backward) {
    for (const auto& p : s.partials) {
      std::string label =
          p.vector_jacobian
              ? trf("{} backward: {}", s.block, format_number(p.product, prec))
              : fmt::format("{} = {}", partial_symbol(s.name, ex.name_of(p.input)), format_number(p.partial, prec));
      if (options.products && !p.vector_jacobian)
        label += "\n" + trf("carries {} · {} = {}", format_operand_number(p.adjoint, prec),
                            format_operand_number(p.partial, prec), format_number(p.product, prec));
      out += fmt::format("  n{} -> n{} [label={}];\n", p.input, s.node, quoted(text(label)));
    }
  }
  // A given value's arrows carry no partial (it is not differentiated), but the value does flow
  // in: drawn dashed, so that `t3 = y − t2` shows where y comes from.
  std::vector<char> given(adjoint.size(), 0);
  for (const auto& s : ex.forward)
    if (s.given) given[s.node] = 1;
  for (const auto& s : ex.forward)
    for (const auto& o : s.operands)
      if (o.node != no_node && o.node < given.size() && given[o.node])
        out += fmt::format("  n{} -> n{} [style=dashed, color=gray];\n", o.node, s.node);
  // Over data the graph is one row's; a table beside it sums the rows (the text's last section).
  if (ex.over_rows) {
    const LayoutSection sum = layout_sum_over_rows(*ex.over_rows, prec);
    std::string table = "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">";
    const std::size_t width = sum.header.size();
    const auto cell = [&](std::string_view content, const std::string& attrs = "") {
      return "<td" + attrs + ">" + html_escaped(text(std::string(content))) + "</td>";
    };
    table += fmt::format("<tr><td colspan=\"{}\"><b>{}</b></td></tr>", width, html_escaped(text(sum.title)));
    table += "<tr>";
    for (const auto& h : sum.header) table += cell(h, " bgcolor=\"#e5e7eb\"");
    table += "</tr>";
    for (const LayoutRows::Row row : sum.rows) {
      table += "<tr>";
      if (row.size() == 1)  // the gap: "… (n more rows)" across the table
        table += cell(row.front(), fmt::format(" colspan=\"{}\"", width));
      else
        for (std::string_view c : row) table += cell(c, " align=\"right\"");
      table += "</tr>";
    }
    table += "</table>";
    // The totals under the grid, in a frame of their own: spanning the grid, a long line would
    // widen its first column.
    std::string label = "<table border=\"0\" cellspacing=\"0\" cellpadding=\"2\"><tr><td>" + table + "</td></tr>";
    for (const auto& l : sum.lines) label += "<tr>" + cell(l.text, " align=\"left\"") + "</tr>";
    label += "</table>";
    out += fmt::format("  subgraph cluster_all_rows {{\n  label={}; labelloc=b; labeljust=l; style=\"rounded\"; "
                       "color=\"#9ca3af\";\n  rows [shape=plain, label=<{}>];\n  }}\n",
                       quoted(text(fmt::format(fmt::runtime(trn("all {} row", "all {} rows", ex.over_rows->count)),
                                               ex.over_rows->count))),
                       label);
  }
  // Nodes that do not reach the loss still show where their values went.
  for (const auto& s : ex.forward) {
    if (s.reaches_loss) continue;
    for (const auto& o : s.operands)
      if (o.node != no_node) out += fmt::format("  n{} -> n{} [color=gray, style=dashed];\n", o.node, s.node);
  }
  out += "}\n";
  return out;
}

}  // namespace tapegrad
