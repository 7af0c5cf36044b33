// SPDX-License-Identifier: MIT
// The JSON form of an explanation (see json.hpp and docs/explain.md for the schema).
#include "autodiff/explain/json.hpp"

#include <cmath>

#include "autodiff/op_rules.hpp"

namespace tapegrad {

namespace {

using nlohmann::json;

// JSON has no NaN or infinity: those become null rather than invalid output.
json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

json node_ref(NodeIndex node, const std::string& name) {
  return json{{"node", node}, {"name", name}};
}

json forward_json(const ForwardStep& s) {
  json operands = json::array();
  for (const auto& o : s.operands) {
    if (o.node == no_node)
      operands.push_back({{"constant", true}, {"value", number(o.value)}});
    else
      operands.push_back({{"constant", false}, {"node", o.node}, {"name", o.text},
                          {"value", number(o.value)}});
  }
  json j{{"step", s.step},
         {"node", s.node},
         {"name", s.name},
         {"generated_name", s.generated_name},
         {"op", std::string(info(s.op).name)},
         {"operation", s.operation},
         {"operands", std::move(operands)},
         {"value", number(s.value)},
         {"reaches_loss", s.reaches_loss}};
  if (!s.block.empty()) j["block"] = s.block;
  if (!s.formula.empty()) j["formula"] = s.formula;
  if (s.given) j["given"] = true;
  return j;
}

json backward_json(const BackwardStep& s) {
  json terms = json::array();
  for (const auto& t : s.terms) {
    json term = node_ref(t.from, t.from_name);
    term["product"] = number(t.product);
    term["vector_jacobian"] = t.vector_jacobian;
    if (!t.vector_jacobian) {
      term["adjoint"] = number(t.adjoint);
      term["partial"] = number(t.partial);
    }
    terms.push_back(std::move(term));
  }
  json partials = json::array();
  for (const auto& p : s.partials) {
    json e = node_ref(p.input, p.input_name);
    e["product"] = number(p.product);
    e["vector_jacobian"] = p.vector_jacobian;
    if (p.vector_jacobian) {
      e["rule"] = p.rule;
    } else {
      e["rule"] = p.rule;
      e["rule_simplified"] = p.rule_simplified;
      e["rule_symbols"] = p.rule_symbols;
      if (!p.rule_inputs.empty()) e["rule_inputs"] = p.rule_inputs;
      e["rule_numbers"] = p.rule_numbers;
      e["cases"] = p.cases;
      e["partial"] = number(p.partial);
      e["adjoint"] = number(p.adjoint);
    }
    partials.push_back(std::move(e));
  }
  json j{{"step", s.step},
         {"node", s.node},
         {"name", s.name},
         {"op", std::string(info(s.op).name)},
         {"adjoint", number(s.adjoint)},
         {"seed", s.seed},
         {"terms", std::move(terms)},
         {"partials", std::move(partials)}};
  if (!s.block.empty()) j["block"] = s.block;
  return j;
}

json gradient_json(const GradientEntry& g) {
  json paths = json::array();
  for (const auto& p : g.paths) {
    json factors = json::array();
    for (const auto& f : p.factors)
      factors.push_back({{"of", node_ref(f.of, f.of_name)},
                         {"wrt", node_ref(f.wrt, f.wrt_name)},
                         {"partial", number(f.partial)}});
    paths.push_back({{"factors", std::move(factors)}, {"product", number(p.product)}});
  }
  return json{{"node", g.node},
              {"name", g.name},
              {"generated_name", g.generated_name},
              {"value", number(g.value)},
              {"gradient", number(g.gradient)},
              {"reaches_loss", g.reaches_loss},
              {"path_count", number(g.path_count)},
              {"through_block", g.through_block},
              {"paths", std::move(paths)}};
}

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

}  // namespace

nlohmann::json to_json(const Explanation& ex) {
  json forward = json::array(), backward = json::array(), gradient = json::array();
  for (const auto& s : ex.forward) forward.push_back(forward_json(s));
  for (const auto& s : ex.backward) backward.push_back(backward_json(s));
  for (const auto& g : ex.gradient) gradient.push_back(gradient_json(g));
  json given = json::array();
  for (const auto& g : ex.given) given.push_back({{"node", g.node}, {"name", g.name}, {"value", number(g.value)}});
  json j{{"schema", explain_json_schema},
         {"expression", ex.expression},
         {"given", std::move(given)},
         {"loss", {{"node", ex.loss}, {"name", ex.loss_name}, {"value", number(ex.loss_value)}}},
         {"forward", std::move(forward)},
         {"backward", std::move(backward)},
         {"gradient", std::move(gradient)}};
  if (ex.over_rows) add_over_rows(j, *ex.over_rows);
  return j;
}

std::string to_json_string(const Explanation& ex, int indent) {
  // Replace invalid UTF-8 in user names rather than throw while printing.
  return to_json(ex).dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace tapegrad
