// SPDX-License-Identifier: MIT
// The training glue between the models' matrix-level losses and optim's epoch loop.
#include "models/training.hpp"

#include <fmt/format.h>

#include <memory>
#include <numeric>

#include "models/errors.hpp"
#include "optim/adam.hpp"
#include "optim/gradient_descent.hpp"
#include "optim/minimize.hpp"
#include "optim/momentum.hpp"

namespace tapegrad::models {

std::vector<double> FitHistory::losses() const {
  std::vector<double> out;
  out.reserve(records.size());
  for (const auto& r : records) out.push_back(r.value);
  return out;
}

std::vector<std::size_t> all_samples(std::size_t n) {
  std::vector<std::size_t> v(n);
  std::iota(v.begin(), v.end(), std::size_t{0});
  return v;
}

namespace {

Eigen::Index total_size(const std::vector<Parameter>& params) {
  Eigen::Index n = 0;
  for (const auto& p : params) n += p.value.size();
  return n;
}

Eigen::VectorXd pack(const std::vector<Parameter>& params) {
  Eigen::VectorXd x(total_size(params));
  Eigen::Index at = 0;
  for (const auto& p : params) {
    x.segment(at, p.value.size()) = p.value.reshaped();
    at += p.value.size();
  }
  return x;
}

void unpack(const Eigen::VectorXd& x, std::vector<Parameter>& params) {
  Eigen::Index at = 0;
  for (auto& p : params) {
    p.value.reshaped() = x.segment(at, p.value.size());
    at += p.value.size();
  }
}

// One tape for the whole fit, rewound before each batch: records the loss at x and sweeps back.
class TapeObjective {
 public:
  TapeObjective(std::vector<Parameter> shapes, const LossRecorder& loss, double l2)
      : params_(std::move(shapes)), loss_(loss), l2_(l2) {}

  double operator()(const Eigen::VectorXd& x, std::span<const std::size_t> batch,
                    Eigen::VectorXd& grad) {
    unpack(x, params_);
    tape_.rewind();
    auto scope = tape_.activate();
    vars_.clear();
    for (const auto& p : params_) vars_.push_back(MatrixVar::input(tape_, p.value));
    Var l = record(batch);
    tape_.backward(l, adjoints_);
    grad.resize(x.size());
    Eigen::Index at = 0;
    for (const auto& v : vars_) {
      grad.segment(at, v.size()) = v.adjoint(adjoints_).reshaped();
      at += v.size();
    }
    return l.value();
  }

