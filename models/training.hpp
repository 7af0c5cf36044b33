// SPDX-License-Identifier: MIT
// How every model trains: its parameters are a list of Eigen matrices; a LossRecorder records
// the data loss of a minibatch at matrix level (MatrixVar ops) on one tape that is rewound before
// each batch, so it does not grow; optim's train_epochs drives the updates (full batch: plain
// gradient descent when the solver is gradient_descent).
//
//   models::FitOptions fit{.solver = models::Solver::adam, .learning_rate = 0.01, .epochs = 50,
//                          .batch_size = 32, .seed = 1, .l2 = 1e-4};
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "autodiff/matrix_ops.hpp"
#include "optim/minibatch.hpp"
#include "optim/stopping.hpp"

namespace tapegrad::models {

enum class Solver { gradient_descent, momentum, adam };

// What fit() does when the loss becomes NaN/∞ or keeps growing: throw TrainingDivergedError (the
// default: a model trained on a diverged run predicts garbage), or keep_partial — return normally
// with the parameters reached and the news in history().stop, for a caller who studies the
// failure itself.
enum class OnDivergence { throw_error, keep_partial };

struct FitOptions {
  Solver solver = Solver::adam;
  double learning_rate = 0.01;
  std::size_t epochs = 200;
  // Samples per update; 0 means the full batch: one update per epoch through optim::minimize,
  // whose record e is exactly the loss at the parameters after e updates.
  std::size_t batch_size = 0;
  std::uint64_t seed = 0;  // minibatch shuffling (the MLP also draws its initial weights from it)
  // L2 regularisation: the loss gains (l2/2)·Σ‖W‖² over the weights (never the biases).
  double l2 = 0.0;
  // Extra stopping rules on the epoch records (e.g. optim::NoImprovement{.patience = 10}).
  optim::StopRule stop{};
  // Keep the parameters of every epoch in history().records[e].params (for descent paths).
  bool keep_params = false;
  OnDivergence on_divergence = OnDivergence::throw_error;
};

// What fit() leaves behind: per-epoch records (record 0 is the start) and why it stopped.
struct FitHistory {
  std::vector<optim::StepRecord> records;
  // With held-out data (fit(x, labels, x_held_out, labels_held_out)): its data loss, without the
  // L2 term, at the parameters of each record — the test curve beside losses(); else empty.
  std::vector<double> held_out_losses;
  optim::StopReason stop;
  std::size_t updates = 0;
  // The loss curve: records[e].value for e = 0, 1, ...
  std::vector<double> losses() const;
};

// One parameter block of a model, e.g. a layer's weights W (regularised) or its bias b (not).
struct Parameter {
  std::string name;
  Eigen::MatrixXd value;
  bool regularized = true;
};

// Records the data loss (a mean over the samples in `batch`) of the model whose parameters are
// `params` (in the order of the Parameter list, recorded on the active tape).
using LossRecorder =
    std::function<Var(std::span<const MatrixVar> params, std::span<const std::size_t> batch)>;

// The loss (data loss + L2 term) and its gradient, one matrix per parameter, at the current values.
struct LossGradient {
  double loss = 0.0;
  std::vector<Eigen::MatrixXd> gradients;
};
LossGradient loss_gradient(const std::vector<Parameter>& params, std::span<const std::size_t> batch,
                           const LossRecorder& loss, double l2);

// Data a model does not train on: its loss at each record's parameters goes to
// FitHistory::held_out_losses (a rising test curve under a falling training curve is overfitting).
struct HeldOut {
  LossRecorder loss;  // over the held-out samples 0 … samples − 1
  std::size_t samples = 0;
};

// Trains `params` in place from their current values on `samples` samples. On divergence it
// throws TrainingDivergedError and leaves `params` as they were (unless options.on_divergence
// says keep_partial); `where` names the caller in messages ("LogisticRegression::fit").
FitHistory fit_parameters(std::vector<Parameter>& params, std::size_t samples,
                          const LossRecorder& loss, const FitOptions& options,
                          const char* where = "fit_parameters", const HeldOut* held_out = nullptr);

// 0, 1, ..., n − 1: the batch of all samples.
std::vector<std::size_t> all_samples(std::size_t n);

}  // namespace tapegrad::models
