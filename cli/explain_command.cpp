// SPDX-License-Identifier: MIT
// `tapegrad explain EXPR --at ...`: records the objective on a checked, tracing tape and prints
// explain's step-by-step chain rule (autodiff/explain/) as text, Markdown, JSON, DOT or a class page.
#include <fmt/format.h>

#include <algorithm>

#include "autodiff/explain/all.hpp"
#include "autodiff/tape.hpp"
#include "cli/commands.hpp"
#include "cli/explain_recording.hpp"
#include "cli/json_output.hpp"
#include "cli/usage_error.hpp"

namespace tapegrad::cli {

namespace {
// The header shows the expression itself; its named parts (`u := 3*x + 5;`) are in the table.
std::string shown_expression(const std::string& text) {
  const std::size_t semicolon = text.rfind(';');
  if (semicolon == std::string::npos) return text;
  std::string last = text.substr(semicolon + 1);
  while (!last.empty() && last.front() == ' ') last.erase(0, 1);
  return last;
}
}  // namespace

int run_explain(const ExplainCommandOptions& options, std::ostream& out) {
  const Problem problem(options.common);
  if (problem.point().empty())
    throw UsageError("explain needs at least one variable to differentiate with respect to: "
                     "give it with --at, e.g. --at x=1");

  // trace keeps the constant operands, so explain can print `4 · x`.
  Tape tape({.checked = true, .trace = true});
  auto scope = tape.activate();
  const ExplainRecording recording = record_for_explain(problem, tape);
  const Var& f = recording.loss;
  const auto no_parameter = [&] {
    return UsageError(fmt::format("the expression does not depend on {}: there is no chain rule to "
                                  "explain",
                                  problem.point().bindings().size() == 1 ? "the --at variable"
                                                                         : "any --at variable"));
  };
  if (!f.is_recorded()) throw no_parameter();
  const Explanation ex = explain(tape, f,
                                 {.loss_name = options.common.loss_name,
                                  .precision = options.precision,
                                  .max_nodes = options.max_nodes,
                                  .expression = shown_expression(problem.expression().text()),
                                  .given = recording.given,
                                  .spellings = spellings_of(problem.expression())});
  // Given values are inputs on this tape: the loss may depend on them alone.
  if (std::none_of(ex.gradient.begin(), ex.gradient.end(),
                   [](const GradientEntry& g) { return g.reaches_loss; }))
    throw no_parameter();
  const std::string data = problem.describe_data();
  const std::string point =
      problem.describe_point(problem.point().values()) + (data.empty() ? "" : "; " + data);
  const DotOptions dot_options{.ascii = options.ascii,
                               .title = options.common.loss_name + " = " +
                                        options.common.expression + " at " + point,
                               .products = options.products};

  if (!options.graph.empty()) {
    const bool png = options.graph.ends_with(".png");
    if (!png && !options.graph.ends_with(".svg"))
      throw UsageError(fmt::format("--graph {}: the file name must end in .svg or .png",
                                   options.graph));
    save_graph(to_dot(ex, dot_options), png ? GraphFormat::png : GraphFormat::svg,
               options.graph);
  }

  const std::string format = options.common.json ? "json" : options.format;
  if (format == "json") {
    Json j = problem_json(problem);
    j["explanation"] = to_json(ex);
    out << dump(j) << '\n';
  } else if (format == "markdown") {
    out << to_markdown(ex);
  } else if (format == "html") {
    out << to_html(ex, {.expression = options.common.expression, .point = point});
  } else if (format == "dot") {
    out << to_dot(ex, dot_options);
  } else {
    out << to_text(ex, {.ascii = options.ascii});
  }
  return 0;
}

}  // namespace tapegrad::cli