 private:
  Var record(std::span<const std::size_t> batch) {
    Var l = loss_(vars_, batch);
    if (l2_ > 0.0)
      for (std::size_t i = 0; i < params_.size(); ++i)
        if (params_[i].regularized) l = l + (0.5 * l2_) * squared_norm(vars_[i]);
    return l;
  }
  std::vector<Parameter> params_;
  const LossRecorder& loss_;
  double l2_;
  Tape tape_;
  Adjoints<double> adjoints_;
  std::vector<MatrixVar> vars_;
};

std::unique_ptr<optim::GradientRule> make_rule(const FitOptions& o) {
  switch (o.solver) {
    case Solver::gradient_descent:
      return std::make_unique<optim::GradientDescent>(
          optim::GradientDescentOptions{.learning_rate = o.learning_rate});
    case Solver::momentum:
      return std::make_unique<optim::Momentum>(optim::MomentumOptions{.learning_rate = o.learning_rate});
    case Solver::adam:
      return std::make_unique<optim::Adam>(optim::AdamOptions{.learning_rate = o.learning_rate});
  }
  throw ModelError("FitOptions: unknown solver");
}

// The error for a diverged fit: what happened and when (optim's message), and what to change.
TrainingDivergedError diverged(const char* where, const FitHistory& h, const FitOptions& o) {
  const std::size_t epoch = h.records.empty() ? 0 : h.records.back().step;
  return TrainingDivergedError(
      fmt::format("{}: training diverged at epoch {} ({}). To fix: lower "
                  "FitOptions::learning_rate (now {}), scale the features (Standardizer) if their "
                  "ranges differ widely, or set FitOptions::on_divergence = "
                  "OnDivergence::keep_partial to get the partial result",
                  where, epoch, h.stop.message, o.learning_rate),
      epoch, h.losses());
}

}  // namespace

LossGradient loss_gradient(const std::vector<Parameter>& params, std::span<const std::size_t> batch,
                           const LossRecorder& loss, double l2) {
  TapeObjective objective(params, loss, l2);
  Eigen::VectorXd grad;
  LossGradient out;
  out.loss = objective(pack(params), batch, grad);
  Eigen::Index at = 0;
  for (const auto& p : params) {
    out.gradients.push_back(grad.segment(at, p.value.size()).reshaped(p.value.rows(), p.value.cols()));
    at += p.value.size();
  }
  return out;
}

FitHistory fit_parameters(std::vector<Parameter>& params, std::size_t samples,
                          const LossRecorder& loss, const FitOptions& options, const char* where,
                          const HeldOut* held_out) {
  if (samples == 0) throw ModelError("fit: no samples to train on");
  if (!(options.learning_rate > 0.0))
    throw ModelError(fmt::format("FitOptions: learning_rate = {} must be > 0", options.learning_rate));
  if (options.l2 < 0.0) throw ModelError(fmt::format("FitOptions: l2 = {} must be ≥ 0", options.l2));
  if (options.epochs == 0) throw ModelError("FitOptions: epochs must be ≥ 1");
  TapeObjective objective(params, loss, options.l2);
  auto rule = make_rule(options);
  const bool full = options.batch_size == 0 || options.batch_size >= samples;
  FitHistory h;
  Eigen::VectorXd reached;
  if (full) {
    // Full batch: minimize(), whose record k is exactly L(x_k) at x_k (the lessons' tables).
    const std::vector<std::size_t> all = all_samples(samples);
    optim::MinimizeResult r = optim::minimize(
        [&](const Eigen::VectorXd& x, Eigen::VectorXd& grad) { return objective(x, all, grad); },
        pack(params), *rule,
        {.max_steps = options.epochs, .stop = options.stop,
         .keep_params = options.keep_params || held_out != nullptr,
         .keep_gradients = false});
    reached = std::move(r.x);
    h = FitHistory{.records = std::move(r.history), .stop = std::move(r.stop), .updates = r.steps()};
  } else {
    optim::TrainOptions train{
        .epochs = options.epochs,
        .batches = {.batch_size = options.batch_size, .shuffle = true, .seed = options.seed},
        .stop = options.stop,
    };
    optim::TrainResult r = optim::train_epochs(
        [&](const Eigen::VectorXd& x, std::span<const std::size_t> batch, Eigen::VectorXd& grad) {
          return objective(x, batch, grad);
        },
        samples, pack(params), *rule, train);
    reached = std::move(r.x);
    h = FitHistory{.records = std::move(r.epochs), .stop = std::move(r.stop), .updates = r.updates};
  }
  if (h.stop.kind == optim::StopReason::Kind::diverged &&
      options.on_divergence == OnDivergence::throw_error)
    throw diverged(where, h, options);
  unpack(reached, params);
  if (held_out != nullptr) {
    TapeObjective held(params, held_out->loss, 0.0);
    const std::vector<std::size_t> all = all_samples(held_out->samples);
    Eigen::VectorXd unused;
    for (const auto& rec : h.records) h.held_out_losses.push_back(held(rec.params, all, unused));
  }
  if (!options.keep_params)
    for (auto& rec : h.records) rec.params = Eigen::VectorXd();
  for (auto& rec : h.records) rec.gradient = Eigen::VectorXd();
  return h;
}

}  // namespace tapegrad::models
