// SPDX-License-Identifier: MIT
// tapegrad at matrix level (MatrixVar, autodiff/matrix_ops.hpp): each matrix operation is one tape
// entry whose backward is a few Eigen products: on the sums over data (as whole-vector operations),
// logistic regression, sum(A·B) and the MLP.
// The data matrices are constants made once (a constant MatrixVar has no node, so it stays valid
// across rewinds); the parameters are entered as input blocks each time, as in a training loop.
#include <algorithm>
#include <optional>

#include "autodiff/autodiff.hpp"
#include "autodiff/matrix_ops.hpp"
#include "autodiff/matrix_var.hpp"
#include "bench/harness.hpp"

namespace bench {
namespace {

using tapegrad::MatrixVar;
using tapegrad::Var;

struct TapegradMatrix {
  tapegrad::Tape tape;
  tapegrad::Adjoints<double> adjoints;
  std::optional<MatrixVar> x, y;  // the data, as constants

  static Eigen::MatrixXd column(const std::vector<double>& v) {
    return Eigen::Map<const Eigen::VectorXd>(v.data(), Eigen::Index(v.size()));
  }
  // A parameter block, entered from the flat parameter vector starting at `offset`.
  MatrixVar input(std::span<const double> p, Eigen::Index offset, Eigen::Index rows,
                  Eigen::Index cols) {
    return MatrixVar::input(tape, Eigen::Map<const Eigen::MatrixXd>(p.data() + offset, rows, cols));
  }
  // The gradient of the parameter block `m` into the flat gradient at `offset`.
  void read(const MatrixVar& m, std::span<double> g, Eigen::Index offset) {
    const auto all = adjoints.all();
    std::copy_n(all.begin() + m.first(), m.size(), g.begin() + offset);
  }

  // The sums over data, written with whole-vector operations (data as n×1 constants).
  double gradient(const Mse& w, std::span<const double> p, std::span<double> g) {
    if (!x) {
      x = MatrixVar(column(w.x));
      y = MatrixVar(column(w.y));
    }
    tape.rewind();
    auto scope = tape.activate();
    const MatrixVar w0 = input(p, 0, 1, 1), w1 = input(p, 1, 1, 1);
    const Var loss = tapegrad::mse(*x * w1 + w0, *y);
    tape.backward(loss, adjoints);
    read(w0, g, 0);
    read(w1, g, 1);
    return loss.value();
  }
  double gradient(const LogSumExp& w, std::span<const double> p, std::span<double> g) {
    tape.rewind();
    auto scope = tape.activate();
    const MatrixVar v = input(p, 0, Eigen::Index(w.point.size()), 1);
    const Var loss = tapegrad::log_sum_exp(v);
    tape.backward(loss, adjoints);
    read(v, g, 0);
    return loss.value();
  }
  double gradient(const NormalLogDensity& w, std::span<const double> p, std::span<double> g) {
    if (!x) x = MatrixVar(column(w.x));
    tape.rewind();
    auto scope = tape.activate();
    const MatrixVar mu = input(p, 0, 1, 1), sigma = input(p, 1, 1, 1);
    const double n = double(w.x.size());
    const Var z2 = tapegrad::squared_norm(tapegrad::cwise_quotient(*x - mu, sigma));
    const Var loss = -0.5 * z2 - n * log(sigma(0, 0)) - n * NormalLogDensity::half_log_2pi;
    tape.backward(loss, adjoints);
    read(mu, g, 0);
    read(sigma, g, 1);
    return loss.value();
  }
  double gradient(const Logistic& w, std::span<const double> p, std::span<double> g) {
    if (!x) {
      x = MatrixVar(w.X);
      y = MatrixVar(Eigen::MatrixXd(w.y));
    }
    tape.rewind();
    auto scope = tape.activate();
    const MatrixVar weights = input(p, 0, Logistic::d, 1);
    const Var loss = tapegrad::bce_with_logits(*x * weights, *y);
    tape.backward(loss, adjoints);
    read(weights, g, 0);
    return loss.value();
  }
  double gradient(const SumMatmul& w, std::span<const double> p, std::span<double> g) {
    tape.rewind();
    auto scope = tape.activate();
    const MatrixVar a = input(p, 0, w.n, w.n), b = input(p, w.n * w.n, w.n, w.n);
    const Var loss = tapegrad::sum(a * b);
    tape.backward(loss, adjoints);
    read(a, g, 0);
    read(b, g, w.n * w.n);
    return loss.value();
  }
  double gradient(const Mlp& w, std::span<const double> p, std::span<double> g) {
    if (!x) {
      x = MatrixVar(w.X);
      y = MatrixVar(Eigen::MatrixXd(w.y));
    }
    tape.rewind();
    auto scope = tape.activate();
    const MatrixVar w1 = input(p, Mlp::w1, Mlp::hidden, Mlp::in);
    const MatrixVar b1 = input(p, Mlp::b1, 1, Mlp::hidden);  // a row: broadcast over samples
    const MatrixVar w2 = input(p, Mlp::w2, Mlp::hidden, 1);  // W2ᵀ
    const MatrixVar b2 = input(p, Mlp::b2, 1, 1);
    const MatrixVar hidden = tapegrad::tanh(*x * tapegrad::transpose(w1) + b1);  // n × hidden
    const Var loss = tapegrad::mse(hidden * w2 + b2, *y);
    tape.backward(loss, adjoints);
    read(w1, g, Mlp::w1);
    read(b1, g, Mlp::b1);
    read(w2, g, Mlp::w2);
    read(b2, g, Mlp::b2);
    return loss.value();
  }
  template <class W>
  void report(benchmark::State& state, const W&) {
    state.counters["tape_bytes"] = double(tape.stats().bytes_used);
  }
};

const bool registered = [] {
  add<TapegradMatrix, Mse>("tapegrad_matrix", data_sizes);
  add<TapegradMatrix, LogSumExp>("tapegrad_matrix", data_sizes);
  add<TapegradMatrix, NormalLogDensity>("tapegrad_matrix", data_sizes);
  add_matrix_workloads<TapegradMatrix>("tapegrad_matrix", false);
  return true;
}();

}  // namespace
}  // namespace bench
