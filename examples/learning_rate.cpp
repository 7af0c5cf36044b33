// SPDX-License-Identifier: MIT
// The learning-rate story of lessons 001, 003 and 004, on lesson 001's L(w) = (w − 3)² from
// w = 0: η too small crawls, a good η converges (0.6, 1.08, 1.464, 1.7712, … → 3), and η too
// large overshoots further each step until the loop stops it with "learning rate too large?".
// The loss is written over Vars; autodiff/objective.hpp turns it into what optim minimises.
#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "autodiff/objective.hpp"
#include "optim/optim.hpp"
#include "examples/guarded_main.hpp"

namespace optim = tapegrad::optim;

static int run() {
  auto loss = tapegrad::objective(
      [](const tapegrad::VectorXv<>& w) { return pow(w[0] - 3.0, 2); });

  struct Run {
    const char* label;
    double eta;
    optim::MinimizeResult result;
  };
  std::vector<Run> runs = {{"too small", 0.001, {}}, {"good", 0.1, {}}, {"too large", 1.1, {}}};
  for (Run& run : runs) {
    optim::GradientDescent gd({.learning_rate = run.eta});
    run.result = optim::minimize(loss, Eigen::VectorXd::Zero(1), gd,
                                 {.max_steps = 100, .stop = optim::GradientNormBelow{1e-6}});
  }

  fmt::print("Lesson 001: L(w) = (w − 3)², dL/dw = 2(w − 3), gradient descent from w = 0\n");
  fmt::print("w ← w − η·2(w − 3); the first steps (w and the loss L):\n\n");
  fmt::print("{:>4}", "step");
  for (const Run& run : runs) fmt::print("   {:>24}", fmt::format("η = {} ({})", run.eta, run.label));
  fmt::print("\n");
  for (std::size_t k = 0; k <= 12; ++k) {
    fmt::print("{:>4}", k);
    for (const Run& run : runs) {
      if (k < run.result.history.size()) {
        const auto& r = run.result.history[k];
        fmt::print("   {:>10.5g}  L = {:>9.4g}", r.params[0], r.value);
      } else {
        fmt::print("   {:>24}", "(stopped)");
      }
    }
    fmt::print("\n");
  }
  fmt::print("\n");
  for (const Run& run : runs) {
    fmt::print("η = {:<5} {:<10} stopped after {:>3} steps at w = {:.6g}: {}\n", run.eta,
               run.label, run.result.steps(), run.result.x[0], run.result.stop.message);
  }
  fmt::print("\nToo small: after 100 steps w is still far from 3 — each step closes only 0.2% of the gap.\n"
             "Good: each step closes 20% of the gap, the steps shrink as the slope flattens.\n"
             "Too large: each step jumps past 3 and lands 1.2 times as far on the other side;\n"
             "the loss grows, and the loop stops instead of running to the cap (lesson 004:\n"
             "a sharply growing loss means a bug, such as a learning rate too large).\n");

  // The lesson's table must come out exactly; a smoke test that fails if it does not.
  const double lesson[] = {0.0, 0.6, 1.08, 1.464, 1.7712};
  for (std::size_t k = 0; k < 5; ++k)
    if (std::abs(runs[1].result.history[k].params[0] - lesson[k]) > 1e-12) return 1;
  if (!runs[2].result.diverged() || runs[0].result.stop.kind != optim::StopReason::Kind::max_steps)
    return 1;
  return 0;
}

int main(int, char** argv) { return tapegrad::examples::guarded_main(argv[0], run); }
