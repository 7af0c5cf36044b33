// SPDX-License-Identifier: MIT
// The command-line interface: CLI11 declares the subcommands and options (and writes --help);
// this file maps each typed error to a message and an exit code, with a JSON error object on
// stdout when --json was asked for.
#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <iostream>
#include <new>
#include <optional>
#include <sstream>
#include <string>

#include "autodiff/explain/explain.hpp"
#include "autodiff/explain/dot.hpp"
#include "autodiff/expression/expression.hpp"
#include "autodiff/expression/parse_error.hpp"
#include "cli/commands.hpp"
#include "csv/csv_error.hpp"
#include "cli/json_output.hpp"
#include "cli/objective.hpp"
#include "cli/parse_error_text.hpp"
#include "cli/usage_error.hpp"
#include "cli/usage_hints.hpp"
#include "cli/point.hpp"
#include "i18n/i18n.hpp"
#include "optim/errors.hpp"
#include "plot/gnuplot.hpp"

namespace tapegrad::cli {
namespace {

constexpr const char* version = "0.1.0";


// The options every command takes.
void add_common_options(CLI::App& command, CommonOptions& options) {
  command
      .add_option("EXPR", options.expression,
                  tr("the expression, e.g. 'x^2 - 4*x + 3'; - reads it from standard input"))
      ->required();
  command
      .add_option("--at", options.at,
                  tr("the parameters and their values, e.g. --at x=5 or --at w0=0,w1=0 (repeatable; "
                  "a value may be a constant expression such as pi/4)"))
      ->type_name("NAME=VALUE,...")
      ->allow_extra_args(false);
  command
      .add_option("--with", options.with,
                  tr("constants: values for variables that are data, not parameters (no partial is "
                  "taken), e.g. --with x=1,y=2"))
      ->type_name("NAME=VALUE,...")
      ->allow_extra_args(false);
  command
      .add_option("--data", options.data,
                  tr("a CSV file whose header names variables; the objective is the mean (see "
                  "--reduce) of EXPR over its rows"))
      ->type_name("FILE.csv");
  command
      .add_option_function<std::string>(
          "--reduce",
          [&options](const std::string& how) {
            options.reduce = how == "sum" ? Reduce::sum : Reduce::mean;
          },
          tr("how --data rows combine: mean (the default) or sum"))
      ->check(CLI::IsMember({"mean", "sum"}).description(""))
      ->type_name("mean|sum");
  command.add_flag("--json", options.json, tr("write one JSON object on stdout instead of text"));
  command.add_option("--name", options.loss_name, tr("what to call the objective in the output (default f; the lessons' loss is L)"))
      ->type_name("NAME")
      ->check(CLI::Validator(
          [](const std::string& name) {
            return is_variable_name(name) ? std::string()
                                          : trf("--name {}: a name is letters, digits and _, such as L", name);
          },
          "", ""));
  command
      .add_option("--threads", options.threads,
                  tr("threads for the --data rows (default: the hardware's); the result is the same "
                  "for any number"))
      ->check(CLI::PositiveNumber.description(""))
      ->type_name("N");
}

// What kind of problem an exception is, its exit code, and the column for a parse error.
struct Failure {
  std::string kind;
  int code;
  std::string message;
  std::size_t column = 0;
};

Failure classify(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const ParseError& e) {
    return {"parse", exit_usage, e.what(), e.column()};
  } catch (const UsageError& e) {
    return {"usage", exit_usage, e.what()};
  } catch (const UnboundVariableError& e) {
    return {"usage", exit_usage, e.what()};
  } catch (const CsvError& e) {
    return {"data", exit_usage, e.what()};
  } catch (const ExpressionDomainError& e) {
    return {"domain", exit_domain, e.what(), e.column()};
  } catch (const DomainError& e) {
    return {"domain", exit_domain, e.what()};
  } catch (const DataRowError& e) {
    return {"domain", exit_domain, e.what()};
  } catch (const ExplainError& e) {
    return {"usage", exit_usage, e.what()};
  } catch (const GraphvizError& e) {
    return {"usage", exit_usage, e.what()};
  } catch (const plot::PlotError& e) {  // a picture's file that cannot be written
    return {"usage", exit_usage, e.what()};
  } catch (const optim::OptimError& e) {  // an optimizer option out of range
    return {"usage", exit_usage, e.what()};
  } catch (const std::bad_alloc&) {
    return {"internal", exit_internal, tr("out of memory")};
  } catch (const std::exception& e) {
    return {"internal", exit_internal, e.what()};
  } catch (...) {
    return {"internal", exit_internal, tr("an unknown error")};
  }
}

// An expression such as -x^2 starts with '-', which CLI11 would take for an option. tapegrad has
// no short option but -h, so an argument that starts with a single '-' (before any `--`) is an
// expression: a leading space makes CLI11 see a positional, and the lexer skips the space.
std::vector<std::string> protect_expressions(int argc, const char* const* argv) {
  std::vector<std::string> args;
  bool after_separator = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") after_separator = true;
    if (!after_separator && arg.size() >= 2 && arg[0] == '-' && arg[1] != '-' && arg != "-h")
      arg.insert(0, " ");
    args.push_back(std::move(arg));
  }
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
  return args;
}

