// SPDX-License-Identifier: MIT
// `tapegrad check EXPR --at ... --grad x=HANDEXPR ...`: a thin layer over the formula checker
// (autodiff/check/formula_check.hpp): reads the options, the data and the hand formulas, refuses
// what is not a number, and prints the library's report as text, Markdown or JSON.
#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <string_view>

#include "autodiff/expression/parser.hpp"
#include "autodiff/check/formula_check.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var_ops.hpp"
#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/number_format.hpp"
#include "cli/usage_error.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {
namespace {

struct HandPartialSpec {
  std::string name;      // the parameter
  std::string text;      // the hand-derived expression as written
  std::size_t index;     // into the parameters
  Expression expression;
  std::optional<Objective> objective;  // the hand expression over the same parameters and data
};

std::vector<HandPartialSpec> parse_hand_partials(const Problem& problem,
                                                 const std::vector<std::string>& specs) {
  if (specs.empty())
    throw UsageError(tr("check needs at least one hand-derived partial: --grad NAME=EXPR, e.g. "
                        "--grad x='2*x - 4'"));
  const std::vector<std::string> names = problem.point().names();
  std::vector<HandPartialSpec> hands;
  for (const std::string& spec : specs) {
    const std::size_t eq = spec.find('=');
    if (eq == std::string::npos)
      throw UsageError(trf("--grad '{}': write NAME=EXPR, e.g. --grad x='2*x - 4'", spec));
    std::string name = spec.substr(0, eq);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end())
      throw UsageError(trf("--grad '{}': '{}' is not a parameter; the partials are taken "
                                   "with respect to the --at variables ({})",
                                   spec, name, fmt::join(names, ", ")));
    for (const auto& h : hands)
      if (h.name == name) throw UsageError(trf("--grad: '{}' is given twice", name));
    HandPartialSpec hand{name, spec.substr(eq + 1), static_cast<std::size_t>(it - names.begin()),
                         {}, std::nullopt};
    try {
      hand.expression = parse_expression(hand.text);
    } catch (const ParseError& e) {
      throw UsageError(trf("--grad {}=...: the hand-derived partial is not a valid "
                                   "expression: {}",
                                   name, e.what()));
    }
    hands.push_back(std::move(hand));
  }
  for (auto& h : hands) {
    try {
      h.objective.emplace(problem.objective_for(h.expression));
    } catch (const UsageError& e) {
      throw UsageError(trf("--grad {}=...: {}", h.name, e.what()));
    }
  }
  return hands;
}

// The hand partial's value at x: evaluated on a checked tape, so a domain error is reported
// (naming the --grad) instead of becoming a NaN that looks like a wrong derivative.
double hand_value(const HandPartialSpec& hand, const Eigen::VectorXd& x) {
  Tape tape({.checked = true});
  auto scope = tape.activate();
  std::vector<Var> constants(x.data(), x.data() + x.size());
  try {
    return hand.objective->record(constants).value();
  } catch (const DomainError& e) {
    throw DomainError(e.op(), e.inputs(),
                      trf("{} — in the hand-derived --grad {}={}", e.problem(), hand.name, hand.text));
  }
}

// A numeric option must be a finite number (CLI11 reads "nan" and "inf" as doubles).
void require_finite(double value, std::string_view option, bool positive) {
  if (!std::isfinite(value) || value < 0.0 || (positive && value == 0.0))
    throw UsageError(positive ? trf("{} {}: give a finite number > 0", option, value)
                              : trf("{} {}: give a finite number ≥ 0", option, value));
}

