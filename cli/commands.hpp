// SPDX-License-Identifier: MIT
// The commands of `tapegrad`, each a function from its options to output on `out` and an
// exit code (0 ok, 1 a check that failed). Problems are thrown as typed errors, which
// run_tapegrad (app.hpp) maps to messages and exit codes.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "autodiff/explain/explain.hpp"
#include "cli/problem.hpp"

namespace tapegrad::cli {

// `tapegrad grad`: the value and every parameter's partial derivative.
int run_grad(const CommonOptions& options, std::ostream& out);

struct ExplainCommandOptions {
  CommonOptions common;
  std::string format = "text";  // text | markdown | json | dot | html (--json means json)
  bool ascii = false;           // ASCII symbols instead of Unicode (text and dot)
  int precision = 6;            // significant digits
  std::string graph;            // also render the graph to this .svg or .png file
  bool products = false;        // the graph (dot, --graph) also shows adjoint · partial per arrow
  std::string row;              // --row K as given: with --data, the row explained in full
                                // (counted from 1); run_explain reads it, "" for the first
  std::size_t max_nodes = ExplainOptions{}.max_nodes;  // refuse a larger tape (exit 2)
};
// `tapegrad explain`: the forward and backward passes step by step (autodiff/explain/explain.hpp).
int run_explain(const ExplainCommandOptions& options, std::ostream& out);

struct CheckCommandOptions {
  CommonOptions common;
  std::vector<std::string> grads;  // each "NAME=HANDEXPR"
  double rtol = 1e-6;
  double atol = 1e-12;
  bool no_fd = false;      // skip the tape-versus-finite-differences self-check
  std::string points_text;  // --points as given; run_check reads it into `points`
  std::size_t points = 5;  // the --at point, plus points−1 seeded points that move parameters,
                           // --with constants and data cells, avoiding 0, ±1 and small integers
  double radius = 0.5;     // the other points lie in [at − radius, at + radius]
  std::uint64_t seed = 1;
  std::string format = "text";  // text | markdown | json (--json is json)
};
// `tapegrad check`: hand-derived partials against the tape's; returns 1 when any disagrees.
int run_check(const CheckCommandOptions& options, std::ostream& out);

struct HessianCommandOptions {
  CommonOptions common;
  int precision = 6;  // significant digits
};
// `tapegrad hessian`: lesson 004's second-derivative test (cli/second_derivatives.hpp).
int run_hessian(const HessianCommandOptions& options, std::ostream& out);

// The most steps `descend --steps` accepts (docs/cli.md, "Limits").
inline constexpr std::size_t max_descend_steps = 1'000'000;

struct DescendCommandOptions {
  CommonOptions common;
  std::string optimizer = "gd";  // gd momentum nesterov adagrad rmsprop adam adamw lbfgs
  // --lr as given, read by run_descend: one learning rate or a list (0.05,0.1,0.9), one run per
  // value; unset: the optimizer's default.
  std::optional<std::string> learning_rates;
  std::size_t steps = 100;              // the iteration cap
  std::optional<double> momentum, beta1, beta2, weight_decay;
  std::string line_search = "wolfe";    // lbfgs: wolfe | armijo
  std::string schedule = "constant";    // constant | step | exponential | cosine
  std::optional<double> gamma;          // step and exponential decay factor
  std::size_t decay_every = 10;         // step schedule period
  std::size_t warmup = 0;               // linear warm-up steps
  // Stopping rules (lesson 004), any of which stops the run.
  std::optional<double> grad_tol, loss_below, step_tol, loss_change, time_limit;
  std::optional<std::size_t> patience;
  std::optional<double> min_delta;  // the least decrease of the best f that --patience counts
  bool no_divergence_check = false;
  std::string history;    // write every record to this CSV file
  std::size_t every = 1;  // print every k-th record in the text table (and the last)
  int precision = 12;           // significant digits in the table
  std::string format = "text";  // text | markdown | html
  std::string plot;             // draw the runs into this .svg or .png (cli/descent_plot.hpp)
};
// `tapegrad descend`: the minimise loop, printed as the lessons' tables; once per learning rate
// of an --lr list. `err` gets the message when a --plot picture could not be drawn.
int run_descend(const DescendCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace tapegrad::cli
