// SPDX-License-Identifier: MIT
// read_data: the `--data FILE.csv` of every command — the project's one CSV reader
// (csv/csv_table.hpp) plus the command's own rule for the header: each column is a variable, so
// its name must be one (letters, digits and _, not starting with a digit) and not the name of a
// function or constant of the expression language.
#pragma once

#include <string>

#include "csv/csv_table.hpp"

namespace tapegrad::cli {

// Reads the file (CsvError as the reader says) and checks the header's names (CsvError at the name).
CsvTable read_data(const std::string& path);
// The header check alone, for a table already read.
void check_variable_names(const CsvTable& table);

}  // namespace tapegrad::cli
