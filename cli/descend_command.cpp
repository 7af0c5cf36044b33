// SPDX-License-Identifier: MIT
// `tapegrad descend EXPR --at w=0 --lr 0.1 --steps 3`: runs the optim module's minimise loop on
// the objective (each evaluation recorded on a checked tape and swept backward) and prints the
// lessons' table: step, parameters, value, gradient — record k holds the parameters after k
// updates.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include "autodiff/i18n.hpp"
#include "autodiff/tape.hpp"
#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/descent_diagnosis.hpp"
#include "cli/descent_table.hpp"
#include "cli/interrupt.hpp"
#include "cli/json_output.hpp"
#include "cli/number_format.hpp"
#include "cli/printed_records.hpp"
#include "cli/text_table.hpp"
#include "cli/usage_error.hpp"
#include "optim/optim.hpp"

namespace tapegrad::cli {
namespace {

// The optimizer named on the command line, with the options given (the optimizer's own defaults,
// from the papers, for the rest).
std::unique_ptr<optim::Optimizer> make_optimizer(const DescendCommandOptions& o) {
  const auto lr = [&](double fallback) { return o.learning_rate.value_or(fallback); };
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

}  // namespace

int run_descend(const DescendCommandOptions& options, std::ostream& out) {
  const Problem problem(options.common);
  if (problem.point().empty())
    throw UsageError(tr("descend needs the starting point of the parameters: --at w=0, for example"));
  const std::vector<std::string> names = problem.point().names();
  const std::vector<double> at = problem.point().values();

  // Each evaluation records the objective on one reused, checked tape, or, with --data, evaluates
  // it column-at-a-time over the rows (and the other MPI ranks' rows). A domain error at the
  // starting point is the user's to fix (exit 3); one at a later point means the descent left
  // the domain, which the loop reports as divergence (a NaN loss), with the error as a note.
  auto tape = std::make_shared<Tape>(TapeOptions{.checked = true});
  std::size_t evaluations = 0;
  std::optional<std::string> domain_note;
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
      if (!domain_note) domain_note = e.what();
      grad.setConstant(std::numeric_limits<double>::quiet_NaN());
      return std::numeric_limits<double>::quiet_NaN();
    }
  };

  std::unique_ptr<optim::Optimizer> optimizer = make_optimizer(options);
  // Opened before the run, so an unwritable path fails at once rather than after a long run.
  std::optional<optim::HistoryCsvWriter> history_file;
  if (!options.history.empty()) history_file.emplace(options.history);
  const std::size_t shown = history_file ? shown_with_history : std::numeric_limits<std::size_t>::max();
  PrintedRecords printed({.every = options.common.json ? 1 : options.every, .head = shown, .tail = shown});
  // Under mpirun each rank would stop at its own step and the others would wait for it for ever,
  // so Ctrl-C keeps its default there: it ends every rank.
  std::optional<InterruptScope> interrupt;
  if (options.common.shards <= 1) interrupt.emplace();

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
  };
  if (interrupt) minimize_options.interrupted = [&] { return interrupt->interrupted(); };
  minimize_options.progress = true;
  const Eigen::VectorXd x0 = Eigen::Map<const Eigen::VectorXd>(at.data(), static_cast<Eigen::Index>(at.size()));
  const optim::MinimizeResult result = optim::minimize(objective, x0, *optimizer, minimize_options);
  if (history_file) history_file->finish();
  const std::vector<optim::StepRecord> shown_records = printed.records();
  const std::vector<DescentWarning> warnings = descent_warnings(problem, result, optimizer->learning_rate());

  if (options.common.json) {
    Json j = problem_json(problem);
    j["optimizer"] = {{"name", std::string(optimizer->name())},
                      {"learning_rate", optimizer->learning_rate()},
                      {"schedule", minimize_options.schedule.description()}};
    Json steps = Json::array();
    for (const optim::StepRecord& r : shown_records) {
      steps.push_back({{"step", r.step},
                       {"params", named_values(names, to_vector(r.params))},
                       {"value", r.value},
                       {"gradient", named_values(names, to_vector(r.gradient))}});
    }
    j["steps"] = steps;
    // Records left out between the first and the last ones shown (all are in the --history file).
    j["steps_omitted"] = printed.omitted();
    j["stop"] = {{"kind", std::string(kind_name(result.stop.kind))},
                 {"rule", result.stop.rule},
                 {"message", stop_sentence(result, options, minimize_options.divergence)}};
    if (domain_note) j["stop"]["domain_error"] = *domain_note;
    j["result"] = {{"params", named_values(names, to_vector(result.x))}, {"value", result.value}};
    j["evaluations"] = result.evaluations;
    j["warnings"] = Json::array();
    for (const DescentWarning& w : warnings) j["warnings"].push_back({{"kind", w.kind}, {"message", w.message}});
    out << dump(j) << '\n';
    return exit_code(result);
  }

  out << options.common.loss_name << " = " << shorten(problem.expression().text(), 200) << '\n';
  if (problem.data() != nullptr) out << "  " << problem.describe_data() << '\n';
  const std::string_view name = optimizer->name();
  out << fmt::format(fmt::runtime(tr("{} from {}, learning rate {}{}, at most {}")),
                     name == "gd" ? std::string_view(tr("gradient descent")) : name,
                     problem.describe_point(at), format_number(optimizer->learning_rate()),
                     minimize_options.schedule.description() == "constant"
                         ? ""
                         : " (" + minimize_options.schedule.description() + ")",
                     count_of(options.steps, "{} step", "{} steps"));
  out << "\n\n";

  const DescentTable table = descent_table(shown_records,
                                           {.names = names,
                                            .loss_name = options.common.loss_name,
                                            .show_update = options.optimizer == "gd",
                                            .precision = options.precision,
                                            .every = options.every,
                                            .gap_after = printed.gap_after()});
  if (options.format == "markdown")
    print_markdown(table, out);
  else
    print_text(table, out);
  if (printed.omitted() > 0)
    out << fmt::format(fmt::runtime(tr("({} not shown; every record is in {})")),
                       count_of(printed.omitted(), "{} record", "{} records"), options.history)
        << '\n';
  out << '\n'
      << fmt::format(fmt::runtime(tr("stopped ({}): {}")), kind_word(result.stop.kind),
                     stop_sentence(result, options, minimize_options.divergence))
      << '\n';
  if (domain_note) out << fmt::format(fmt::runtime(tr("the last step left the domain: {}")), *domain_note) << '\n';
  for (const DescentWarning& w : warnings) out << fmt::format(fmt::runtime(tr("warning: {}")), w.message) << '\n';
  return exit_code(result);
}

}  // namespace tapegrad::cli
