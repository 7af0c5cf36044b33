// SPDX-License-Identifier: MIT
// The four commands of `tapegrad`, each a function from its options to output on `out` and an
// exit code (0 ok, 1 a check that failed). Problems are thrown as typed errors, which
// run_tapegrad (app.hpp) maps to messages and exit codes.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/problem.hpp"

namespace tapegrad::cli {

// `tapegrad grad`: the value and every parameter's partial derivative.
int run_grad(const CommonOptions& options, std::ostream& out);

}  // namespace tapegrad::cli