enum class Stage { parse, run };

// run_tapegrad, or with Stage::parse only its parsing and validation of the arguments.
int tapegrad_main(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                  const Launch& launch, Stage stage) {
  CommonOptions grad_options;
  ExplainCommandOptions explain_options;
  CheckCommandOptions check_options;
  DescendCommandOptions descend_options;
  HessianCommandOptions hessian_options;
  CommonOptions* chosen = nullptr;  // the options of the subcommand that ran
  std::string command_name;
  std::function<int()> action;
  std::string language = language_from_environment();
  // CLI11's errors and the validators' messages come during parsing: the language is chosen first.
  const std::vector<std::string> given(argv + std::min(argc, 1), argv + argc);
  if (const std::optional<std::string> asked = language_in(given)) language = *asked;
  set_language(language);

  try {
    // The help follows --lang too: the language was chosen above, before any text is set.
    CLI::App app(tr("tapegrad: exact derivatives of formulas written as text, by reverse-mode automatic\n"
                    "differentiation on a tape. Quote the expression for the shell."),
                 "tapegrad");
    // CLI11's own words in the help (the subcommands share this formatter and copy the help flag's
    // description when they are added).
    const std::shared_ptr<CLI::FormatterBase> formatter = app.get_formatter();
    formatter->label("Usage", tr("Usage"));
    formatter->label("OPTIONS", tr("OPTIONS"));
    formatter->label("SUBCOMMAND", tr("SUBCOMMAND"));
    formatter->label("SUBCOMMANDS", tr("SUBCOMMANDS"));
    formatter->label("Positionals", tr("Positionals"));
    formatter->label("REQUIRED", tr("REQUIRED"));
    formatter->label("Needs", tr("Needs"));
    formatter->label("Excludes", tr("Excludes"));
    formatter->column_width(30);
    app.set_help_flag("-h,--help", tr("Print this help message and exit"));
    app.set_version_flag("--version", version, tr("Display program version information and exit"));
    app.require_subcommand(1);
    app.footer(tr("Examples:\n"
                  "  tapegrad grad 'x^2 - 4*x + 3' --at x=5\n"
                  "  tapegrad grad '(y - (w1*x + w0))^2' --at x=1,y=2,w0=0,w1=0 --json\n"
                  "  tapegrad grad '(y - (w1*x + w0))^2' --data data/icecream.csv --at w0=0,w1=0\n"
                  "  tapegrad explain 'ln(sin((x^2+1)^3))' --at x=1\n"
                  "  tapegrad explain 'u := 3*x + 5; u^2' --at x=0 --name L\n"
                  "  tapegrad check 'sin(2*x)' --at x=0.3 --grad x='cos(2*x)'\n"
                  "  tapegrad hessian '(x^2-1)^2' --at x=0\n"
                  "  tapegrad descend 'x^2 - 4*x + 3' --at x=5 --lr 0.1 --steps 3\n"
                  "\n"
                  "Each command has its own help: tapegrad grad --help.\n"
                  "\n"
                  "Expressions: numbers (3, 0.5, 1e-3), variables, + - * / ^ (also ** and x²), parentheses,\n"
                  "functions such as sin, log (= ln), sqrt, pow(a, b), and the constants pi and e.\n"
                  "\n"
                  "Exit codes: 0 ok, 1 a check failed, 2 bad usage or a malformed expression or CSV file,\n"
                  "3 a domain error at the point (such as log of a negative), 4 an internal error.\n"
                  "See docs/cli.md for the grammar and the JSON output."));
    app.fallthrough();  // --lang may come after the command, as every other option
    app.add_option("--lang", language,
                   tr("the language of the output: en, ru or zh (default: from LANGUAGE / LANG)"))
        ->check(CLI::IsMember({"en", "ru", "zh"}).description(""))
        ->type_name("en|ru|zh");

    CLI::App* grad = app.add_subcommand(
        "grad", tr("the value and the partial derivative with respect to every --at variable"));
    add_common_options(*grad, grad_options);
    // trf, with {{ }} for a brace: the catalogs' test formats every translation with fmt.
    grad->footer(
        trf("Example:\n  tapegrad grad 'x^2 - 4*x + 3' --at x=5\n  prints f = 8 and ∂f/∂x = 6; with "
        "--json: {{\"value\":8.0,\"gradient\":{{\"x\":6.0}},...}}"));
    grad->callback([&] {
      chosen = &grad_options;
      command_name = "grad";
      action = [&] { return run_grad(grad_options, out); };
    });

    CLI::App* explain = app.add_subcommand(
        "explain", tr("the chain rule step by step: the forward pass, the backward pass, the gradient"));
    add_common_options(*explain, explain_options.common);
    explain->add_option("--format", explain_options.format, tr("text (the default), markdown, json, dot, or html (a class page with a step-through and a quiz)"))
        ->check(CLI::IsMember({"text", "markdown", "json", "dot", "html"}).description(""))
        ->type_name("text|markdown|json|dot|html");
    explain->add_flag("--ascii", explain_options.ascii, tr("ASCII symbols (dL/dx, *, -) instead of Unicode"));
    explain->add_option("--precision", explain_options.precision, tr("significant digits of the numbers (default 6)"))
        ->check(CLI::Range(1, 17).description(""))
        ->type_name("DIGITS");
    explain->add_option("--graph", explain_options.graph,
                        tr("also draw the graph into FILE.svg or FILE.png (needs Graphviz's dot)"))
        ->type_name("FILE");
    explain->add_flag("--products", explain_options.products,
                      tr("the graph (--graph, --format dot) also shows each arrow's share adjoint · partial"));
    // A string, so that run_explain refuses 0, a number past the last row and a word alike, in
    // the command's own words.
    explain->add_option("--row", explain_options.row,
                        tr("with --data: the row explained step by step, counted from 1 as the CSV's "
                        "data lines after the header (default 1); the others are summed in a table"))
        ->type_name("K");
    explain->add_option("--max-nodes", explain_options.max_nodes,
                        tr("refuse to explain a tape of more than N nodes (default 100000)"))
        ->check(CLI::PositiveNumber.description(""))
        ->type_name("N");
    explain->footer(
        tr("Example:\n  tapegrad explain '(y - (w1*x + w0))^2' --at w0=0,w1=0 --with x=1,y=2\n"
        "  shows why ∂f/∂w0 = 4 · (−1) · 1 = −4: the −1 is the subtraction's partial."));
    explain->callback([&] {
      chosen = &explain_options.common;
      command_name = "explain";
      action = [&] { return run_explain(explain_options, out); };
    });

    CLI::App* check = app.add_subcommand(
        "check", tr("compare hand-derived partials with the tape's; exit 1 when any is wrong"));
    add_common_options(*check, check_options.common);
    check->add_option("--grad", check_options.grads,
                      tr("a hand-derived partial: --grad x='2*x - 4' (repeat for each variable)"))
        ->type_name("NAME=EXPR")
        ->allow_extra_args(false)
        ->required();
    // --rtol, --atol, --radius and --points are checked by run_check, so that nan and inf are
    // refused in the usual `tapegrad check: error:` form, naming the option.
    check->add_option("--rtol", check_options.rtol, tr("relative tolerance of hand versus tape (default 1e-6)"))
        ->type_name("R");
    check->add_option("--atol", check_options.atol, tr("absolute tolerance of hand versus tape (default 1e-12)"))
        ->type_name("A");
    check->add_flag("--no-fd", check_options.no_fd, tr("skip the tape-versus-finite-differences self-check"));
    check->add_option("--points", check_options.points_text,
                      tr("check at N points: the --at point and N-1 seeded ones around it that also "
                      "move the --with constants and the data, avoiding 0, ±1 and small integers "
                      "(default 5; 1 checks only the --at point)"))
        ->type_name("N");
    check->add_option("--radius", check_options.radius,
                      tr("the other points lie within ±R of the --at point (default 0.5)"))
        ->type_name("R");
    check->add_option("--seed", check_options.seed, tr("the random points' seed (default 1)"))->type_name("S");
    check->add_option("--format", check_options.format, tr("text (the default), markdown or json"))
        ->check(CLI::IsMember({"text", "markdown", "json"}).description(""))
        ->type_name("FORMAT");
    check->footer(
        tr("Example (lesson 000's hand derivation, with its sign error for w0):\n"
        "  tapegrad check '(y - (w1*x + w0))^2' --at w0=0,w1=0 --with x=1,y=2 \\\n"
        "      --grad w0='2*(y - (w1*x + w0))' --grad w1='-2*(y - (w1*x + w0))*x'\n"
        "  exits 1: ∂f/∂w0 has the opposite sign."));
    check->callback([&] {
      chosen = &check_options.common;
      command_name = "check";
      action = [&] { return run_check(check_options, out); };
    });

    CLI::App* hessian = app.add_subcommand(
        "hessian", tr("the second-derivative test: the Hessian, its eigenvalues, condition number, "
                   "and minimum / maximum / saddle / flat"));
    add_common_options(*hessian, hessian_options.common);
    hessian->add_option("--precision", hessian_options.precision, tr("significant digits of the numbers (default 6)"))
        ->check(CLI::Range(1, 17).description(""))
        ->type_name("DIGITS");
    hessian->footer(
        tr("Examples (lesson 004):\n  tapegrad hessian '(x^2-1)^2' --at x=0\n"
        "  the gradient is zero, but H = −4 < 0: a maximum, not a minimum.\n"
        "  tapegrad hessian '(y - (w1*x + w0))^2' --data data/icecream.csv --at w0=0,w1=0\n"
        "  condition number about 2·10⁴: raw temperatures make plain gradient descent slow."));
    hessian->callback([&] {
      chosen = &hessian_options.common;
      command_name = "hessian";
      action = [&] { return run_hessian(hessian_options, out); };
    });

    CLI::App* descend = app.add_subcommand(
        "descend", tr("gradient descent (or another optimizer) from the --at point, as a table"));
    add_common_options(*descend, descend_options.common);
    descend->add_option("--optimizer", descend_options.optimizer, tr("gd (the default), momentum, nesterov, adagrad, rmsprop, adam, adamw or lbfgs"))
        ->check(CLI::IsMember({"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "lbfgs"}).description(""))
        ->type_name("NAME");
    descend->add_option("--lr", descend_options.learning_rates,
                        tr("the learning rate η (default: the optimizer's, 0.01 for gd); a list 0.05,0.1,0.9 "
                        "runs once per value and compares the runs"))
        ->type_name("ETA[,ETA...]");
    descend->add_option("--steps", descend_options.steps, tr("the most updates to make (default 100)"))
        ->check(CLI::Range(std::size_t(1), max_descend_steps).description(""))
        ->type_name("N");
    descend->add_option("--momentum", descend_options.momentum, tr("momentum, nesterov: the velocity kept per step μ (default 0.9)"))
        ->check(CLI::Range(0.0, 1.0).description(""))
        ->type_name("MU");
    descend->add_option("--beta1", descend_options.beta1, tr("adam, adamw: β₁ (default 0.9)"))->type_name("B1");
    descend->add_option("--beta2", descend_options.beta2, tr("adam, adamw: β₂ (default 0.999)"))->type_name("B2");
    descend->add_option("--weight-decay", descend_options.weight_decay, tr("adamw: λ (default 0.01)"))->type_name("L");
    descend->add_option("--line-search", descend_options.line_search, tr("lbfgs: wolfe (strong Wolfe, the default) or armijo"))
        ->check(CLI::IsMember({"wolfe", "armijo"}).description(""))
        ->type_name("wolfe|armijo");
    descend->add_option("--schedule", descend_options.schedule, tr("learning-rate schedule: constant (the default), step, exponential or cosine"))
        ->check(CLI::IsMember({"constant", "step", "exponential", "cosine"}).description(""))
        ->type_name("NAME");
    descend->add_option("--gamma", descend_options.gamma, tr("step: η × γ every --decay-every steps (default 0.5); exponential: η·γ^t (default 0.95)"))
        ->type_name("G");
    descend->add_option("--decay-every", descend_options.decay_every, tr("step schedule: the period (default 10)"))->type_name("N");
    descend->add_option("--warmup", descend_options.warmup, tr("linear warm-up over the first N steps"))->type_name("N");
    descend->add_option("--grad-tol", descend_options.grad_tol, tr("stop when ‖∇f‖ ≤ EPS"))->type_name("EPS");
    descend->add_option("--loss-below", descend_options.loss_below, tr("stop when f ≤ EPS"))->type_name("EPS");
    // trf and {{ }} for x_{t−1}'s braces, as for grad's footer.
    descend->add_option("--step-tol", descend_options.step_tol, trf("stop when ‖x_t − x_{{t−1}}‖ ≤ EPS"))->type_name("EPS");
    descend->add_option("--loss-change", descend_options.loss_change, trf("stop when |f_t − f_{{t−1}}| ≤ EPS"))->type_name("EPS");
    descend->add_option("--patience", descend_options.patience, tr("stop when the best f has not improved for K steps"))->type_name("K");
    descend->add_option("--min-delta", descend_options.min_delta, tr("with --patience: a new best f must be at least D lower to count as an improvement"))
        ->check(CLI::NonNegativeNumber.description(""))
        ->type_name("D");
    descend->add_option("--time-limit", descend_options.time_limit, tr("stop after S seconds"))->type_name("S");
    descend->add_flag("--no-divergence-check", descend_options.no_divergence_check,
                      tr("do not stop when the loss becomes NaN/∞ or keeps growing"));
    descend->add_option("--history", descend_options.history, tr("write every step to FILE.csv"))->type_name("FILE");
    descend->add_option("--every", descend_options.every, tr("print every K-th step in the table (and the last)"))
        ->check(CLI::PositiveNumber.description(""))
        ->type_name("K");
    descend->add_option("--precision", descend_options.precision, tr("significant digits in the table (default 12)"))
        ->check(CLI::Range(1, 17).description(""))
        ->type_name("DIGITS");
    descend->add_option("--format", descend_options.format,
                        tr("the table as text (the default) or markdown, or html: one page with the "
                        "picture of the descent and the steps, for a class"))
        ->check(CLI::IsMember({"text", "markdown", "html"}).description(""))
        ->type_name("text|markdown|html");
    descend->add_option("--plot", descend_options.plot,
                        tr("draw the descent into FILE.svg or FILE.png with gnuplot: the curve and its tangents "
                        "(one parameter), the contours (two) or f and ‖∇f‖ per step (more); the data and "
                        "the script are written beside it"))
        ->type_name("FILE");
    descend->footer(
        tr("Example (lesson 000):\n  tapegrad descend 'x^2 - 4*x + 3' --at x=5 --lr 0.1 --steps 3\n"
        "  x: 5, 4.4, 3.92, 3.536, ... towards the minimum at x = 2.\n"
        "  tapegrad descend '(w-3)^2' --at w=0 --lr 0.1,0.9,1.05 --steps 20 --plot lr.svg\n"
        "  three runs side by side: 0.1 creeps, 0.9 zig-zags to the same losses, 1.05 diverges."));
    descend->callback([&] {
      chosen = &descend_options.common;
      command_name = "descend";
      // --lr is read by run_descend rather than by CLI11, so a value that is not positive (and a
      // list's mistakes) get a message with the command's prefix and a JSON error object.
      action = [&] { return run_descend(descend_options, out, err); };
    });

    // The group headings: CLI11 puts every option in "Options" and every command in "Subcommands".
    for (CLI::Option* option : app.get_options())
      if (option->get_group() == "Options") option->group(tr("Options"));
    for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
      command->group(tr("Subcommands"));
      for (CLI::Option* option : command->get_options())
        if (option->get_group() == "Options") option->group(tr("Options"));
    }

    // Every numeric option refuses NaN and ±∞, which CLI11 would read as doubles.
    const CLI::Validator finite_number(
        [](std::string& text) -> std::string {
          char* end = nullptr;
          const double value = std::strtod(text.c_str(), &end);
          if (end != text.c_str() && *end == '\0' && !std::isfinite(value))
            return trf("must be a finite number, not '{}'", text);
          return {};
        },
        "", "finite");
    for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; }))
      for (const char* name : {"--lr", "--momentum", "--beta1", "--beta2", "--weight-decay", "--gamma",
                               "--grad-tol", "--loss-below", "--step-tol", "--loss-change",
                               "--time-limit", "--rtol", "--atol", "--radius"})
        if (CLI::Option* option = command->get_option_no_throw(name)) option->check(finite_number);

    try {
      std::vector<std::string> args = protect_expressions(argc, argv);
      app.parse(args);
      // Undo protect_expressions' space, so columns in messages count from the user's text.
      std::string& expression = chosen->expression;
      if (expression.starts_with(" -")) expression.erase(0, 1);
      // Parsing ends here: reading stdin or running a command would make every fuzzed input a
      // potential wait or a long computation.
      if (stage == Stage::parse) return exit_ok;
      // `-` reads the expression from stdin: the way to pass one longer than the shell allows.
      if (expression == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        expression = text.str();
        while (!expression.empty() && (expression.back() == '\n' || expression.back() == '\r'))
          expression.pop_back();
      }
    } catch (const CLI::ParseError& e) {
      const bool json = std::find(given.begin(), given.end(), "--json") != given.end();
      const std::optional<std::string> hint = usage_hint(given, e.what());
      if (e.get_exit_code() == 0) return app.exit(e, out, err) == 0 ? exit_ok : exit_usage;  // --help
      // Every other mistake in the arguments reads like the commands' own errors.
      const std::string name = command_in(given);
      const std::string message = parse_error_text(e);
      err << fmt::format("tapegrad{}{}: {}\n", name.empty() ? "" : " ", name, trf("error: {}", message));
      if (hint) err << *hint << '\n';
      else err << trf("run `{}` for the options", fmt::format("tapegrad{}{} --help", name.empty() ? "" : " ", name)) << '\n';
      if (json) {
        Json j = {{"error", {{"kind", "usage"}, {"message", message}}}};
        if (hint) j["error"]["hint"] = *hint;
        out << dump(j) << '\n';
      }
      return exit_usage;
    }
  } catch (const std::exception& e) {  // building the parser itself failed
    err << "tapegrad: internal error: " << e.what() << '\n';
    return exit_internal;
  }

  if (!action || chosen == nullptr) return exit_usage;  // unreachable: CLI11 requires a subcommand
  // Under mpirun, grad and descend split the --data rows by rank; the other commands run whole.
  if (launch.ranks > 1 && (chosen == &grad_options || chosen == &descend_options.common)) {
    chosen->shard = launch.rank;
    chosen->shards = launch.ranks;
    chosen->combine_shards = launch.combine_shards;
  }
  try {
    set_language(language);
    return action();
  } catch (...) {
    const Failure failure = classify(std::current_exception());
    err << fmt::format("tapegrad {}: {}\n", command_name,
                       failure.kind == "domain" || failure.kind == "internal"
                           ? failure.message
                           : fmt::format(fmt::runtime(tr("error: {}")), failure.message));
    if (chosen->json) {
      Json j = {{"error", {{"kind", failure.kind}, {"message", failure.message}}}};
      if (failure.column > 0) j["error"]["column"] = failure.column;
      out << dump(j) << '\n';
    }
    return failure.code;
  }
}

}  // namespace

int run_tapegrad(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  return tapegrad_main(argc, argv, out, err, Launch{}, Stage::run);
}

int run_tapegrad(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                 const Launch& launch) {
  return tapegrad_main(argc, argv, out, err, launch, Stage::run);
}

int parse_tapegrad_arguments(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  return tapegrad_main(argc, argv, out, err, Launch{}, Stage::parse);
}

}  // namespace tapegrad::cli
