// SPDX-License-Identifier: MIT
// The descent table as the lessons write it: a row per recorded step with the parameters, the
// value and the partials, columns named after the parameters (w, ∂f/∂w), and for plain gradient
// descent the update worked out, `1.08 − 0.1·(−3.84) = 1.464`; as aligned text or Markdown.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "optim/step_record.hpp"

namespace tapegrad::cli {

struct DescentTableOptions {
  std::vector<std::string> names;  // the parameters, in --at order
  std::string loss_name = "f";
  bool show_update = false;  // plain gradient descent: x_k = x_{k−1} − η·g_{k−1}, per parameter
  int precision = 12;        // significant digits
  std::size_t every = 1;     // every k-th record (and the last)
  // A row "…" after the row of this step: the records up to the next row were left out.
  std::optional<std::size_t> gap_after{};
};

struct DescentTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

DescentTable descent_table(const std::vector<optim::StepRecord>& history, const DescentTableOptions& options);

// Columns aligned, two spaces apart, a rule under the header (numbers right-aligned).
void print_text(const DescentTable& table, std::ostream& out);
// A GitHub-flavoured Markdown table.
void print_markdown(const DescentTable& table, std::ostream& out);

// "1 step", "3 steps" in the chosen language: `one` and `many` are gettext msgids with {} for n.
std::string count_of(std::size_t n, const char* one, const char* many);

}  // namespace tapegrad::cli