// The data rows as the checker takes them: only the columns a formula uses.
FormulaData formula_data(const Problem& problem, const std::vector<HandPartialSpec>& hands,
                         Reduce reduce) {
  FormulaData data;
  const CsvTable* table = problem.data();
  if (table == nullptr) return data;
  data.sum = reduce == Reduce::sum;
  std::vector<std::size_t> used;
  for (std::size_t c = 0; c < table->columns().size(); ++c) {
    const std::string& name = table->columns()[c];
    bool uses = problem.expression().variable_index(name).has_value();
    for (const auto& h : hands) uses = uses || h.expression.variable_index(name).has_value();
    if (uses) {
      used.push_back(c);
      data.columns.push_back(name);
    }
  }
  for (std::size_t r = 0; r < table->rows(); ++r) {
    std::vector<double> row;
    for (std::size_t c : used) row.push_back(table->number(r, c));
    data.rows.push_back(std::move(row));
  }
  return data;
}

}  // namespace

namespace {

// --points N: a whole number from 1 to 1000.
std::size_t read_points(const CheckCommandOptions& options) {
  if (options.points_text.empty()) return options.points;
  const std::optional<long long> n = whole_number(options.points_text);
  if (!n || *n < 1 || *n > 1000)
    throw UsageError(trf("--points {}: give a whole number from 1 to 1000",
                                 options.points_text));
  return static_cast<std::size_t>(*n);
}

}  // namespace

int run_check(const CheckCommandOptions& options, std::ostream& out) {
  const std::size_t points = read_points(options);
  require_finite(options.rtol, "--rtol", false);
  require_finite(options.atol, "--atol", false);
  require_finite(options.radius, "--radius", true);
  const Problem problem(options.common);
  if (problem.point().empty())
    throw UsageError(tr("check needs the point: give the variables with --at, e.g. --at x=1"));
  const std::vector<HandPartialSpec> hands = parse_hand_partials(problem, options.grads);

  // The objective and the hand partials on a checked tape at the --at point first: a domain
  // error there is exit 3, naming the --grad.
  {
    Tape tape({.checked = true});
    auto scope = tape.activate();
    std::vector<Var> parameters;
    problem.record(tape, problem.point().values(), parameters);
  }
  const std::vector<double> at = problem.point().values();
  for (const auto& hand : hands)
    hand_value(hand, Eigen::Map<const Eigen::VectorXd>(at.data(), static_cast<Eigen::Index>(at.size())));

  // The check itself is the library's (autodiff/check/formula_check.hpp).
  FormulaProblem formula;
  formula.f = problem.expression();
  for (const auto& b : problem.point().bindings()) formula.parameters.push_back({b.name, b.value});
  for (const auto& b : problem.constants().bindings()) formula.constants.push_back({b.name, b.value});
  formula.data = formula_data(problem, hands, options.common.reduce);
  for (const auto& h : hands) formula.hands.push_back({h.name, h.expression});
  const FormulaCheckReport report = check_hand_gradient(
      formula, {.points = points,
                .radius = options.radius,
                .seed = options.seed,
                .hand = {.rtol = options.rtol, .atol = options.atol, .norm_rtol = 1e-9},
                .finite_differences = !options.no_fd});
  const bool ok = report.gradient.summary.wrong_components.empty();

  const std::string format = options.common.json ? "json" : options.format;
  if (format == "json") {
    Json j = problem_json(problem);
    const Json checked = Json::parse(to_json(report).dump());
    for (const auto& [key, value] : checked.items()) j[key] = value;
    out << dump(j) << '\n';
  } else if (format == "markdown") {
    out << to_markdown(report);
  } else {
    out << "f = " << problem.expression().text() << '\n';
    if (problem.data() != nullptr) out << "  " << problem.describe_data() << '\n';
    out << trf("at {}", problem.describe_point(at)) << '\n';
    for (const auto& hand : hands) out << trf("hand-derived ∂f/∂{} = {}", hand.name, hand.text) << '\n';
    out << '\n' << to_text(report);
    if (ok)
      out << '\n' << tr("OK: every hand-derived partial matches the tape's at every point checked.") << '\n';
    else
      out << '\n' << tr("MISMATCH: at least one hand-derived partial is wrong (see the diagnosis above).") << '\n';
  }
  return ok ? exit_ok : exit_mismatch;
}

}  // namespace tapegrad::cli
