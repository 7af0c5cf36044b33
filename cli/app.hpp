// SPDX-License-Identifier: MIT
// The `tapegrad` command line: the subcommands and their options (CLI11), and the one place where
// errors become messages and exit codes:
//   0 success; 1 `check` found a hand-derived partial that does not match;
//   2 bad usage, a malformed expression or a malformed CSV file, or a picture whose tool is
//   missing (explain --graph without Graphviz, descend --plot without gnuplot);
//   3 a domain error at the point (log or sqrt of a negative, division by zero, ...);
//   4 anything else (an internal error; please report it); 5 a diverged `descend`;
//   130 `descend` interrupted by Ctrl-C (the result so far is printed).
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>

#include "optim/objective.hpp"

namespace tapegrad::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_mismatch = 1;
inline constexpr int exit_usage = 2;
inline constexpr int exit_domain = 3;
inline constexpr int exit_internal = 4;
inline constexpr int exit_diverged = 5;  // descend: the loss became NaN/∞ or kept growing
// descend stopped by Ctrl-C (after printing the result so far): 128 + SIGINT, as shells report.
inline constexpr int exit_interrupted = 130;

// Runs the tool: output on `out`, messages on `err`; returns the exit code. Never throws.
int run_tapegrad(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// How the process was started: one of `ranks` MPI ranks (cli/mpi_main.cpp), each evaluating its
// block of the --data rows and combining value and gradient with the others; one by default.
struct Launch {
  std::size_t rank = 0;
  std::size_t ranks = 1;
  std::function<optim::Objective(optim::Objective)> combine_shards;
};
int run_tapegrad(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                 const Launch& launch);

// The arguments parsed and validated as run_tapegrad does (its messages, --help, exit codes), but
// no command run and no standard input read: exit_ok when a command would run. The argument
// fuzzer (tests/cli/fuzz/args_fuzzer.cpp) calls it, so that no input starts a long computation.
int parse_tapegrad_arguments(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace tapegrad::cli
