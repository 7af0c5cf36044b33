// SPDX-License-Identifier: MIT
// `tapegrad grad EXPR --at x=1,y=2`: records the objective on a checked tape, sweeps backward
// once, and prints the value and the partial derivative with respect to every parameter.
#include <fmt/format.h>

#include <algorithm>

#include "autodiff/tape.hpp"
#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/number_format.hpp"
#include "cli/text_table.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad::cli {

int run_grad(const CommonOptions& options, std::ostream& out) {
  const Problem problem(options);
  const std::vector<std::string> names = problem.point().names();
  const std::vector<double> at = problem.point().values();

  // Over --data, column-at-a-time (Objective::value_and_gradient); else on a checked tape.
  double value = 0.0;
  std::vector<double> gradient;
  if (problem.data() != nullptr) {
    Eigen::VectorXd g;
    value = problem.value_and_gradient(
        Eigen::Map<const Eigen::VectorXd>(at.data(), static_cast<Eigen::Index>(at.size())), g);
    gradient.assign(g.data(), g.data() + g.size());
  } else {
    Tape tape({.checked = true, .trace = true});
    auto scope = tape.activate();
    std::vector<Var> parameters;
    const Var f = problem.record(tape, at, parameters);
    const Adjoints<double> adjoints = tape.backward(f);
    for (const Var& p : parameters) gradient.push_back(adjoints[p]);
    value = f.value();
  }

  if (options.json) {
    Json j = problem_json(problem);
    j["value"] = value;
    j["gradient"] = named_values(names, gradient);
    out << dump(j) << '\n';
    return 0;
  }

  const std::string& L = options.loss_name;
  out << L << " = " << shorten(problem.expression().text(), 200) << '\n';
  if (problem.data() != nullptr) out << "  " << problem.describe_data() << '\n';
  if (!names.empty() || !problem.constants().empty())
    out << trf("at {}", problem.describe_point(at)) << '\n';
  out << '\n';
  std::size_t width = 1;
  width = std::max(width, display_width(L));
  for (const auto& name : names) width = std::max(width, display_width(name) + display_width(L) + 3);  // ∂f/∂name
  out << L << std::string(width - display_width(L), ' ') << " = " << format_number(value) << '\n';
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string label = "∂" + L + "/∂" + names[i];
    out << label << std::string(width - display_width(label), ' ') << " = "
        << format_number(gradient[i]) << '\n';
  }
  for (const std::string& name : problem.objective().unused_parameters())
    out << trf("({0} does not use {1}, so ∂{0}/∂{1} = 0)", L, name) << '\n';
  return 0;
}

}  // namespace tapegrad::cli
