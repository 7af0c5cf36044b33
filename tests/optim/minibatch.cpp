// SPDX-License-Identifier: MIT
// The minibatch sampler (batches, epochs, seeded shuffling) and the epoch loop (SGD on a small
// least-squares problem).
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <set>

#include "optim/optim.hpp"

using namespace tapegrad::optim;
namespace tt = boost::test_tools;

namespace {
std::vector<std::size_t> epoch_order(MinibatchSampler& s) {
  s.next_epoch();
  std::vector<std::size_t> order;
  for (std::size_t b = 0; b < s.batches(); ++b)
    for (std::size_t i : s.batch(b)) order.push_back(i);
  return order;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(minibatch)

BOOST_AUTO_TEST_CASE(batches_cover_every_sample_once_per_epoch) {
  MinibatchSampler s(10, {.batch_size = 4, .seed = 7});
  BOOST_TEST(s.batches() == 3u);  // 4 + 4 + 2
  s.next_epoch();
  BOOST_TEST(s.batch(0).size() == 4u);
  BOOST_TEST(s.batch(2).size() == 2u);
  for (int e = 0; e < 3; ++e) {
    std::vector<std::size_t> order = epoch_order(s);
    std::sort(order.begin(), order.end());
    BOOST_TEST(order.size() == 10u);
    for (std::size_t i = 0; i < 10; ++i) BOOST_TEST(order[i] == i);
  }
  BOOST_CHECK_THROW(s.batch(3), OptimError);
}

BOOST_AUTO_TEST_CASE(drop_last_drops_the_short_batch) {
  MinibatchSampler s(10, {.batch_size = 4, .drop_last = true});
  BOOST_TEST(s.batches() == 2u);
}

BOOST_AUTO_TEST_CASE(the_seed_fixes_the_order_and_epochs_differ) {
  MinibatchSampler a(50, {.batch_size = 8, .seed = 42}), b(50, {.batch_size = 8, .seed = 42}),
      c(50, {.batch_size = 8, .seed = 43});
  const auto a1 = epoch_order(a), a2 = epoch_order(a);
  const auto b1 = epoch_order(b);
  const auto c1 = epoch_order(c);
  BOOST_TEST(a1 == b1);
  BOOST_TEST(a1 != a2);  // reshuffled each epoch
  BOOST_TEST(a1 != c1);
  BOOST_TEST(a.epoch() == 2u);
}

BOOST_AUTO_TEST_CASE(no_shuffle_keeps_the_order) {
  MinibatchSampler s(5, {.batch_size = 2, .shuffle = false});
  const auto order = epoch_order(s);
  for (std::size_t i = 0; i < 5; ++i) BOOST_TEST(order[i] == i);
}

BOOST_AUTO_TEST_CASE(bad_sizes_are_errors) {
  BOOST_CHECK_THROW(MinibatchSampler(0), OptimError);
  BOOST_CHECK_THROW(MinibatchSampler(5, {.batch_size = 0}), OptimError);
  BOOST_CHECK_THROW(MinibatchSampler(5, {.batch_size = 6, .drop_last = true}), OptimError);
}

BOOST_AUTO_TEST_CASE(sgd_fits_a_line) {
  // Lesson 000's model ŷ = w1·x + w0 on y = 2x + 1 for x in [−1, 1], mean squared error per
  // batch: ∂L/∂w0 = −2·mean(y − ŷ), ∂L/∂w1 = −2·mean((y − ŷ)·x).
  std::vector<double> xs, ys;
  for (int i = 0; i < 40; ++i) {
    xs.push_back(-1.0 + i / 19.5);
    ys.push_back(2.0 * xs.back() + 1.0);
  }
  const BatchObjective mse = [&](const Eigen::VectorXd& w, std::span<const std::size_t> batch,
                                 Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Zero(2);
    double loss = 0.0;
    for (std::size_t i : batch) {
      const double r = ys[i] - (w[1] * xs[i] + w[0]);
      loss += r * r;
      g[0] += -2.0 * r;
      g[1] += -2.0 * r * xs[i];
    }
    const double n = static_cast<double>(batch.size());
    g /= n;
    return loss / n;
  };
  GradientDescent sgd({.learning_rate = 0.1});
  const TrainResult r = train_epochs(mse, xs.size(), Eigen::VectorXd::Zero(2), sgd,
                                     {.epochs = 200, .batches = {.batch_size = 8, .seed = 1},
                                      .stop = LossBelow{1e-12}});
  BOOST_TEST(r.stop.rule == "loss_below", r.stop.message);
  BOOST_TEST(r.x[0] == 1.0, tt::tolerance(1e-5));
  BOOST_TEST(r.x[1] == 2.0, tt::tolerance(1e-5));
  BOOST_TEST(r.updates == 5 * (r.epochs.size() - 1));  // 40 samples / 8 = 5 batches per epoch
  BOOST_TEST(r.epochs[0].value == 1.0 + 4.0 * 0.35, tt::tolerance(0.1));  // mean of (2x+1)² at w = 0
  // The same seed gives the same run.
  const TrainResult again = train_epochs(mse, xs.size(), Eigen::VectorXd::Zero(2), sgd,
                                         {.epochs = 3, .batches = {.batch_size = 8, .seed = 1}});
  BOOST_TEST(again.epochs[3].params == r.epochs[3].params);
}

BOOST_AUTO_TEST_CASE(early_stopping_by_epochs) {
  // A constant loss never improves: NoImprovement{2} stops after epoch 2.
  const BatchObjective flat = [](const Eigen::VectorXd& w, std::span<const std::size_t>,
                                 Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Zero(w.size());
    return 1.0;
  };
  Adam adam;
  const TrainResult r = train_epochs(flat, 10, Eigen::VectorXd::Zero(1), adam,
                                     {.epochs = 50, .stop = NoImprovement{.patience = 2}});
  BOOST_TEST(r.epochs.size() == 3u);
  BOOST_TEST(r.stop.rule == "no_improvement");
}

BOOST_AUTO_TEST_SUITE_END()
