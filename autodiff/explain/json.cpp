// SPDX-License-Identifier: MIT
// The JSON form of an explanation (see json.hpp and docs/explain.md for the schema).
#include "autodiff/explain/json.hpp"

#include <cmath>
#include <functional>
#include <ostream>

#include "autodiff/explain/json_writer.hpp"
#include "autodiff/op_rules.hpp"

namespace tapegrad {

namespace {

using nlohmann::json;

// JSON has no NaN or infinity: those become null rather than invalid output.
json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

// {"w0": -175, "w1": -5225}: numbers by parameter.
json by_name(const std::vector<std::string>& names, const std::vector<double>& numbers) {
  json j = json::object();
  for (std::size_t k = 0; k < names.size() && k < numbers.size(); ++k) j[names[k]] = number(numbers[k]);
  return j;
}

// The explained row, the listed rows and the totals (see OverRows).
void add_over_rows(json& j, const OverRows& o) {
  json rows = json::array();
  for (const RowTerm& r : o.listed)
    rows.push_back({{"row", r.row},
                    {"values", by_name(o.columns, r.values)},
                    {"loss", number(r.loss)},
                    {"partials", by_name(o.parameters, r.partials)}});
  // The names in order too: the objects below are keyed by name, and JSON objects have no order.
  j["row"] = {{"row", o.row},         {"of", o.count},         {"source", o.source},
              {"name", o.term},       {"columns", o.columns},  {"parameters", o.parameters}};
  j["rows"] = std::move(rows);
  j["omitted_rows"] = o.count - o.listed.size();
  j["total"] = {{"name", o.name},
                {"reduce", o.mean ? "mean" : "sum"},
                {"rows", o.count},
                {"loss_sum", number(o.loss_sum)},
                {"partial_sums", by_name(o.parameters, o.partial_sums)},
                {"value", number(o.value)},
                {"gradient", by_name(o.parameters, o.gradient)}};
}

using json_text::Array;
using json_text::Object;
using json_text::put;

// {"name": ..., "node": ...}
void put_node(std::string& out, NodeIndex node, const std::string& name) {
  Object(out).field("name", name).field("node", node).close();
}

// Each writer below lists its keys in ascending order (json_text::Object checks it), which is
// the order nlohmann::json prints them in, so the text is what dumping the DOM gave.
void put_forward(std::string& out, const Explanation& ex, const ForwardStep& s) {
  Object o(out);
  if (!s.block.empty()) o.field("block", s.block);
  if (!s.formula.empty()) o.field("formula", s.formula);
  o.field("generated_name", s.generated_name);
  if (s.given) o.field("given", true);
  o.field("name", s.name).field("node", s.node).field("op", info(s.op).name);
  Array operands(o.key("operands"));
  for (const auto& x : s.operands) {
    Object e(operands.next());
    if (x.node == no_node) {
      e.field("constant", true).field("value", x.value);
    } else {
      e.field("constant", false).field("name", ex.name_of(x.node)).field("node", x.node).field("value", x.value);
    }
    e.close();
  }
  operands.close();
  o.field("operation", s.operation)
      .field("reaches_loss", s.reaches_loss)
      .field("step", s.step)
      .field("value", s.value)
      .close();
}

void put_backward(std::string& out, const Explanation& ex, const BackwardStep& s) {
  Object o(out);
  o.field("adjoint", s.adjoint);
  if (!s.block.empty()) o.field("block", s.block);
  o.field("name", s.name).field("node", s.node).field("op", info(s.op).name);
  Array partials(o.key("partials"));
  for (const auto& p : s.partials) {
    Object e(partials.next());
    if (!p.vector_jacobian) e.field("adjoint", p.adjoint).field("cases", p.cases);
    e.field("name", ex.name_of(p.input)).field("node", p.input);
    if (!p.vector_jacobian) e.field("partial", p.partial);
    e.field("product", p.product).field("rule", p.rule());
    if (!p.vector_jacobian) {
      if (!p.rule_inputs().empty()) e.field("rule_inputs", p.rule_inputs());
      e.field("rule_numbers", p.rule_numbers())
          .field("rule_simplified", p.rule_simplified())
          .field("rule_symbols", p.rule_symbols());
    }
    e.field("vector_jacobian", p.vector_jacobian).close();
  }
  partials.close();
  o.field("seed", s.seed).field("step", s.step);
  Array terms(o.key("terms"));
  for (const auto& t : s.terms) {
    Object e(terms.next());
    if (!t.vector_jacobian) e.field("adjoint", t.adjoint);
    e.field("name", ex.name_of(t.from)).field("node", t.from);
    if (!t.vector_jacobian) e.field("partial", t.partial);
    e.field("product", t.product).field("vector_jacobian", t.vector_jacobian).close();
  }
  terms.close();
  o.close();
}

void put_gradient(std::string& out, const GradientEntry& g) {
  Object o(out);
  o.field("generated_name", g.generated_name)
      .field("gradient", g.gradient)
      .field("name", g.name)
      .field("node", g.node)
      .field("path_count", g.path_count);
  Array paths(o.key("paths"));
  for (const auto& p : g.paths) {
    Object path(paths.next());
    Array factors(path.key("factors"));
    for (const auto& f : p.factors) {
      Object factor(factors.next());
      put_node(factor.key("of"), f.of, f.of_name);
      factor.field("partial", f.partial);
      put_node(factor.key("wrt"), f.wrt, f.wrt_name);
      factor.close();
    }
    factors.close();
    path.field("product", p.product).close();
  }
  paths.close();
  o.field("reaches_loss", g.reaches_loss)
      .field("through_block", g.through_block)
      .field("value", g.value)
      .close();
}

// Called between the elements of the arrays: may hand the text written so far to a stream (and
// clear it), so that 10⁵ nodes never sit in memory as one string.
using Flush = std::function<void(std::string&)>;

template <class T, class F>
void put_array(std::string& out, const std::vector<T>& items, F put_item, const Flush& flush) {
  Array a(out);
  for (const auto& item : items) {
    put_item(a.next(), item);
    if (flush) flush(out);
  }
  a.close();
}

// The over-rows part is a few listed rows, keyed by the user's names: built as a DOM (so its
// objects sort their keys as before) and dumped where its keys fall among the others.
std::string dumped(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void put_explanation(std::string& out, const Explanation& ex, const Flush& flush) {
  json over = json::object();
  if (ex.over_rows) add_over_rows(over, *ex.over_rows);
  Object o(out);
  put_array(o.key("backward"), ex.backward,
            [&ex](std::string& s, const BackwardStep& step) { put_backward(s, ex, step); }, flush);
  o.field("expression", ex.expression);
  put_array(o.key("forward"), ex.forward,
            [&ex](std::string& s, const ForwardStep& step) { put_forward(s, ex, step); }, flush);
  put_array(o.key("given"), ex.given, [](std::string& s, const GivenValue& g) {
    Object(s).field("name", g.name).field("node", g.node).field("value", g.value).close();
  }, flush);
  put_array(o.key("gradient"), ex.gradient, put_gradient, flush);
  Object(o.key("loss")).field("name", ex.loss_name).field("node", ex.loss).field("value", ex.loss_value).close();
  if (ex.over_rows) {
    o.key("omitted_rows") += dumped(over["omitted_rows"]);
    o.key("row") += dumped(over["row"]);
    o.key("rows") += dumped(over["rows"]);
  }
  o.field("schema", explain_json_schema);
  if (ex.over_rows) o.key("total") += dumped(over["total"]);
  o.close();
}

}  // namespace

void write_json(std::string& out, const Explanation& ex) { put_explanation(out, ex, {}); }

void write_json(std::string& out, const Explanation& ex, const std::function<void(std::string&)>& flush) {
  put_explanation(out, ex, flush);
}

void write_json(std::ostream& out, const Explanation& ex) {
  constexpr std::size_t flush_at = std::size_t(1) << 20;
  std::string buffer;
  buffer.reserve(2 * flush_at);
  put_explanation(buffer, ex, [&](std::string& text) {
    if (text.size() < flush_at) return;
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
  });
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

nlohmann::json to_json(const Explanation& ex) {
  std::string text;
  write_json(text, ex);
  return json::parse(text);
}

std::string to_json_string(const Explanation& ex, int indent) {
  std::string text;
  write_json(text, ex);
  if (indent < 0) return text;
  return json::parse(text).dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace tapegrad
