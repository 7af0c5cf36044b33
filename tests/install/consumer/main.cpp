// SPDX-License-Identifier: MIT
// Uses the installed headers and libraries of all four parts of autodiff/: the core
// (d/dx (x² − 4x + 3) at x = 5 must be 6), the text language, explain and the checker; and the
// CSV reader, whose errors go through tapegrad::i18n (a target of its own, linked through csv).
#include <autodiff/autodiff.hpp>
#include <autodiff/check/gradient_check.hpp>
#include <autodiff/explain/all.hpp>
#include <autodiff/expression/parser.hpp>
#include <csv/csv_table.hpp>
#include <i18n/i18n.hpp>

#include <cstdio>
#include <string>

int main() {
  tapegrad::Tape tape({.checked = true, .trace = true});
  auto scope = tape.activate();
  const tapegrad::Var x = tape.input(5.0, "x");
  const tapegrad::Var f = tapegrad::parse_expression("x^2 - 4*x + 3").record({{"x", x}});
  const double slope = tape.backward(f)[x];
  const std::string text = tapegrad::to_text(tapegrad::explain(tape, f));
  std::printf("installed tapegrad: f(5) = %g, f'(5) = %g\n%s", f.value(), slope, text.c_str());

  const Eigen::VectorXd at = Eigen::VectorXd::Constant(1, 5.0);
  const auto report = tapegrad::check_hand_gradient(
      [](const auto& v) { return v[0] * v[0] - 4.0 * v[0] + 3.0; },
      [](const Eigen::VectorXd& v) -> Eigen::VectorXd {
        return Eigen::VectorXd::Constant(1, 2 * v[0] - 4);
      },
      at);
  const bool checked = report.summary.hand_mismatches == 0;

  bool refused = false;
  try {
    tapegrad::CsvTable::parse("x,x\n1,2\n");
  } catch (const tapegrad::CsvError& e) {
    refused = std::string(e.what()).find("appears twice") != std::string::npos &&
              tapegrad::current_language() == "en";
  }
  return f.value() == 8.0 && slope == 6.0 && !text.empty() && checked && refused ? 0 : 1;
}
