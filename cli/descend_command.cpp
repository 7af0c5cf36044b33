// SPDX-License-Identifier: MIT
// `tapegrad descend EXPR --at w=0 --lr 0.1 --steps 3`: runs the optim module's minimise loop on
// the objective (each evaluation recorded on a checked tape and swept backward) and prints the
// lessons' table: step, parameters, value, gradient — record k holds the parameters after k
// updates.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <string_view>

#include "autodiff/tape.hpp"
#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/descent_diagnosis.hpp"
#include "cli/descent_page.hpp"
#include "cli/descent_plot.hpp"
#include "cli/descent_table.hpp"
#include "cli/interrupt.hpp"
#include "cli/json_output.hpp"
#include "cli/number_format.hpp"
#include "cli/printed_records.hpp"
#include "cli/text_table.hpp"
#include "cli/usage_error.hpp"
#include "i18n/i18n.hpp"
#include "optim/optim.hpp"

namespace tapegrad::cli {
namespace {

// The optimizer named on the command line, with the options given (the optimizer's own defaults,
// from the papers, for the rest).
std::unique_ptr<optim::Optimizer> make_optimizer(const DescendCommandOptions& o,
                                                 std::optional<double> learning_rate) {
  const auto lr = [&](double fallback) { return learning_rate.value_or(fallback); };
  if (o.optimizer == "gd")
    return std::make_unique<optim::GradientDescent>(
        optim::GradientDescentOptions{.learning_rate = lr(optim::GradientDescentOptions{}.learning_rate)});
  if (o.optimizer == "momentum") {
    optim::MomentumOptions m;
    m.learning_rate = lr(m.learning_rate);
    m.momentum = o.momentum.value_or(m.momentum);
    return std::make_unique<optim::Momentum>(m);
  }
  if (o.optimizer == "nesterov") {
    optim::NesterovOptions m;
    m.learning_rate = lr(m.learning_rate);
    m.momentum = o.momentum.value_or(m.momentum);
    return std::make_unique<optim::Nesterov>(m);
  }
  if (o.optimizer == "adagrad") {
    optim::AdaGradOptions m;
    m.learning_rate = lr(m.learning_rate);
    return std::make_unique<optim::AdaGrad>(m);
  }
  if (o.optimizer == "rmsprop") {
    optim::RmsPropOptions m;
    m.learning_rate = lr(m.learning_rate);
    return std::make_unique<optim::RmsProp>(m);
  }
  if (o.optimizer == "adam") {
    optim::AdamOptions m;
    m.learning_rate = lr(m.learning_rate);
    m.beta1 = o.beta1.value_or(m.beta1);
    m.beta2 = o.beta2.value_or(m.beta2);
    return std::make_unique<optim::Adam>(m);
  }
  if (o.optimizer == "adamw") {
    optim::AdamWOptions m;
    m.learning_rate = lr(m.learning_rate);
    m.beta1 = o.beta1.value_or(m.beta1);
    m.beta2 = o.beta2.value_or(m.beta2);
    m.weight_decay = o.weight_decay.value_or(m.weight_decay);
    return std::make_unique<optim::AdamW>(m);
  }
  if (o.optimizer == "lbfgs") {
    optim::LbfgsOptions m;
    m.learning_rate = lr(m.learning_rate);
    if (o.line_search == "armijo") m.line_search = optim::LineSearchKind::armijo;
    return std::make_unique<optim::Lbfgs>(m);
  }
  throw UsageError(trf("unknown optimizer '{}'", o.optimizer));
}

optim::Schedule make_schedule(const DescendCommandOptions& o) {
  optim::Schedule s;
  if (o.schedule == "step")
    s = optim::schedule::step_decay(o.decay_every, o.gamma.value_or(0.5));
  else if (o.schedule == "exponential")
    s = optim::schedule::exponential(o.gamma.value_or(0.95));
  else if (o.schedule == "cosine")
    s = optim::schedule::cosine(o.steps);
  if (o.warmup > 0) s = optim::schedule::warmup(o.warmup, s);
  return s;
}

optim::StopRule make_stop_rule(const DescendCommandOptions& o) {
  std::vector<optim::StopRule> rules;
  if (o.grad_tol) rules.emplace_back(optim::GradientNormBelow{*o.grad_tol});
  if (o.loss_below) rules.emplace_back(optim::LossBelow{*o.loss_below});
  if (o.step_tol) rules.emplace_back(optim::StepNormBelow{*o.step_tol});
  if (o.loss_change) rules.emplace_back(optim::LossChangeBelow{*o.loss_change});
  if (o.min_delta && !o.patience)
    throw UsageError(tr("--min-delta is the least improvement that --patience counts: give --patience K too"));
  if (o.patience)
    rules.emplace_back(optim::NoImprovement{.patience = *o.patience, .min_delta = o.min_delta.value_or(0.0)});
  if (o.time_limit) rules.emplace_back(optim::TimeBudget{*o.time_limit});
  if (rules.empty()) return {};
  return optim::StopRule::any_of(std::move(rules));
}

std::string_view kind_name(optim::StopReason::Kind kind) {
  switch (kind) {
    case optim::StopReason::Kind::rule: return "rule";
    case optim::StopReason::Kind::max_steps: return "max_steps";
    case optim::StopReason::Kind::diverged: return "diverged";
    case optim::StopReason::Kind::stalled: return "stalled";
    case optim::StopReason::Kind::interrupted: return "interrupted";
  }
  return "unknown";
}

// The stop kind in the text output: the identifier in English (as in the JSON, which keeps it
// in every language, for scripts), a word from the catalogs in Russian and Chinese.
const char* kind_word(optim::StopReason::Kind kind) {
  switch (kind) {
    case optim::StopReason::Kind::rule: return tr("rule");
    case optim::StopReason::Kind::max_steps: return tr("max_steps");
    case optim::StopReason::Kind::diverged: return tr("diverged");
    case optim::StopReason::Kind::stalled: return tr("stalled");
    case optim::StopReason::Kind::interrupted: return tr("interrupted");
  }
  return "unknown";
}

std::string g6(double x) { return fmt::format("{:.6g}", x); }

// Why the loop stopped, in the chosen language: optim's message is English, so the sentence is
// rebuilt from the stop's kind and rule and the records' numbers (the same numbers optim
// printed). A stop this cannot word keeps optim's message.
std::string stop_sentence(const optim::MinimizeResult& result, const DescendCommandOptions& o,
                          const optim::DivergenceOptions& divergence) {
  const optim::StopReason& stop = result.stop;
  if (result.history.empty() || current_language() == "en") return stop.message;
  const std::vector<optim::StepRecord>& h = result.history;
  const optim::StepRecord& r = h.back();
  const auto say = [](const char* sentence, const auto&... args) {
    return fmt::format(fmt::runtime(tr(sentence)), args...);
  };
  using Kind = optim::StopReason::Kind;
  switch (stop.kind) {
    case Kind::max_steps:
      return fmt::format(fmt::runtime(trn("reached the cap of {} step", "reached the cap of {} steps", r.step)),
                         r.step);
    case Kind::interrupted:
      return say("asked to stop after step {} (the loss is {})", r.step, g6(r.value));
    case Kind::stalled:
      return say("the line search could not decrease the loss {} at step {}: a minimum to machine "
                 "precision, or a gradient that does not match the loss",
                 g6(r.value), r.step);
    case Kind::diverged: {
      if (r.step == 0)
        return tr("the loss or its gradient is not finite at the starting point: check the objective "
                  "and the initial parameters");
      if (!std::isfinite(r.value) || !std::isfinite(r.gradient_norm)) {
        const double bad = !std::isfinite(r.value) ? r.value : r.gradient_norm;
        const double before = h.size() >= 2 ? h[h.size() - 2].value : r.value;
        return say(!std::isfinite(r.value)
                       ? "the loss became {} at step {} (the loss was {} at step {}): learning rate too large?"
                       : "the gradient became {} at step {} (the loss was {} at step {}): learning rate too large?",
                   bad, r.step, g6(before), r.step - 1);
      }
      if (h.size() <= divergence.window) return stop.message;
      return fmt::format(fmt::runtime(trn("the loss grew from {} to {} in {} step: learning rate too large?",
                                          "the loss grew from {} to {} in {} steps: learning rate too large?",
                                          divergence.window)),
                         g6(h[h.size() - 1 - divergence.window].value), g6(r.value), divergence.window);
    }
    case Kind::rule: break;
  }
  if (stop.rule == "gradient_norm_below" && o.grad_tol)
    return say("‖∇L‖ = {} ≤ {} at step {}", g6(r.gradient_norm), g6(*o.grad_tol), r.step);
  if (stop.rule == "loss_below" && o.loss_below)
    return say("L = {} ≤ {} at step {}", g6(r.value), g6(*o.loss_below), r.step);
  if (stop.rule == "step_norm_below" && o.step_tol)
    return say("‖x_t − x_(t−1)‖ = {} ≤ {} at step {}", g6(r.step_norm), g6(*o.step_tol), r.step);
  if (stop.rule == "loss_change_below" && o.loss_change && h.size() >= 2)
    return say("|L_t − L_(t−1)| = {} ≤ {} at step {}", g6(std::abs(r.value - h[h.size() - 2].value)),
               g6(*o.loss_change), r.step);
  if (stop.rule == "no_improvement" && o.patience)
    return fmt::format(fmt::runtime(trn("no improvement on the best loss for {} step",
                                        "no improvement on the best loss for {} steps", *o.patience)),
                       *o.patience);
  if (stop.rule == "time_budget" && o.time_limit)
    return say("used the time budget of {} s at step {}", g6(*o.time_limit), r.step);
  return stop.message;
}

std::vector<double> to_vector(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }

// With --history the file has every record, so the output shows the first and the last few and
// memory stays bounded; without it the output is the whole history, as the lessons print it.
constexpr std::size_t shown_with_history = 10;

int exit_code(const optim::MinimizeResult& result) {
  if (result.interrupted()) return exit_interrupted;
  return result.diverged() ? exit_diverged : exit_ok;
}

std::string trimmed(std::string_view s) {
  const std::size_t begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  return std::string(s.substr(begin, s.find_last_not_of(" \t") - begin + 1));
}

// --lr as given: one learning rate, or a comma-separated list of them, each positive and finite.
std::vector<double> parse_learning_rates(const std::optional<std::string>& given) {
  if (!given) return {};  // the optimizer's own
  const std::string text = trimmed(*given);
  std::vector<std::string> pieces;
  for (std::size_t start = 0;;) {
    const std::size_t comma = text.find(',', start);
    pieces.push_back(trimmed(std::string_view(text).substr(start, comma == std::string::npos ? std::string::npos
                                                                                               : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::vector<double> rates;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::string& piece = pieces[i];
    if (piece.empty())
      throw UsageError(trf("--lr {}: a learning rate is missing; give one, such as 0.1, or a list such as "
                           "0.05,0.1,0.9",
                           text));
    char* end = nullptr;
    const double rate = std::strtod(piece.c_str(), &end);
    if (end == piece.c_str() || *end != '\0')
      throw UsageError(trf("--lr {}: '{}' is not a number; give a learning rate such as 0.1, or a list such "
                           "as 0.05,0.1,0.9",
                           text, piece));
    if (!std::isfinite(rate))
      throw UsageError(trf("--lr {}: the learning rate must be a finite number, not '{}'", text, piece));
    if (!(rate > 0.0)) {
      // 0,1 is a decimal comma (0.1) more often than the two rates 0 and 1.
      const bool decimal_comma = pieces.size() == 2 && i == 0 && (piece == "0" || piece == "-0") &&
                                 !pieces[1].empty() &&
                                 pieces[1].find_first_not_of("0123456789") == std::string::npos;
      if (decimal_comma)
        throw UsageError(fmt::format(fmt::runtime(tr("--lr {}: a decimal comma? Write --lr {}.{} (commas "
                                                     "separate several learning rates: --lr 0.05,0.1,0.9)")),
                                     text, piece, pieces[1]));
      throw UsageError(fmt::format(fmt::runtime(tr("--lr {}: the learning rate must be positive, such as 0.1")),
                                   piece));
    }
    if (std::find(rates.begin(), rates.end(), rate) != rates.end())
      throw UsageError(trf("--lr {}: the learning rate {} is given twice", text, piece));
    rates.push_back(rate);
  }
  return rates;
}

// One run of the minimise loop at one learning rate, and what its output needs.
struct Run {
  std::unique_ptr<optim::Optimizer> optimizer;
  std::string schedule;  // the schedule's description: "constant", "cosine over 100 steps", ...
  optim::MinimizeResult result;
  optim::DivergenceOptions divergence;
  std::vector<optim::StepRecord> shown;  // the records printed
  std::size_t omitted = 0;               // records left out of the output (--history has them)
  std::optional<std::size_t> gap_after;
  std::string history;  // this run's --history file, or ""
  std::optional<std::string> domain_note;
  std::vector<DescentWarning> warnings;
  std::vector<optim::StepRecord> all;  // every record, for --plot
};

Run run_once(const Problem& problem, const DescendCommandOptions& options, std::optional<double> learning_rate,
             const std::string& history, const InterruptScope* interrupt, bool keep_all) {
  Run run;
  run.history = history;
  const std::vector<double> at = problem.point().values();

  // Each evaluation records the objective on one reused, checked tape, or, with --data, evaluates
  // it column-at-a-time over the rows (and the other MPI ranks' rows). A domain error at the
  // starting point is the user's to fix (exit 3); one at a later point means the descent left
  // the domain, which the loop reports as divergence (a NaN loss), with the error as a note.
  auto tape = std::make_shared<Tape>(TapeOptions{.checked = true});
  std::size_t evaluations = 0;
  std::vector<Var> parameters;
  const optim::Objective objective = [&](const Eigen::VectorXd& x, Eigen::VectorXd& grad) {
    grad.resize(x.size());
    tape->rewind();
    auto scope = tape->activate();
    const std::vector<double> values = to_vector(x);
    ++evaluations;
    try {
      if (problem.data() != nullptr) return problem.value_and_gradient(x, grad);
      const Var f = problem.record(*tape, values, parameters);
      const Adjoints<double> adjoints = tape->backward(f);
      for (Eigen::Index i = 0; i < x.size(); ++i) grad[i] = adjoints[parameters[i]];
      return f.value();
    } catch (const std::exception& e) {
      if (evaluations == 1) throw;
      if (!dynamic_cast<const DomainError*>(&e) && !dynamic_cast<const DataRowError*>(&e)) throw;
      if (!run.domain_note) run.domain_note = e.what();
      grad.setConstant(std::numeric_limits<double>::quiet_NaN());
      return std::numeric_limits<double>::quiet_NaN();
    }
  };

  run.optimizer = make_optimizer(options, learning_rate);
  // Opened before the run, so an unwritable path fails at once rather than after a long run.
  std::optional<optim::HistoryCsvWriter> history_file;
  if (!history.empty()) history_file.emplace(history);
  const std::size_t shown = history_file ? shown_with_history : std::numeric_limits<std::size_t>::max();
  PrintedRecords printed({.every = options.common.json ? 1 : options.every, .head = shown, .tail = shown});

  optim::MinimizeOptions minimize_options;
  minimize_options.max_steps = options.steps;
  minimize_options.stop = make_stop_rule(options);
  minimize_options.schedule = make_schedule(options);
  minimize_options.divergence.enabled = !options.no_divergence_check;
  // The records are printed (and written) from on_step; the loop keeps only what its rules and
  // the oscillation warning read: the last --patience + 1 records, and at least 8 (the warning
  // looks at the last 6).
  minimize_options.keep_last = std::max<std::size_t>(options.patience.value_or(0) + 1, 8);
  minimize_options.on_step = [&](const optim::StepRecord& r) {
    printed.add(r);
    if (history_file) history_file->write(r);
    if (keep_all) run.all.push_back(r);
  };
  if (interrupt) minimize_options.interrupted = [interrupt] { return interrupt->interrupted(); };
  minimize_options.progress = true;
  const Eigen::VectorXd x0 = Eigen::Map<const Eigen::VectorXd>(at.data(), static_cast<Eigen::Index>(at.size()));
  run.result = optim::minimize(objective, x0, *run.optimizer, minimize_options);
  if (history_file) history_file->finish();
  run.schedule = minimize_options.schedule.description();
  run.divergence = minimize_options.divergence;
  run.shown = printed.records();
  run.omitted = printed.omitted();
  run.gap_after = printed.gap_after();
  run.warnings = descent_warnings(problem, run.result, run.optimizer->learning_rate());
  return run;
}

Json run_json(const Problem& problem, const DescendCommandOptions& options, const Run& run) {
  const std::vector<std::string> names = problem.point().names();
  Json j = problem_json(problem);
  j["optimizer"] = {{"name", std::string(run.optimizer->name())},
                    {"learning_rate", run.optimizer->learning_rate()},
                    {"schedule", run.schedule}};
  Json steps = Json::array();
  for (const optim::StepRecord& r : run.shown) {
    steps.push_back({{"step", r.step},
                     {"params", named_values(names, to_vector(r.params))},
                     {"value", r.value},
                     {"gradient", named_values(names, to_vector(r.gradient))}});
  }
  j["steps"] = steps;
  // Records left out between the first and the last ones shown (all are in the --history file).
  j["steps_omitted"] = run.omitted;
  j["stop"] = {{"kind", std::string(kind_name(run.result.stop.kind))},
               {"rule", run.result.stop.rule},
               {"message", stop_sentence(run.result, options, run.divergence)}};
  if (run.domain_note) j["stop"]["domain_error"] = *run.domain_note;
  j["result"] = {{"params", named_values(names, to_vector(run.result.x))}, {"value", run.result.value}};
  j["evaluations"] = run.result.evaluations;
  j["warnings"] = Json::array();
  for (const DescentWarning& w : run.warnings) j["warnings"].push_back({{"kind", w.kind}, {"message", w.message}});
  return j;
}

// The run's block of the output: what ran, the table, why it stopped, the warnings.
DescentPageRun run_block(const Problem& problem, const DescendCommandOptions& options, const Run& run) {
  DescentPageRun block;
  const std::string_view name = run.optimizer->name();
  block.heading = fmt::format(fmt::runtime(tr("{} from {}, learning rate {}{}, at most {}")),
                              name == "gd" ? std::string_view(tr("gradient descent")) : name,
                              problem.describe_point(problem.point().values()),
                              format_number(run.optimizer->learning_rate()),
                              run.schedule == "constant" ? "" : " (" + run.schedule + ")",
                              count_of(options.steps, "{} step", "{} steps"));
  block.table = descent_table(run.shown, {.names = problem.point().names(),
                                          .loss_name = options.common.loss_name,
                                          .show_update = options.optimizer == "gd",
                                          .precision = options.precision,
                                          .every = options.every,
                                          .gap_after = run.gap_after});
  if (run.omitted > 0)
    block.omitted_note = fmt::format(fmt::runtime(tr("({} not shown; every record is in {})")),
                                     count_of(run.omitted, "{} record", "{} records"), run.history);
  block.lines.push_back(fmt::format(fmt::runtime(tr("stopped ({}): {}")), kind_word(run.result.stop.kind),
                                    stop_sentence(run.result, options, run.divergence)));
  if (run.domain_note)
    block.lines.push_back(fmt::format(fmt::runtime(tr("the last step left the domain: {}")), *run.domain_note));
  for (const DescentWarning& w : run.warnings)
    block.lines.push_back(fmt::format(fmt::runtime(tr("warning: {}")), w.message));
  return block;
}

void print_run(const Problem& problem, const DescendCommandOptions& options, const Run& run, std::ostream& out) {
  const DescentPageRun block = run_block(problem, options, run);
  out << block.heading << "\n\n";
  if (options.format == "markdown")
    print_markdown(block.table, out);
  else
    print_text(block.table, out);
  if (!block.omitted_note.empty()) out << block.omitted_note << '\n';
  out << '\n';
  for (const std::string& line : block.lines) out << line << '\n';
}

// With several learning rates, one line per run after the blocks: where each ended.
DescentTable summary_table(const DescendCommandOptions& options, const std::vector<Run>& runs) {
  const std::string& f = options.common.loss_name;
  DescentTable table{.header = {"η", tr("step"), f, "‖∇" + f + "‖", tr("stopped")}, .rows = {}};
  for (const Run& run : runs) {
    const optim::StepRecord* last = run.result.history.empty() ? nullptr : &run.result.history.back();
    table.rows.push_back({format_number(run.optimizer->learning_rate()), last ? std::to_string(last->step) : "0",
                          last ? g6(last->value) : "", last ? g6(last->gradient_norm) : "",
                          kind_word(run.result.stop.kind)});
  }
  return table;
}

void print_summary(const DescendCommandOptions& options, const std::vector<Run>& runs, std::ostream& out) {
  const DescentTable summary = summary_table(options, runs);
  TextTable table(summary.header, {TextTable::Align::right, TextTable::Align::right, TextTable::Align::right,
                                   TextTable::Align::right, TextTable::Align::left});
  for (const auto& row : summary.rows) table.add_row(row);
  table.print(out);
}

// The loss at a point for the picture's curve or grid: NaN where it is undefined.
double loss_at(const Problem& problem, const Eigen::VectorXd& x) {
  Eigen::VectorXd gradient;
  try {
    return problem.value_and_gradient(x, gradient);
  } catch (const DomainError&) {
    return std::numeric_limits<double>::quiet_NaN();
  } catch (const DataRowError&) {
    return std::numeric_limits<double>::quiet_NaN();
  }
}

// Points per side of the grid of two parameters: 81, fewer for a large --data file (at least 21),
// so that the grid's evaluations times the rows stay near four million.
int grid_points(const Problem& problem) {
  if (problem.data() == nullptr) return 81;
  const double rows = static_cast<double>(std::max<std::size_t>(problem.data()->rows(), 1));
  return std::clamp(static_cast<int>(std::sqrt(4e6 / rows)), 21, 81);
}

// The picture of the runs (--plot): data, script and, with gnuplot, the image.
DescentPlotFiles draw_runs(const Problem& problem, const DescendCommandOptions& options, plot::ImageFormat format,
                           std::vector<Run>& runs, bool take_records = true) {
  DescentPlotRequest request{
      .path = options.plot,
      .format = format,
      .expression = shorten(problem.expression().text(), 80),
      .optimizer = std::string(runs.front().optimizer->name()),
      .schedule = runs.front().schedule,
      .loss_name = options.common.loss_name,
      .names = problem.point().names(),
      .loss = [&problem](const Eigen::VectorXd& x) { return loss_at(problem, x); },
      .grid_points = grid_points(problem),
      // Under mpirun every rank evaluates the grid (each its share of the rows), rank 0 writes.
      .write = options.common.shard == 0};
  if (const CsvTable* data = problem.data())
    request.expression += fmt::format(", the {} over the {} rows of {}",
                                      problem.objective().reduce() == Reduce::mean ? "mean" : "sum", data->rows(),
                                      std::filesystem::path(data->source()).filename().string());
  std::vector<PlottedRun> plotted;
  for (Run& run : runs)
    plotted.push_back({.learning_rate = run.optimizer->learning_rate(),
                       .records = take_records ? std::move(run.all) : run.all,
                       .diverged = run.result.diverged()});
  return plot_descent(request, plotted);
}

}  // namespace

int run_descend(const DescendCommandOptions& options, std::ostream& out, std::ostream& err) {
  // The options that fail without running anything are checked before the expression is.
  const std::vector<double> rates = parse_learning_rates(options.learning_rates);
  std::optional<plot::ImageFormat> plot_format;
  if (!options.plot.empty()) {
    plot_format = descent_plot_format(options.plot);
    if (options.common.shard == 0) check_plot_writable(options.plot);
  }
  const Problem problem(options.common);
  if (problem.point().empty())
    throw UsageError(tr("descend needs the starting point of the parameters: --at w=0, for example"));

  // Under mpirun each rank would stop at its own step and the others would wait for it for ever,
  // so Ctrl-C keeps its default there: it ends every rank.
  std::optional<InterruptScope> interrupt;
  if (options.common.shards <= 1) interrupt.emplace();
  const bool several = rates.size() > 1;
  std::vector<Run> runs;
  std::vector<std::optional<double>> asked;
  if (rates.empty()) asked.push_back(std::nullopt);
  for (double rate : rates) asked.push_back(rate);
  for (const std::optional<double>& rate : asked) {
    const std::string history =
        options.history.empty() || !several ? options.history : with_learning_rate(options.history, *rate);
    runs.push_back(run_once(problem, options, rate, history, interrupt ? &*interrupt : nullptr,
                            !options.plot.empty() || options.format == "html"));
    if (runs.back().result.interrupted()) break;  // Ctrl-C ends the comparison, not only this run
  }

  // The page's own picture, an SVG drawn in a folder of its own and inlined (before --plot's
  // picture, which takes the runs' records).
  std::string page_svg, page_picture_note;
  if (options.format == "html" && options.common.shard == 0) {
    try {
      const plot::TemporaryFolder folder;
      DescendCommandOptions page_options = options;
      page_options.plot = folder.path() + "/descent.svg";
      const DescentPlotFiles drawn = draw_runs(problem, page_options, plot::ImageFormat::svg, runs, false);
      if (drawn.drawing.drawn())
        page_svg = svg_element(plot::read_text(drawn.image));
      else
        page_picture_note = drawn.drawing.note;
    } catch (const plot::PlotError& e) {
      page_picture_note = e.what();
    }
  }
  std::optional<DescentPlotFiles> picture;
  if (plot_format) picture = draw_runs(problem, options, *plot_format, runs);

  if (options.common.json) {
    Json j;
    if (several) {
      j = {{"learning_rates", rates}, {"runs", Json::array()}};
      for (const Run& run : runs) j["runs"].push_back(run_json(problem, options, run));
    } else {
      j = run_json(problem, options, runs.front());
    }
    if (picture) {
      j["plot"] = {{"image", picture->drawing.drawn() ? Json(picture->image) : Json(nullptr)},
                   {"data", picture->data},
                   {"script", picture->script}};
      if (!picture->drawing.drawn()) j["plot"]["note"] = picture->drawing.note;
    }
    out << dump(j) << '\n';
  } else if (options.format == "html") {
    DescentPage page{.language = current_language(),
                     .title = tr("Gradient descent, step by step"),
                     .expression = options.common.loss_name + " = " + problem.expression().text(),
                     .data = problem.data() != nullptr ? problem.describe_data() : "",
                     .svg = page_svg,
                     .picture_note = page_picture_note};
    for (std::size_t i = 0; i < runs.size(); ++i) {
      page.runs.push_back(run_block(problem, options, runs[i]));
      if (several)
        page.run_titles.push_back(fmt::format(fmt::runtime(tr("run {} of {}: learning rate {}")), i + 1,
                                              rates.size(), format_number(runs[i].optimizer->learning_rate())));
    }
    if (several) {
      page.summary = summary_table(options, runs);
      page.summary_title = tr("where each run ended");
    }
    print_descent_page(page, out);
    if (!page_picture_note.empty())
      err << "tapegrad descend: " << fmt::format(fmt::runtime(tr("note: the page has no picture: {}")), page_picture_note)
          << '\n';
  } else {
    out << options.common.loss_name << " = " << shorten(problem.expression().text(), 200) << '\n';
    if (problem.data() != nullptr) out << "  " << problem.describe_data() << '\n';
    for (std::size_t i = 0; i < runs.size(); ++i) {
      if (several)
        out << '\n'
            << fmt::format(fmt::runtime(tr("── run {} of {}: learning rate {} ──")), i + 1, rates.size(),
                           format_number(runs[i].optimizer->learning_rate()))
            << '\n';
      print_run(problem, options, runs[i], out);
    }
    if (several) {
      out << '\n';
      print_summary(options, runs, out);
    }
    if (picture && picture->drawing.drawn()) {
      std::string data;
      for (const std::string& d : picture->data) data += (data.empty() ? "" : ", ") + d;
      out << '\n'
          << fmt::format(fmt::runtime(tr("picture: {} (the data: {}; the gnuplot script: {})")), picture->image,
                         data, picture->script)
          << '\n';
    }
  }

  // The exit code: Ctrl-C first, then a picture asked for and not drawn (the user must notice: the
  // results are printed, the picture is missing), then divergence of any run.
  int code = exit_ok;
  for (const Run& run : runs) code = std::max(code, exit_code(run.result));  // 130 > 5 > 0
  if (picture && !picture->drawing.drawn() && options.common.shard == 0) {
    const std::string message = "--plot " + options.plot + ": " + picture->drawing.note;
    err << "tapegrad descend: " << fmt::format(fmt::runtime(tr("error: {}")), message) << '\n';
    if (code != exit_interrupted)
      code = picture->drawing.status == plot::Drawing::Status::no_gnuplot ? exit_usage : exit_internal;
  }
  return code;
}

}  // namespace tapegrad::cli
