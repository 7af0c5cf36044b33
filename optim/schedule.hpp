// SPDX-License-Identifier: MIT
// Learning-rate schedules: η_t as a function of the step t (0 for the first update) and the
// optimizer's base rate η. Warm-up wraps any other schedule.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace tapegrad::optim {

// η_t = schedule(t, η). A value type; copy freely.
class Schedule {
 public:
  using Rule = std::function<double(std::size_t step, double base)>;
  // Constant: η_t = η.
  Schedule();
  Schedule(std::string description, Rule rule);
  double operator()(std::size_t step, double base) const { return rule_(step, base); }
  // "constant", "step(every 10, ×0.5)", "warmup(5, cosine(100, min 0·η))", ...
  const std::string& description() const { return description_; }

 private:
  std::string description_;
  Rule rule_;
};

namespace schedule {

// η_t = η.
Schedule constant();
// η_t = η·γ^⌊t / every⌋ (PyTorch's StepLR).
Schedule step_decay(std::size_t every, double gamma);
// η_t = η·γ^t (PyTorch's ExponentialLR).
Schedule exponential(double gamma);
// Cosine annealing without restarts (Loshchilov & Hutter, "SGDR", ICLR 2017, eq. 5):
//   η_t = η_min + (η − η_min)·(1 + cos(π·min(t, T)/T))/2,   η_min = min_fraction·η
// so η_0 = η and η_t = η_min from t = T on.
Schedule cosine(std::size_t total_steps, double min_fraction = 0.0);
// Linear warm-up (Goyal et al., "Accurate, large minibatch SGD", 2017): for t < w,
//   η_t = then(0, η)·(t + 1)/w,
// and afterwards η_t = then(t − w, η), so the wrapped schedule starts when warm-up ends.
Schedule warmup(std::size_t warmup_steps, Schedule then = constant());

}  // namespace schedule
}  // namespace tapegrad::optim
