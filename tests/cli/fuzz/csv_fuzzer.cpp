// SPDX-License-Identifier: MIT
// libFuzzer target for the CSV reader (csv/): any bytes must either parse into a table whose every
// field can be read as text, as a number (or a CsvError), and located inside the text, or end in
// a CsvError. Anything else — a crash, a sanitizer report, another exception, a position outside
// the text — is a bug. Built with clang++ by run_fuzzer.sh (a ctest test), not by the main build.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "csv/csv_table.hpp"

namespace {

// The first byte picks the options, so the fuzzer reaches ';' files and headerless ones too.
tapegrad::CsvReadOptions options_from(std::uint8_t byte) {
  tapegrad::CsvReadOptions options;
  options.delimiter = (byte & 1) ? ';' : ',';
  options.header = (byte & 2) == 0;
  // Small limits so that the limit errors are reached by short inputs.
  if (byte & 4) options.limits = {.max_bytes = 64, .max_rows = 3, .max_columns = 4};
  return options;
}

std::size_t line_count(const std::string& text) {
  std::size_t lines = 1;
  for (char c : text) lines += c == '\n' || c == '\r';
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tapegrad;
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const CsvTable table = CsvTable::parse(text, "<fuzz>", options_from(data[0]));
    const std::size_t lines = line_count(text);
    for (std::size_t c = 0; c < table.columns().size(); ++c) {
      if (table.column(table.columns()[c]) != c) std::abort();  // names are distinct
      if (table.header_position(c).line > lines) std::abort();
      for (std::size_t r = 0; r < table.rows(); ++r) {
        (void)table.text(r, c);
        const CsvPosition at = table.position(r, c);
        if (at.line < 1 || at.line > lines || at.column < 1 || at.column > text.size() + 1) std::abort();
        try {
          (void)table.number(r, c);
        } catch (const CsvError&) {
          // Not a number: a fine answer, with its line and column.
        }
      }
    }
    (void)table.column_list(2);
  } catch (const CsvError&) {
    // Malformed CSV, or a limit: a fine answer.
  }
  return 0;
}
