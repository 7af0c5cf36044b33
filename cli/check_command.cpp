// SPDX-License-Identifier: MIT
// `tapegrad check EXPR --at ... --grad x=HANDEXPR ...`: compares hand-derived partials, written
// as expressions, with the tape's (and the tape's with finite differences) through the gradient
// checker (autodiff/check/gradient_check.hpp), which also says how a wrong partial is wrong.
#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "autodiff/expression/parser.hpp"
#include "autodiff/check/gradient_check.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var_ops.hpp"
#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/number_format.hpp"
#include "cli/usage_error.hpp"

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
    throw UsageError("check needs at least one hand-derived partial: --grad NAME=EXPR, e.g. "
                     "--grad x='2*x - 4'");
  const std::vector<std::string> names = problem.point().names();
  std::vector<HandPartialSpec> hands;
  for (const std::string& spec : specs) {
    const std::size_t eq = spec.find('=');
    if (eq == std::string::npos)
      throw UsageError(fmt::format("--grad '{}': write NAME=EXPR, e.g. --grad x='2*x - 4'", spec));
    std::string name = spec.substr(0, eq);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end())
      throw UsageError(fmt::format("--grad '{}': '{}' is not a parameter; the partials are taken "
                                   "with respect to the --at variables ({})",
                                   spec, name, fmt::join(names, ", ")));
    for (const auto& h : hands)
      if (h.name == name) throw UsageError(fmt::format("--grad: '{}' is given twice", name));
    HandPartialSpec hand{name, spec.substr(eq + 1), static_cast<std::size_t>(it - names.begin()),
                         {}, std::nullopt};
    try {
      hand.expression = parse_expression(hand.text);
    } catch (const ParseError& e) {
      throw UsageError(fmt::format("--grad {}=...: the hand-derived partial is not a valid "
                                   "expression: {}",
                                   name, e.what()));
    }
    hands.push_back(std::move(hand));
  }
  for (auto& h : hands) {
    try {
      h.objective.emplace(problem.objective_for(h.expression));
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--grad {}=...: {}", h.name, e.what()));
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
    if (hand.objective->data() != nullptr)  // column-at-a-time over the rows
      return hand.objective->value(std::span<const double>(x.data(), static_cast<std::size_t>(x.size())));
    return hand.objective->record(constants).value();
  } catch (const DomainError& e) {
    throw DomainError(e.op(), e.inputs(),
                      fmt::format("{} — in the hand-derived --grad {}={}", e.problem(), hand.name,
                                  hand.text));
  }
}

}  // namespace

int run_check(const CheckCommandOptions& options, std::ostream& out) {
  const Problem problem(options.common);
  if (problem.point().empty())
    throw UsageError("check needs the point: give the variables with --at, e.g. --at x=1");
  const std::vector<std::string> names = problem.point().names();
  const std::vector<HandPartialSpec> hands = parse_hand_partials(problem, options.grads);

  // The objective on a checked tape at the --at point first: a domain error there is exit 3.
  if (problem.data() != nullptr) {
    problem.objective().value(problem.point().values());
  } else {
    Tape tape({.checked = true});
    auto scope = tape.activate();
    std::vector<Var> parameters;
    problem.record(tape, problem.point().values(), parameters);
  }

  const std::vector<double> at = problem.point().values();
  const Eigen::VectorXd x0 = Eigen::Map<const Eigen::VectorXd>(at.data(), static_cast<Eigen::Index>(at.size()));
  std::vector<Eigen::VectorXd> points{x0};
  if (options.points > 1) {
    const Eigen::VectorXd r = Eigen::VectorXd::Constant(x0.size(), options.radius);
    const auto extra = random_points(
        {.lower = x0 - r, .upper = x0 + r, .count = options.points - 1, .seed = options.seed});
    points.insert(points.end(), extra.begin(), extra.end());
  }
  for (const auto& hand : hands)
    for (const auto& x : points) hand_value(hand, x);

  CheckedFunction f;
  const Objective& objective = problem.objective();
  if (problem.data() != nullptr) {
    // Over --data: column-at-a-time (the diagnosis then cannot name inner expressions per row).
    const auto span = [](const Eigen::VectorXd& x) {
      return std::span<const double>(x.data(), static_cast<std::size_t>(x.size()));
    };
    f.value_and_gradient = [&objective, span](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
      return objective.value_and_gradient(span(x), g);
    };
    f.value = [&objective, span](const Eigen::VectorXd& x) { return objective.value(span(x)); };
  } else {
    f.record = [&objective](const VectorXv<>& x) {
      std::vector<Var> p(x.data(), x.data() + x.size());
      return objective.record(p);
    };
  }
  f.hand_partials.resize(names.size());
  for (const auto& hand : hands)
    f.hand_partials[hand.index] = [&hand](const Eigen::VectorXd& x) { return hand_value(hand, x); };

  GradientCheckOptions check_options;
  check_options.hand.rtol = options.rtol;
  check_options.hand.atol = options.atol;
  check_options.finite_differences = !options.no_fd;
  check_options.names = names;
  if (problem.data() != nullptr) check_options.sample_count = static_cast<double>(problem.data()->rows());
  const GradientCheckReport report = check_gradient(f, points, check_options);

  // The verdict: every hand-derived partial agrees with the tape's at every point.
  bool ok = true;
  for (const auto& row : report.rows)
    if (row.verdict == Verdict::hand_mismatch || row.verdict == Verdict::hand_and_fd_mismatch) ok = false;

  if (options.common.json) {
    Json j = problem_json(problem);
    j["ok"] = ok;
    Json partials = Json::object();
    for (const auto& hand : hands) {
      const GradientCheckRow& row = report.row(0, hand.index);
      bool component_ok = true;
      for (std::size_t p = 0; p < points.size(); ++p) {
        const Verdict v = report.row(p, hand.index).verdict;
        if (v == Verdict::hand_mismatch || v == Verdict::hand_and_fd_mismatch) component_ok = false;
      }
      Json entry = {{"hand_expression", hand.text}, {"ad", row.ad},   {"hand", row.hand},
                    {"abs_error", row.abs_error},   {"rel_error", row.rel_error},
                    {"ok", component_ok},           {"verdict", std::string(to_string(row.verdict))}};
      if (check_options.finite_differences) entry["fd"] = row.fd;
      const Diagnosis* d = report.diagnosis(hand.index);
      entry["diagnosis"] = d != nullptr ? Json(d->message) : Json(nullptr);
      partials[hand.name] = entry;
    }
    j["partials"] = partials;
    Json diagnoses = Json::array();
    for (const Diagnosis& d : report.diagnoses)
      diagnoses.push_back({{"name", d.name}, {"kind", std::string(to_string(d.kind))}, {"message", d.message}});
    j["diagnoses"] = diagnoses;
    j["report"] = Json::parse(to_json(report).dump());
    out << dump(j) << '\n';
    return ok ? exit_ok : exit_mismatch;
  }

  out << "f = " << problem.expression().text() << '\n';
  if (problem.data() != nullptr) out << "  " << problem.describe_data() << '\n';
  out << "at " << problem.describe_point(at) << '\n';
  for (const auto& hand : hands) out << "hand-derived ∂f/∂" << hand.name << " = " << hand.text << '\n';
  out << '\n' << to_text(report);
  if (ok)
    out << "\nOK: every hand-derived partial matches the tape's.\n";
  else
    out << "\nMISMATCH: at least one hand-derived partial is wrong (see above).\n";
  return ok ? exit_ok : exit_mismatch;
}

}  // namespace tapegrad::cli
