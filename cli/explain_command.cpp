// SPDX-License-Identifier: MIT
// `tapegrad explain EXPR --at ...`: records the objective on a checked, tracing tape and prints
// explain's step-by-step chain rule (autodiff/explain/) as text, Markdown, JSON, DOT or a class page.
// With --data, one row's loss is explained step by step and the rest is a table of the rows' losses
// and partials with their mean (or sum): the whole tape of every row would be unreadable, and
// quadratic.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "autodiff/explain/all.hpp"
#include "autodiff/tape.hpp"
#include "cli/commands.hpp"
#include "cli/explain_recording.hpp"
#include "cli/json_output.hpp"
#include "cli/number_format.hpp"
#include "cli/usage_error.hpp"
#include "i18n/i18n.hpp"

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

// --row K: which data row to explain (0-based); the first without --row.
std::size_t chosen_row(const ExplainCommandOptions& options, const CsvTable* data) {
  if (options.row.empty()) return 0;
  if (data == nullptr)
    throw UsageError(trf("--row {}: there are rows only with --data; give the CSV file with "
                                 "--data FILE.csv, or leave --row out",
                                 options.row));
  const std::optional<long long> k = whole_number(options.row);
  if (!k || *k < 1 || static_cast<unsigned long long>(*k) > data->rows())
    throw UsageError(trf(trn("--row {}: {} has {} data row; give a row number from 1 to {} (rows are "
                             "counted from 1, the first line after the header)",
                             "--row {}: {} has {} data rows; give a row number from 1 to {} (rows are "
                             "counted from 1, the first line after the header)",
                             data->rows()),
                         options.row, data->source(), data->rows(), data->rows()));
  return static_cast<std::size_t>(*k - 1);
}

// The first and last few rows are listed in the table, all of them up to this many.
constexpr std::size_t listed_at_each_end = 5;

// Row r's loss and its partials with respect to the parameters, on a tape of its own.
RowTerm row_term(const Problem& problem, std::size_t r) {
  Tape tape({.checked = true});
  auto scope = tape.activate();
  const ExplainRecording recording = record_for_explain(problem, tape, r);
  RowTerm term{.row = r + 1, .values = recording.row_values, .loss = recording.loss.value(), .partials = {}};
  if (!recording.loss.is_recorded()) {  // this row's loss does not depend on the parameters
    term.partials.assign(recording.parameters.size(), 0.0);
    return term;
  }
  const Adjoints<double> adjoints = tape.backward(recording.loss);
  for (const Var& p : recording.parameters) term.partials.push_back(adjoints[p]);
  return term;
}

// The sum that the explained row `row` is one term of: the listed rows' terms and the objective's
// value and gradient over all rows, as `grad --data` computes them (column-at-a-time, linear).
OverRows over_rows(const Problem& problem, const ExplainRecording& recording, std::size_t row,
                   const std::string& name) {
  const CsvTable& data = *problem.data();
  const std::size_t n = data.rows();
  OverRows o;
  o.name = name;
  o.row = row + 1;
  o.count = n;
  o.source = data.source();
  o.columns = recording.columns;
  o.mean = problem.objective().reduce() == Reduce::mean;
  for (const Binding& b : problem.point().bindings()) o.parameters.push_back(b.name);
  std::vector<std::size_t> listed{row};
  for (std::size_t r = 0; r < n; ++r) {
    if (r == listed_at_each_end && n > 2 * listed_at_each_end) r = n - listed_at_each_end;
    listed.push_back(r);
  }
  std::sort(listed.begin(), listed.end());
  listed.erase(std::unique(listed.begin(), listed.end()), listed.end());
  for (std::size_t r : listed) o.listed.push_back(row_term(problem, r));
  Eigen::VectorXd gradient;
  const std::vector<double> x = problem.point().values();
  o.value = problem.value_and_gradient(Eigen::Map<const Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size())),
                                       gradient);
  o.gradient.assign(gradient.begin(), gradient.end());
  const double scale = o.mean ? static_cast<double>(n) : 1.0;
  o.loss_sum = o.value * scale;
  for (double g : o.gradient) o.partial_sums.push_back(g * scale);
  return o;
}

}  // namespace

