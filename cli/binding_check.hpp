// SPDX-License-Identifier: MIT
// Before the objective binds the variables: the messages for a value given under the wrong name
// (`--at W0=0` for w0, `w_0`) and for values not given at all (a forgotten --at), which name
// what the expression needs and what was given but not used.
#pragma once

#include "autodiff/expression/expression.hpp"
#include "csv/csv_table.hpp"
#include "cli/point.hpp"

namespace tapegrad::cli {

// Throws a UsageError when a variable of `expression` has no value and the mistake is one of
// the above; otherwise returns (and the objective reports any other problem).
void check_bindings(const Expression& expression, const Point& at, const Point& with, const CsvTable* data);

}  // namespace tapegrad::cli
