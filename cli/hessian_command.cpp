// SPDX-License-Identifier: MIT
// `tapegrad hessian EXPR --at ...`: lesson 004's second-derivative test from the command line —
// the value, the gradient, the Hessian, its eigenvalues and condition number, and whether the
// point is a minimum, a maximum, a saddle or flat (see second_derivatives.hpp).
#include <fmt/format.h>

#include <cmath>

#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/second_derivatives.hpp"
#include "cli/text_table.hpp"
#include "cli/usage_error.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {
namespace {

std::string number(double x, int precision) {
  if (x == 0.0 || std::abs(x) < 1e-300) return "0";
  return fmt::format("{:.{}g}", x, precision);
}

// What the eigenvalues say about the curvature at any point.
const char* curvature(StationaryPoint kind) {
  switch (kind) {
    case StationaryPoint::minimum: return tr("every eigenvalue is positive (H is positive definite)");
    case StationaryPoint::maximum: return tr("every eigenvalue is negative (H is negative definite)");
    case StationaryPoint::saddle: return tr("the eigenvalues have both signs (H is indefinite)");
    case StationaryPoint::inconclusive: return tr("an eigenvalue is zero (H is singular)");
  }
  return "";
}

// Whole sentences per verdict, so a translation can order the clauses as its language needs.
std::string verdict(const StationaryPointReport& r) {
  const auto say = [&](const char* sentence) {
    return fmt::format(fmt::runtime(tr(sentence)), curvature(r.kind));
  };
  if (!r.is_stationary) return say("the gradient is not zero, so this is not a stationary point; here {}");
  switch (r.kind) {
    case StationaryPoint::minimum: return say("the gradient is zero and {}: a minimum");
    case StationaryPoint::maximum: return say("the gradient is zero and {}: a maximum");
    case StationaryPoint::saddle: return say("the gradient is zero and {}: a saddle point");
    case StationaryPoint::inconclusive:
      return say("the gradient is zero and {}: flat — the second-derivative test cannot decide "
                 "(look at higher derivatives or nearby values)");
  }
  return "";
}

}  // namespace

int run_hessian(const HessianCommandOptions& options, std::ostream& out) {
  const Problem problem(options.common);
  if (problem.point().empty())
    throw UsageError(tr("hessian needs the point and the variables to differentiate: --at x=0, for example"));
  const std::vector<std::string> names = problem.point().names();
  const std::vector<double> at = problem.point().values();
  const StationaryPointReport r = second_derivative_test(problem, at);
  const int prec = options.precision;
  const std::string& L = options.common.loss_name;

  if (options.common.json) {
    Json j = problem_json(problem);
    j["value"] = r.value;
    j["gradient"] = named_values(names, {r.gradient.data(), static_cast<std::size_t>(r.gradient.size())});
    Json rows = Json::array();
    for (Eigen::Index i = 0; i < r.hessian.rows(); ++i) {
      Json row = Json::array();
      for (Eigen::Index k = 0; k < r.hessian.cols(); ++k) row.push_back(r.hessian(i, k));
      rows.push_back(std::move(row));
    }
    j["hessian"] = {{"variables", names}, {"rows", std::move(rows)}};
    j["eigenvalues"] = std::vector<double>(r.eigenvalues.data(), r.eigenvalues.data() + r.eigenvalues.size());
    j["condition_number"] = std::isfinite(r.condition_number) ? Json(r.condition_number) : Json(nullptr);
    j["stationary"] = r.is_stationary;
    j["classification"] = std::string(classification_word(r.kind));
    out << dump(j) << '\n';
    return 0;
  }

  out << L << " = " << shorten(problem.expression().text(), 200) << '\n';
  if (problem.data() != nullptr) out << "  " << problem.describe_data() << '\n';
  out << fmt::format(fmt::runtime(tr("at {}")), problem.describe_point(at)) << "\n\n";
  out << L << " = " << number(r.value, prec) << '\n';
  for (std::size_t i = 0; i < names.size(); ++i)
    out << fmt::format("∂{}/∂{} = {}\n", L, names[i], number(r.gradient[static_cast<Eigen::Index>(i)], prec));
  out << '\n'
      << fmt::format(fmt::runtime(tr("Hessian: the second derivatives ∂²{}/∂a∂b (central differences "
                                     "of the exact gradient)")),
                     L)
      << '\n';
  std::vector<std::string> header{""};
  header.insert(header.end(), names.begin(), names.end());
  TextTable table(header, std::vector<TextTable::Align>(header.size(), TextTable::Align::right));
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::vector<std::string> row{names[i]};
    for (std::size_t k = 0; k < names.size(); ++k)
      row.push_back(number(r.hessian(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)), prec));
    table.add_row(std::move(row));
  }
  table.print(out);
  std::vector<std::string> eigenvalues;
  for (Eigen::Index i = 0; i < r.eigenvalues.size(); ++i) eigenvalues.push_back(number(r.eigenvalues[i], prec));
  out << '\n' << fmt::format(fmt::runtime(tr("eigenvalues: {}")), fmt::join(eigenvalues, ", ")) << '\n';
  out << fmt::format(fmt::runtime(tr("condition number (largest |λ| / smallest |λ|): {}")),
                     std::isfinite(r.condition_number) ? number(r.condition_number, prec) : "∞")
      << '\n';
  out << verdict(r) << '\n';
  return 0;
}

}  // namespace tapegrad::cli
