// SPDX-License-Identifier: MIT
// Each stopping rule of lesson 004 triggers exactly at the first record where its condition
// holds — not one step early, not one late — and combinations report the rule that fired.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "optim/optim.hpp"

using namespace tapegrad::optim;
namespace tt = boost::test_tools;

namespace {
// Lesson 000's parabola from x = 5 with η = 0.1: x_k − 2 = 3·0.8^k in closed form, so
//   g_k = 6·0.8^k,  L_k = 9·0.64^k − 1,  ‖x_k − x_(k−1)‖ = 0.6·0.8^(k−1).
Objective parabola() {
  return [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = Eigen::VectorXd::Constant(1, 2 * x[0] - 4);
    return x[0] * x[0] - 4 * x[0] + 3;
  };
}
MinimizeResult run(StopRule stop) {
  GradientDescent gd({.learning_rate = 0.1});
  return minimize(parabola(), Eigen::VectorXd::Constant(1, 5.0), gd,
                  {.max_steps = 500, .stop = std::move(stop)});
}
// The first k ≥ from with condition(k).
template <class C>
std::size_t first_k(C condition, std::size_t from = 0) {
  std::size_t k = from;
  while (!condition(static_cast<double>(k))) ++k;
  return k;
}
// A context over hand-made records with the given losses.
struct Records {
  std::vector<StepRecord> history;
  Eigen::VectorXd x = Eigen::VectorXd::Zero(1);
  explicit Records(std::initializer_list<double> losses) {
    std::size_t k = 0;
    for (double l : losses) history.push_back(StepRecord{.step = k++, .value = l});
  }
  StopContext upto(std::size_t k, double elapsed = 0.0) const {
    return StopContext{std::span(history).first(k + 1), x, elapsed};
  }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(stopping_rules)

BOOST_AUTO_TEST_CASE(max_steps_stops_after_that_many_updates) {
  const MinimizeResult r = run(MaxSteps{7});
  BOOST_TEST(r.steps() == 7u);
  BOOST_TEST(r.stop.rule == "max_steps");
  BOOST_TEST((r.stop.kind == StopReason::Kind::rule));  // the user's rule, not the loop's cap
  BOOST_TEST(r.history.size() == 8u);
}

BOOST_AUTO_TEST_CASE(the_cap_is_always_on) {
  const MinimizeResult r = run(StopRule{});  // no rule: the cap of 500 stops it
  BOOST_TEST(r.steps() == 500u);
  BOOST_TEST((r.stop.kind == StopReason::Kind::max_steps));
  BOOST_TEST(r.stop.message == "reached the cap of 500 steps");
}

BOOST_AUTO_TEST_CASE(metric_at_least) {
  // "Accuracy" 1 − |x − 2| ≥ 0.99, i.e. 3·0.8^k ≤ 0.01.
  const MinimizeResult r = run(MetricAtLeast{
      .metric = [](const Eigen::VectorXd& x) { return 1.0 - std::abs(x[0] - 2.0); },
      .at_least = 0.99,
      .metric_name = "accuracy"});
  const std::size_t k = first_k([](double k) { return 1.0 - 3 * std::pow(0.8, k) >= 0.99; });
  BOOST_TEST(r.steps() == k);
  BOOST_TEST(r.stop.rule == "metric_at_least");
  BOOST_TEST(r.stop.message.starts_with("accuracy = 0.99"));
}

BOOST_AUTO_TEST_CASE(step_norm_below) {
  const MinimizeResult r = run(StepNormBelow{1e-3});
  const std::size_t k = first_k([](double k) { return 0.6 * std::pow(0.8, k - 1) <= 1e-3; }, 1);
  BOOST_TEST(r.steps() == k);
  BOOST_TEST(r.history.back().step_norm <= 1e-3);
  BOOST_TEST(r.history[k - 1].step_norm > 1e-3);
}

BOOST_AUTO_TEST_CASE(step_norm_is_not_checked_at_the_start) {
  // Record 0 has no previous point; its step_norm of 0 must not stop the run.
  const MinimizeResult r = run(StepNormBelow{0.5});
  BOOST_TEST(r.steps() == first_k([](double k) { return 0.6 * std::pow(0.8, k - 1) <= 0.5; }, 1));
  BOOST_TEST(r.steps() > 0u);
}

BOOST_AUTO_TEST_CASE(loss_below) {
  const MinimizeResult r = run(LossBelow{-0.999});
  BOOST_TEST(r.steps() == first_k([](double k) { return 9 * std::pow(0.64, k) - 1 <= -0.999; }));
  BOOST_TEST(r.stop.rule == "loss_below");
}

BOOST_AUTO_TEST_CASE(loss_change_below) {
  // |L_k − L_(k−1)| = 9·0.64^(k−1)·0.36.
  const MinimizeResult r = run(LossChangeBelow{1e-4});
  BOOST_TEST(r.steps() ==
             first_k([](double k) { return 9 * std::pow(0.64, k - 1) * 0.36 <= 1e-4; }, 1));
}

BOOST_AUTO_TEST_CASE(gradient_norm_below) {
  const MinimizeResult r = run(GradientNormBelow{1.0});
  // 6·0.8⁸ ≈ 1.007 > 1, 6·0.8⁹ ≈ 0.805: step 9.
  BOOST_TEST(r.steps() == 9u);
  BOOST_TEST(r.steps() == first_k([](double k) { return 6 * std::pow(0.8, k) <= 1.0; }));
  BOOST_TEST(r.stop.message == "‖∇L‖ = 0.805306 ≤ 1 at step 9");
}

BOOST_AUTO_TEST_CASE(no_improvement_counts_from_the_best) {
  //                 0    1    2    3    4    5    6
  const Records r{5.0, 3.0, 4.0, 3.5, 3.2, 3.0, 2.9};
  const NoImprovement rule{.patience = 3};
  BOOST_TEST(!rule.check(r.upto(3)));  // best at 1, two steps without improvement
  BOOST_TEST(rule.check(r.upto(4)).has_value());  // three: stop
  BOOST_TEST(*rule.check(r.upto(4)) == "no improvement on the best loss 3 (step 1) for 3 steps");
  // Step 5 ties the best (not an improvement): still counted from step 1.
  BOOST_TEST(rule.check(r.upto(5)).has_value());
  BOOST_TEST(!rule.check(r.upto(6)));  // step 6 is a new best
}

BOOST_AUTO_TEST_CASE(no_improvement_with_min_delta) {
  const Records r{5.0, 4.0, 3.95, 3.92, 3.9};
  // With min_delta 0.1 the small gains after step 1 do not count as improvements.
  const NoImprovement strict{.patience = 3, .min_delta = 0.1}, any_gain{.patience = 3};
  BOOST_TEST(strict.check(r.upto(4)).has_value());
  BOOST_TEST(!any_gain.check(r.upto(4)));
}

BOOST_AUTO_TEST_CASE(no_improvement_in_the_loop) {
  // The parabola's loss falls at every step until, in floating point, it reaches −1 and stays:
  // patience 1 stops at the first record that does not improve on its predecessor.
  const MinimizeResult once = run(NoImprovement{.patience = 1});
  BOOST_TEST(once.stop.rule == "no_improvement");
  const auto& h = once.history;
  for (std::size_t k = 1; k + 1 < h.size(); ++k) BOOST_TEST(h[k].value < h[k - 1].value);
  BOOST_TEST(h.back().value >= h[h.size() - 2].value);
  BOOST_TEST(h.back().value == -1.0, tt::tolerance(1e-14));
  // With η = 1 it oscillates between 5 and −1 with the same loss: the best stays at step 0.
  GradientDescent gd({.learning_rate = 1.0});
  const MinimizeResult r = minimize(parabola(), Eigen::VectorXd::Constant(1, 5.0), gd,
                                    {.max_steps = 100, .stop = NoImprovement{.patience = 4}});
  BOOST_TEST(r.steps() == 4u);
  BOOST_TEST(r.stop.rule == "no_improvement");
}

BOOST_AUTO_TEST_CASE(time_budget) {
  const Records r{1.0, 0.5};
  const TimeBudget rule{.seconds = 2.0};
  BOOST_TEST(!rule.check(r.upto(1, 1.999)));
  BOOST_TEST(rule.check(r.upto(1, 2.0)).has_value());
  // In the loop a zero budget stops at the first check.
  BOOST_TEST(run(TimeBudget{.seconds = 0.0}).steps() == 0u);
  BOOST_TEST(run(TimeBudget{.seconds = 3600.0}).stop.rule == "max_steps");
}

BOOST_AUTO_TEST_CASE(any_of_reports_the_rule_that_fired) {
  const MinimizeResult r = run(GradientNormBelow{1.0} || MaxSteps{5});
  BOOST_TEST(r.steps() == 5u);
  BOOST_TEST(r.stop.rule == "max_steps");
  const MinimizeResult r2 = run(GradientNormBelow{1.0} || MaxSteps{50});
  BOOST_TEST(r2.steps() == 9u);
  BOOST_TEST(r2.stop.rule == "gradient_norm_below");
}

BOOST_AUTO_TEST_CASE(all_of_waits_for_every_rule) {
  // ‖∇L‖ ≤ 1 holds from step 9 on, L ≤ −0.999 from a later step: both only then.
  const MinimizeResult r = run(GradientNormBelow{1.0} && LossBelow{-0.999});
  BOOST_TEST(r.steps() == first_k([](double k) { return 9 * std::pow(0.64, k) - 1 <= -0.999; }));
  BOOST_TEST(r.stop.rule == "(gradient_norm_below && loss_below)");
  BOOST_TEST(r.stop.message.find("; ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(combinations_nest) {
  const StopRule rule =
      StopRule::any_of({GradientNormBelow{1e-12}, LossChangeBelow{1e-300} && MaxSteps{3}, MaxSteps{8}});
  BOOST_TEST(rule.describe() ==
             "(gradient_norm_below || (loss_change_below && max_steps) || max_steps)");
  BOOST_TEST(run(rule).steps() == 8u);
}

BOOST_AUTO_TEST_CASE(an_empty_rule_never_stops) {
  const Records r{1.0};
  const StopRule none;
  BOOST_TEST(!none.check(r.upto(0)));
  BOOST_TEST(none.empty());
}

BOOST_AUTO_TEST_SUITE_END()
