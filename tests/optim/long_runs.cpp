// SPDX-License-Identifier: MIT
// Long runs: a bounded history (keep_last) that still stops where the whole one would, and a run
// stopped from outside between two steps (interrupted).
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cstddef>
#include <optional>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "optim/optim.hpp"

using namespace tapegrad::optim;

namespace {
// (x − 3)², minimum 0 at 3.
Objective bowl() {
  return [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Constant(1, 2 * (x[0] - 3));
    return (x[0] - 3) * (x[0] - 3);
  };
}
}  // namespace

BOOST_AUTO_TEST_SUITE(long_runs)

BOOST_AUTO_TEST_CASE(keep_last_holds_record_0_and_the_last_records) {
  GradientDescent gd({.learning_rate = 0.1});
  std::size_t seen = 0;
  const MinimizeResult r = minimize(bowl(), Eigen::VectorXd::Zero(1), gd,
                                    {.max_steps = 10000,
                                     .on_step = [&](const StepRecord&) { ++seen; },
                                     .keep_last = 20});
  BOOST_TEST(seen == 10001u);  // on_step still sees every record
  BOOST_TEST_REQUIRE(r.history.size() == 21u);
  BOOST_TEST(r.history.front().step == 0u);
  BOOST_TEST(r.history.front().params[0] == 0.0);
  for (std::size_t k = 1; k < r.history.size(); ++k) BOOST_TEST(r.history[k].step == 9980 + k);
  BOOST_TEST(r.steps() == 10000u);
}

// Watches how many records the loop holds: the stopping rules see all of them.
struct RecordsHeld {
  std::size_t* most;
  std::string name() const { return "records_held"; }
  std::optional<std::string> check(const StopContext& c) const {
    *most = std::max(*most, c.history.size());
    return std::nullopt;
  }
};

BOOST_AUTO_TEST_CASE(keep_last_bounds_the_records_held_during_a_long_run) {
  GradientDescent gd({.learning_rate = 0.1});
  std::size_t most = 0;
  const MinimizeResult r = minimize(bowl(), Eigen::VectorXd::Zero(1), gd,
                                    {.max_steps = 100000, .stop = RecordsHeld{&most}, .keep_last = 16});
  BOOST_TEST(r.steps() == 100000u);
  BOOST_TEST(most >= 16u);
  BOOST_TEST(most <= 2 * 16u);  // the window is trimmed to 16 whenever it reaches 32
  BOOST_TEST(r.history.size() == 17u);
}

BOOST_AUTO_TEST_CASE(keep_last_never_drops_what_divergence_reads) {
  // x² with η = 1.5: x = 1, −2, 4, −8, ...; the divergence test reads the last window + 1
  // records and the start's loss, so keep_last = 1 must not blind it.
  const Objective square = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = 2 * x;
    return x.squaredNorm();
  };
  GradientDescent gd({.learning_rate = 1.5});
  const MinimizeResult whole = minimize(square, Eigen::VectorXd::Ones(1), gd, {.max_steps = 100});
  const MinimizeResult kept =
      minimize(square, Eigen::VectorXd::Ones(1), gd, {.max_steps = 100, .keep_last = 1});
  BOOST_TEST(whole.diverged());
  BOOST_TEST(kept.diverged());
  BOOST_TEST(kept.steps() == whole.steps());
  BOOST_TEST(kept.stop.message == whole.stop.message);
}

BOOST_AUTO_TEST_CASE(no_improvement_stops_at_the_same_step_with_keep_last_above_patience) {
  // Plateaus after a few hundred steps (the loss reaches 0 exactly); patience 50.
  GradientDescent gd({.learning_rate = 0.1});
  const MinimizeOptions base{.max_steps = 100000, .stop = NoImprovement{.patience = 50}};
  MinimizeOptions bounded = base;
  bounded.keep_last = 51;
  const MinimizeResult whole = minimize(bowl(), Eigen::VectorXd::Zero(1), gd, base);
  const MinimizeResult kept = minimize(bowl(), Eigen::VectorXd::Zero(1), gd, bounded);
  BOOST_TEST(whole.stop.rule == "no_improvement");
  BOOST_TEST(kept.stop.rule == "no_improvement");
  BOOST_TEST(kept.steps() == whole.steps());
  BOOST_TEST(kept.x[0] == whole.x[0]);
}

BOOST_AUTO_TEST_CASE(no_improvement_after_the_loss_rose_is_exact_with_two_records_held) {
  // The loss falls to its best at step 2, then rises: with every record or only the last two
  // held, the rule stops at step 2 + patience, naming the best of step 2.
  const std::vector<double> losses = {5, 4, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5};
  const Eigen::VectorXd x = Eigen::VectorXd::Zero(1);
  const NoImprovement whole_rule{.patience = 4}, held_rule{.patience = 4};
  std::vector<StepRecord> records;
  std::optional<std::size_t> whole_stop, held_stop;
  std::string held_message;
  for (std::size_t k = 0; k < losses.size(); ++k) {
    records.push_back({.step = k, .value = losses[k]});
    const std::span<const StepRecord> all(records);
    if (!whole_stop && whole_rule.check({all, x})) whole_stop = k;
    const std::span<const StepRecord> last_two = all.last(std::min<std::size_t>(2, all.size()));
    if (!held_stop)
      if (auto why = held_rule.check({last_two, x})) {
        held_stop = k;
        held_message = *why;
      }
  }
  BOOST_TEST((whole_stop == std::optional<std::size_t>(6)));
  BOOST_TEST((held_stop == whole_stop));
  BOOST_TEST(held_message.find("(step 2)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(interrupted_stops_between_steps_with_its_own_reason) {
  GradientDescent gd({.learning_rate = 0.1});
  std::size_t last_recorded = 0;
  const MinimizeResult r = minimize(
      bowl(), Eigen::VectorXd::Zero(1), gd,
      {.max_steps = 1000,
       .on_step = [&](const StepRecord& rec) { last_recorded = rec.step; },
       .interrupted = [&] { return last_recorded == 3; }});
  BOOST_TEST(r.interrupted());
  BOOST_TEST(!r.diverged());
  BOOST_TEST(r.stop.rule == "interrupted");
  BOOST_TEST(r.steps() == 3u);
  BOOST_TEST(r.history.size() == 4u);
  BOOST_TEST(r.x[0] == r.history.back().params[0]);  // the result is the last recorded point
  BOOST_TEST(r.stop.message.find("after step 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(divergence_outranks_an_interruption_at_the_same_record) {
  const Objective nan_at_start = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Zero(x.size());
    return std::numeric_limits<double>::quiet_NaN();
  };
  GradientDescent gd({.learning_rate = 0.1});
  const MinimizeResult r = minimize(nan_at_start, Eigen::VectorXd::Ones(1), gd,
                                    {.max_steps = 100, .interrupted = [] { return true; }});
  BOOST_TEST(r.diverged());
}

BOOST_AUTO_TEST_SUITE_END()
