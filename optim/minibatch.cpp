// SPDX-License-Identifier: MIT
// The minibatch sampler and the epoch loop.
#include "optim/minibatch.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <utility>

#include "optim/errors.hpp"

namespace tapegrad::optim {

MinibatchSampler::MinibatchSampler(std::size_t samples, MinibatchOptions options)
    : options_(options), order_(samples), rng_(options.seed) {
  if (samples == 0) throw OptimError("MinibatchSampler: there are no samples");
  if (options_.batch_size == 0) throw OptimError("MinibatchSampler: batch_size must be > 0");
  if (options_.drop_last && options_.batch_size > samples)
    throw OptimError(fmt::format("MinibatchSampler: batch_size = {} > {} samples with drop_last "
                                 "leaves no batch at all",
                                 options_.batch_size, samples));
  std::iota(order_.begin(), order_.end(), std::size_t{0});
}

void MinibatchSampler::next_epoch() {
  ++epoch_;
  if (options_.shuffle) std::shuffle(order_.begin(), order_.end(), rng_);
}

std::size_t MinibatchSampler::batches() const {
  const std::size_t full = order_.size() / options_.batch_size;
  const bool partial = order_.size() % options_.batch_size != 0;
  return full + (partial && !options_.drop_last ? 1 : 0);
}

std::span<const std::size_t> MinibatchSampler::batch(std::size_t b) const {
  if (b >= batches())
    throw OptimError(fmt::format("MinibatchSampler: batch {} of {}", b, batches()));
  const std::size_t first = b * options_.batch_size;
  const std::size_t size = std::min(options_.batch_size, order_.size() - first);
  return std::span<const std::size_t>(order_).subspan(first, size);
}

TrainResult train_epochs(const BatchObjective& objective, std::size_t samples, Eigen::VectorXd x0,
                         GradientRule& rule, const TrainOptions& options) {
  if (!objective) throw OptimError("train_epochs: the objective is empty");
  const auto start = std::chrono::steady_clock::now();
  MinibatchSampler sampler(samples, options.batches);
  rule.reset();
  TrainResult result;
  result.x = std::move(x0);

  std::vector<std::size_t> all(samples);
  std::iota(all.begin(), all.end(), std::size_t{0});
  Eigen::VectorXd grad;
  StepRecord r0;
  r0.value = objective(result.x, all, grad);
  r0.gradient_norm = grad.norm();
  r0.evaluations = 1;
  r0.params = result.x;
  r0.gradient = grad;
  result.epochs.push_back(std::move(r0));
  if (options.on_epoch) options.on_epoch(result.epochs.back());

  Eigen::VectorXd mean_grad, epoch_start;
  std::size_t evaluations = 1;
  for (std::size_t e = 1;; ++e) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const StopContext context{result.epochs, result.x, elapsed};
    if (auto diverged = check_divergence(result.epochs, options.divergence)) {
      result.stop = std::move(*diverged);
      break;
    }
    if (auto reason = options.stop.check(context)) {
      result.stop = std::move(*reason);
      break;
    }
    if (auto reason = MaxSteps{options.epochs}.check(context)) {
      result.stop = {StopReason::Kind::max_steps, "max_steps",
                     fmt::format("trained {} epochs", options.epochs)};
      break;
    }
    sampler.next_epoch();
    epoch_start = result.x;
    mean_grad = Eigen::VectorXd::Zero(result.x.size());
    double loss_sum = 0.0, rate = 0.0;
    for (std::size_t b = 0; b < sampler.batches(); ++b) {
      const double loss = objective(result.x, sampler.batch(b), grad);
      ++evaluations;
      loss_sum += loss;
      mean_grad += grad;
      rate = options.schedule(result.updates, rule.learning_rate());
      rule.update(result.x, grad, rate);
      ++result.updates;
    }
    const double batches = static_cast<double>(sampler.batches());
    StepRecord r;
    r.step = e;
    r.value = loss_sum / batches;
    mean_grad /= batches;
    r.gradient_norm = mean_grad.norm();
    r.step_norm = (result.x - epoch_start).norm();
    r.learning_rate = rate;
    r.evaluations = evaluations;
    r.params = result.x;
    r.gradient = mean_grad;
    result.epochs.push_back(std::move(r));
    if (options.on_epoch) options.on_epoch(result.epochs.back());
  }
  return result;
}

}  // namespace tapegrad::optim