int run_explain(const ExplainCommandOptions& options, std::ostream& out) {
  const Problem problem(options.common);
  if (problem.point().empty())
    throw UsageError(tr("explain needs at least one variable to differentiate with respect to: "
                        "give it with --at, e.g. --at x=1"));

  const std::size_t row = chosen_row(options, problem.data());

  // trace keeps the constant operands, so explain can print `4 · x`.
  Tape tape({.checked = true, .trace = true});
  auto scope = tape.activate();
  const ExplainRecording recording = record_for_explain(problem, tape, row);
  // Over data the explained loss is the row's term, loss_K; the objective keeps the loss name.
  // One row is the whole objective (its mean and its sum), explained as f itself.
  const std::string& name = options.common.loss_name;
  const bool over_data = problem.data() != nullptr && problem.data()->rows() > 1;
  const std::string loss_name = over_data ? fmt::format("loss_{}", row + 1) : name;
  const Var& f = recording.loss;
  const auto no_parameter = [&] {
    return UsageError(problem.point().bindings().size() == 1
                          ? tr("the expression does not depend on the --at variable: there is no chain "
                               "rule to explain")
                          : tr("the expression does not depend on any --at variable: there is no chain "
                               "rule to explain"));
  };
  if (!f.is_recorded()) throw no_parameter();
  Explanation ex = explain(tape, f,
                           {.loss_name = loss_name,
                            .precision = options.precision,
                            .max_nodes = options.max_nodes,
                            .expression = shown_expression(problem.expression().text()),
                            .given = recording.given,
                            .spellings = spellings_of(problem.expression())});
  // Given values are inputs on this tape: the loss may depend on them alone.
  if (std::none_of(ex.gradient.begin(), ex.gradient.end(),
                   [](const GradientEntry& g) { return g.reaches_loss; }))
    throw no_parameter();
  if (over_data) ex.over_rows = over_rows(problem, recording, row, name);
  std::string point = problem.describe_point(problem.point().values());
  std::string columns;
  for (std::size_t c = 0; c < recording.columns.size(); ++c)
    columns += fmt::format("{}{} = {}", c == 0 ? "" : ", ", recording.columns[c],
                           format_number(recording.row_values[c]));
  if (!columns.empty())
    point = !problem.constants().bindings().empty() ? point + ", " + columns
            : point.empty()                         ? columns
                                                    : trf("{}; with {}", point, columns);
  if (over_data) {
    const std::size_t rows = problem.data()->rows();
    point += trf(trn("; row {} of the {} row of {}", "; row {} of the {} rows of {}", rows), row + 1, rows,
                 problem.data()->source());
  }
  const DotOptions dot_options{.ascii = options.ascii,
                               .title = trf("{} at {}", loss_name + " = " + options.common.expression, point),
                               .products = options.products};

  if (!options.graph.empty()) {
    const bool png = options.graph.ends_with(".png");
    if (!png && !options.graph.ends_with(".svg"))
      throw UsageError(trf("--graph {}: the file name must end in .svg or .png",
                                   options.graph));
    try {
      save_graph(to_dot(ex, dot_options), png ? GraphFormat::png : GraphFormat::svg, options.graph);
    } catch (const GraphvizError&) {
      // The library's advice names its C++ function to_dot; the command's way is --format dot.
      if (graphviz_available()) throw;
      throw GraphvizError(tr("cannot run Graphviz's `dot`: install it (Debian: apt-get install "
                             "graphviz), or write the DOT text with --format dot and render it "
                             "elsewhere"));
    }
  }

  const std::string format = options.common.json ? "json" : options.format;
  if (format == "json") {
    // {"expression", "at", ..., "explanation"}: the problem's object, with the explanation streamed
    // into its end (write_json) rather than built as a document of 10⁷ values.
    std::string head = dump(problem_json(problem));
    head.pop_back();  // the closing brace; the object is never empty (it has "expression")
    out << head << ",\"explanation\":";
    write_json(out, ex);
    out << "}\n";
  } else if (format == "markdown") {
    write_markdown(out, ex);
  } else if (format == "html") {
    write_html(out, ex, {.expression = options.common.expression, .point = point});
  } else if (format == "dot") {
    out << to_dot(ex, dot_options);
  } else {
    write_text(out, ex, {.ascii = options.ascii});
  }
  return 0;
}

}  // namespace tapegrad::cli
