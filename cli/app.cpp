// SPDX-License-Identifier: MIT
// The command-line interface: CLI11 declares the subcommands and options (and writes --help);
// this file maps each typed error to a message and an exit code, with a JSON error object on
// stdout when --json was asked for.
#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <iostream>
#include <new>
#include <sstream>
#include <string>

#include "autodiff/expression.hpp"
#include "autodiff/parse_error.hpp"
#include "cli/commands.hpp"
#include "cli/csv_table.hpp"
#include "cli/json_output.hpp"
#include "cli/objective.hpp"
#include "cli/usage_error.hpp"

namespace tapegrad::cli {
namespace {

constexpr const char* version = "0.1.0";

constexpr const char* description =
    "tapegrad: exact derivatives of formulas written as text, by reverse-mode automatic\n"
    "differentiation on a tape. Quote the expression for the shell.";

constexpr const char* footer = R"(Examples:
  tapegrad grad 'x^2 - 4*x + 3' --at x=5
  tapegrad grad '(y - (w1*x + w0))^2' --at x=1,y=2,w0=0,w1=0 --json
  tapegrad grad '(y - (w1*x + w0))^2' --data icecream.csv --at w0=0,w1=0

Expressions: numbers (3, 0.5, 1e-3), variables, + - * / ^ (also ** and x²), parentheses,
functions such as sin, log (= ln), sqrt, pow(a, b), and the constants pi and e.

Exit codes: 0 ok, 1 a check failed, 2 bad usage or a malformed expression or CSV file,
3 a domain error at the point (such as log of a negative), 4 an internal error.
See docs/cli.md for the grammar and the JSON output.)";

// The options every command takes; `what` is the subcommand's word for the expression.
void add_common_options(CLI::App& command, CommonOptions& options) {
  command
      .add_option("EXPR", options.expression,
                  "the expression, e.g. 'x^2 - 4*x + 3'; - reads it from standard input")
      ->required();
  command
      .add_option("--at", options.at,
                  "the parameters and their values, e.g. --at x=5 or --at w0=0,w1=0 (repeatable; "
                  "a value may be a constant expression such as pi/4)")
      ->type_name("NAME=VALUE,...")
      ->allow_extra_args(false);
  command
      .add_option("--with", options.with,
                  "constants: values for variables that are data, not parameters (no partial is "
                  "taken), e.g. --with x=1,y=2")
      ->type_name("NAME=VALUE,...")
      ->allow_extra_args(false);
  command
      .add_option("--data", options.data,
                  "a CSV file whose header names variables; the objective is the mean (see "
                  "--reduce) of EXPR over its rows")
      ->type_name("FILE.csv");
  command
      .add_option_function<std::string>(
          "--reduce",
          [&options](const std::string& how) {
            options.reduce = how == "sum" ? Reduce::sum : Reduce::mean;
          },
          "how --data rows combine: mean (the default) or sum")
      ->check(CLI::IsMember({"mean", "sum"}).description(""))
      ->type_name("mean|sum");
  command.add_flag("--json", options.json, "write one JSON object on stdout instead of text");
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
  } catch (const std::bad_alloc&) {
    return {"internal", exit_internal, "out of memory"};
  } catch (const std::exception& e) {
    return {"internal", exit_internal, e.what()};
  } catch (...) {
    return {"internal", exit_internal, "an unknown error"};
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

}  // namespace

int run_tapegrad(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CommonOptions options;
  std::string command_name;
  std::function<int()> action;

  try {
    CLI::App app(description, "tapegrad");
    app.set_version_flag("--version", version);
    app.require_subcommand(1);
    app.footer(footer);
    app.get_formatter()->column_width(30);

    CLI::App* grad = app.add_subcommand(
        "grad", "the value and the partial derivative with respect to every --at variable");
    add_common_options(*grad, options);
    grad->footer(
        "Example:\n  tapegrad grad 'x^2 - 4*x + 3' --at x=5\n  prints f = 8 and ∂f/∂x = 6; with "
        "--json: {\"value\":8.0,\"gradient\":{\"x\":6.0},...}");
    grad->callback([&] {
      command_name = "grad";
      action = [&] { return run_grad(options, out); };
    });

    try {
      std::vector<std::string> args = protect_expressions(argc, argv);
      app.parse(args);
      // Undo protect_expressions' space, so columns in messages count from the user's text.
      if (options.expression.starts_with(" -")) options.expression.erase(0, 1);
      // `-` reads the expression from stdin: the way to pass one longer than the shell allows.
      if (options.expression == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        options.expression = text.str();
        while (!options.expression.empty() &&
               (options.expression.back() == '\n' || options.expression.back() == '\r'))
          options.expression.pop_back();
      }
    } catch (const CLI::ParseError& e) {
      const int code = app.exit(e, out, err);
      return code == 0 ? exit_ok : exit_usage;
    }
  } catch (const std::exception& e) {  // building the parser itself failed
    err << "tapegrad: internal error: " << e.what() << '\n';
    return exit_internal;
  }

  if (!action) return exit_usage;  // unreachable: CLI11 requires a subcommand
  try {
    return action();
  } catch (...) {
    const Failure failure = classify(std::current_exception());
    err << fmt::format("tapegrad {}: {}\n", command_name,
                       failure.kind == "domain" || failure.kind == "internal"
                           ? failure.message
                           : "error: " + failure.message);
    if (options.json) {
      Json j = {{"error", {{"kind", failure.kind}, {"message", failure.message}}}};
      if (failure.column > 0) j["error"]["column"] = failure.column;
      out << dump(j) << '\n';
    }
    return failure.code;
  }
}

}  // namespace tapegrad::cli
