// SPDX-License-Identifier: MIT
// What one step of `tapegrad descend --data` computes: the loss typed as text, parsed, and summed
// over the data columns by ColumnwiseSum (autodiff/expression/columnwise.hpp), with 1 and 2
// threads, at n = 10³, 10⁵, 10⁶. The rows sit next to the library's reduction (bench_reduce.cpp),
// so the table shows the command's step against the library's (issue 14: at most 3×).
#include <string>
#include <vector>

#include "autodiff/expression/columnwise.hpp"
#include "autodiff/expression/parser.hpp"
#include "bench/harness.hpp"

namespace bench {
namespace {

using tapegrad::ColumnSource;

// The loss as a user types it on the command line, the data columns it reads, and whether the
// command's objective divides by n (the mean) — the same loss as the workload's f.
struct CommandLoss {
  std::string text;
  std::vector<std::pair<std::string, const std::vector<double>*>> columns;
  std::vector<std::string> parameters;  // in the order of the workload's point
  bool mean;
};

CommandLoss command_loss(const Mse& w) {
  return {"(y - (w1*x + w0))^2", {{"x", &w.x}, {"y", &w.y}}, {"w0", "w1"}, true};
}
CommandLoss command_loss(const NormalLogDensity& w) {
  return {"-(ln(sigma) + 0.5*((x - mu)/sigma)^2) - 0.91893853320467274178", {{"x", &w.x}},
          {"mu", "sigma"}, false};
}
CommandLoss command_loss(const LogisticLine& w) {
  return {"softplus(w1*x + w0) - y*(w1*x + w0)", {{"x", &w.x}, {"y", &w.y}}, {"w0", "w1"}, true};
}

template <unsigned threads>
struct TapegradCommand {
  static constexpr bool wall_clock = true;
  std::unique_ptr<tapegrad::ColumnwiseSum> sum;
  double scale = 1.0;
  Eigen::VectorXd sums;  // the gradient of the sum, before the mean's 1/n

  template <class W>
  void prepare(const W& w) {
    const CommandLoss loss = command_loss(w);
    const tapegrad::Expression f = tapegrad::parse_expression(loss.text);
    std::vector<ColumnSource> sources;
    for (const std::string& name : f.variables()) {
      bool found = false;
      for (std::size_t k = 0; k < loss.parameters.size() && !found; ++k)
        if (loss.parameters[k] == name) sources.push_back(ColumnSource::parameter(k)), found = true;
      for (const auto& [column, values] : loss.columns)
        if (!found && column == name) sources.push_back(ColumnSource::data(*values)), found = true;
    }
    sum = std::make_unique<tapegrad::ColumnwiseSum>(f, std::move(sources), loss.parameters,
                                                    tapegrad::ColumnwiseOptions{.threads = threads});
    scale = loss.mean ? 1.0 / double(sum->rows()) : 1.0;
  }

  template <class W>
  double gradient(const W& w, std::span<const double> p, std::span<double> g) {
    if (!sum) prepare(w);  // parsing and planning happen once, as in the command
    const double value = sum->sum(p, sums);
    for (std::size_t k = 0; k < g.size(); ++k) g[k] = scale * sums[Eigen::Index(k)];
    return scale * value;
  }
};

constexpr std::initializer_list<std::size_t> command_sizes = {1000, 100000, 1000000};

const bool registered = [] {
  add<TapegradCommand<1>, Mse>("tapegrad_command_1t", command_sizes);
  add<TapegradCommand<2>, Mse>("tapegrad_command_2t", command_sizes);
  add<TapegradCommand<1>, NormalLogDensity>("tapegrad_command_1t", command_sizes);
  add<TapegradCommand<2>, NormalLogDensity>("tapegrad_command_2t", command_sizes);
  add<TapegradCommand<1>, LogisticLine>("tapegrad_command_1t", command_sizes);
  add<TapegradCommand<2>, LogisticLine>("tapegrad_command_2t", command_sizes);
  return true;
}();

}  // namespace
}  // namespace bench
