// SPDX-License-Identifier: MIT
// Minibatch training: a sampler that splits n samples into batches, reshuffled each epoch with a
// seeded std::mt19937_64 (the same seed gives the same batches), and train_epochs(), the epoch
// loop that feeds each batch's gradient to a first-order rule (SGD when the rule is
// GradientDescent).
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <vector>

#include "optim/minimize.hpp"
#include "optim/optimizer.hpp"

namespace tapegrad::optim {

struct MinibatchOptions {
  std::size_t batch_size = 32;
  bool shuffle = true;     // a fresh permutation each epoch; false keeps 0, 1, ..., n − 1
  bool drop_last = false;  // drop a last batch smaller than batch_size
  std::uint64_t seed = 0;  // seeds std::mt19937_64
};

class MinibatchSampler {
 public:
  MinibatchSampler(std::size_t samples, MinibatchOptions options = {});
  // Starts the next epoch (the first call starts epoch 1): reshuffles when shuffling.
  void next_epoch();
  std::size_t epoch() const { return epoch_; }
  std::size_t batches() const;
  // The sample indices of batch b of the current epoch (b < batches()).
  std::span<const std::size_t> batch(std::size_t b) const;
  std::size_t samples() const { return order_.size(); }

 private:
  MinibatchOptions options_;
  std::vector<std::size_t> order_;
  std::mt19937_64 rng_;
  std::size_t epoch_ = 0;
};

// L over the samples in `batch` (a mean, so batch sizes do not change the scale), with its
// gradient written into grad.
using BatchObjective = std::function<double(const Eigen::VectorXd& x,
                                            std::span<const std::size_t> batch,
                                            Eigen::VectorXd& grad)>;

struct TrainOptions {
  std::size_t epochs = 10;  // the cap, in epochs
  MinibatchOptions batches{};
  // Stopping rules, checked after each epoch on the epoch records (NoImprovement{.patience = 5}
  // is early stopping by epochs; MaxSteps counts epochs).
  StopRule stop{};
  // Indexed by the update count (not the epoch), from the rule's base learning rate.
  Schedule schedule{};
  DivergenceOptions divergence{.window = 5};
  std::function<void(const StepRecord&)> on_epoch{};
};

// Record 0 is the loss and gradient over all samples at the start; record e (epoch e) holds the
// mean of the epoch's batch losses, the norm of the mean of its batch gradients, the distance x
// moved during the epoch, the last learning rate, and x at the end of the epoch.
struct TrainResult {
  Eigen::VectorXd x;
  std::vector<StepRecord> epochs;
  StopReason stop;
  std::size_t updates = 0;
};

TrainResult train_epochs(const BatchObjective& objective, std::size_t samples, Eigen::VectorXd x0,
                         GradientRule& rule, const TrainOptions& options = {});

}  // namespace tapegrad::optim
