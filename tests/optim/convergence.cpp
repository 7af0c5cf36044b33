// SPDX-License-Identifier: MIT
// Convergence on problems with known minima: an ill-conditioned quadratic (minimum at 0),
// Rosenbrock (at (1, 1)) and Booth (at (1, 3)); and the line searches' conditions.
#include <boost/test/unit_test.hpp>
#include <memory>

#include "optim/optim.hpp"

using namespace tapegrad::optim;
namespace tt = boost::test_tools;

namespace {
Eigen::VectorXd vec(double a, double b) { return Eigen::Vector2d(a, b); }

MinimizeResult run(const Objective& f, const Eigen::VectorXd& x0, Optimizer& opt,
                   std::size_t max_steps, double gradient_tolerance = 1e-8) {
  return minimize(f, x0, opt, {.max_steps = max_steps,
                               .stop = GradientNormBelow{gradient_tolerance},
                               .keep_params = false,
                               .keep_gradients = false});
}
}  // namespace

BOOST_AUTO_TEST_SUITE(convergence)

BOOST_AUTO_TEST_CASE(every_optimizer_solves_a_quadratic) {
  const problems::Quadratic q{.scales = Eigen::Vector3d(1.0, 4.0, 10.0)};
  const Eigen::VectorXd x0 = Eigen::Vector3d(3.0, -2.0, 1.0);
  struct Case {
    std::unique_ptr<Optimizer> optimizer;
    Schedule schedule = schedule::constant();
  };
  std::vector<Case> cases;
  cases.push_back({std::make_unique<GradientDescent>(GradientDescentOptions{.learning_rate = 0.05})});
  cases.push_back({std::make_unique<Momentum>(MomentumOptions{.learning_rate = 0.02})});
  cases.push_back({std::make_unique<Nesterov>(NesterovOptions{.learning_rate = 0.02})});
  cases.push_back({std::make_unique<AdaGrad>(AdaGradOptions{.learning_rate = 1.0})});
  // RMSProp's steps stay about η long near the minimum, so it hovers there unless η decays.
  cases.push_back({std::make_unique<RmsProp>(RmsPropOptions{.learning_rate = 0.01}),
                   schedule::cosine(5000)});
  cases.push_back({std::make_unique<Adam>(AdamOptions{.learning_rate = 0.05})});
  cases.push_back({std::make_unique<AdamW>(AdamWOptions{.learning_rate = 0.05, .weight_decay = 0.0})});
  cases.push_back({std::make_unique<Lbfgs>()});
  cases.push_back({std::make_unique<Lbfgs>(LbfgsOptions{.line_search = LineSearchKind::armijo})});
  for (auto& c : cases) {
    BOOST_TEST_CONTEXT(c.optimizer->name()) {
      const MinimizeResult r = minimize(q, x0, *c.optimizer, {.max_steps = 20000,
                                                              .stop = LossBelow{1e-10},
                                                              .schedule = c.schedule});
      BOOST_TEST(r.stop.rule == "loss_below", r.stop.message);
      BOOST_TEST(r.x.norm() < 1e-4);
    }
  }
}

BOOST_AUTO_TEST_CASE(lbfgs_solves_rosenbrock) {
  for (auto kind : {LineSearchKind::strong_wolfe, LineSearchKind::armijo}) {
    Lbfgs opt({.line_search = kind});
    const MinimizeResult r = run(problems::Rosenbrock{}, vec(-1.2, 1.0), opt, 200);
    BOOST_TEST_CONTEXT((kind == LineSearchKind::armijo ? "armijo" : "strong wolfe")) {
      BOOST_TEST(r.stop.rule == "gradient_norm_below", r.stop.message);
      BOOST_TEST(r.x[0] == 1.0, tt::tolerance(1e-7));
      BOOST_TEST(r.x[1] == 1.0, tt::tolerance(1e-7));
      BOOST_TEST(r.steps() < 100u);
    }
  }
}

BOOST_AUTO_TEST_CASE(adam_and_nesterov_solve_rosenbrock) {
  Adam adam({.learning_rate = 0.02});
  const MinimizeResult a = run(problems::Rosenbrock{}, vec(-1.2, 1.0), adam, 20000, 1e-6);
  BOOST_TEST(a.x[0] == 1.0, tt::tolerance(1e-4));
  BOOST_TEST(a.x[1] == 1.0, tt::tolerance(1e-4));
  Nesterov nesterov({.learning_rate = 1e-3, .momentum = 0.9});
  const MinimizeResult n = run(problems::Rosenbrock{}, vec(-1.2, 1.0), nesterov, 50000, 1e-6);
  BOOST_TEST(n.stop.rule == "gradient_norm_below", n.stop.message);
  BOOST_TEST(n.x[0] == 1.0, tt::tolerance(1e-4));
}

BOOST_AUTO_TEST_CASE(gradient_descent_and_lbfgs_solve_booth) {
  GradientDescent gd({.learning_rate = 0.05});
  const MinimizeResult g = run(problems::Booth{}, vec(0.0, 0.0), gd, 5000);
  BOOST_TEST(g.stop.rule == "gradient_norm_below", g.stop.message);
  BOOST_TEST(g.x[0] == 1.0, tt::tolerance(1e-8));
  BOOST_TEST(g.x[1] == 3.0, tt::tolerance(1e-8));
  Lbfgs lbfgs;
  const MinimizeResult l = run(problems::Booth{}, vec(0.0, 0.0), lbfgs, 50);
  BOOST_TEST(l.x[0] == 1.0, tt::tolerance(1e-8));
  BOOST_TEST(l.x[1] == 3.0, tt::tolerance(1e-8));
  BOOST_TEST(l.steps() < g.steps());
}

BOOST_AUTO_TEST_CASE(problems_gradients_match_central_differences) {
  const auto check = [](const Objective& f, const Eigen::VectorXd& x) {
    Eigen::VectorXd g, unused;
    f(x, g);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double h = std::cbrt(1e-16) * std::max(1.0, std::abs(x[i]));
      Eigen::VectorXd xp = x, xm = x;
      xp[i] += h;
      xm[i] -= h;
      BOOST_TEST(g[i] == (f(xp, unused) - f(xm, unused)) / (2 * h), tt::tolerance(1e-6));
    }
  };
  check(problems::Rosenbrock{}, vec(-1.2, 1.0));
  check(problems::Booth{}, vec(0.3, -2.0));
  check(problems::Quadratic{.scales = Eigen::Vector2d(1.0, 5.0)}, vec(0.7, -1.1));
}

BOOST_AUTO_TEST_CASE(armijo_accepts_sufficient_decrease) {
  // From (−1.2, 1) along −∇L on Rosenbrock, α₀ = 1 is far too long; backtracking halves it
  // until L(x + αd) ≤ L(x) + c₁·α·∇Lᵀd, and the previous α (2α) did not satisfy it.
  const problems::Rosenbrock f;
  const Eigen::VectorXd x = vec(-1.2, 1.0);
  Evaluation at_x, at_new;
  at_x.value = f(x, at_x.gradient);
  const Eigen::VectorXd d = -at_x.gradient;
  Eigen::VectorXd x_new;
  const LineSearchResult r = armijo_backtracking(f, x, at_x, d, 1.0, x_new, at_new);
  BOOST_TEST_REQUIRE(r.success);
  const double slope = at_x.gradient.dot(d);
  BOOST_TEST(at_new.value <= at_x.value + 1e-4 * r.step * slope);
  Eigen::VectorXd g;
  BOOST_TEST(f(x + 2 * r.step * d, g) > at_x.value + 1e-4 * 2 * r.step * slope);
  BOOST_TEST((x_new - (x + r.step * d)).norm() == 0.0);
  BOOST_TEST(r.evaluations == static_cast<int>(std::round(-std::log2(r.step))) + 1);
}

BOOST_AUTO_TEST_CASE(strong_wolfe_satisfies_both_conditions) {
  const problems::Rosenbrock f;
  for (double alpha0 : {1e-4, 1e-3, 1.0, 10.0}) {
    BOOST_TEST_CONTEXT("alpha0 = " << alpha0) {
      const Eigen::VectorXd x = vec(-1.2, 1.0);
      Evaluation at_x, at_new;
      at_x.value = f(x, at_x.gradient);
      const Eigen::VectorXd d = -at_x.gradient;
      Eigen::VectorXd x_new;
      const LineSearchResult r = strong_wolfe(f, x, at_x, d, alpha0, x_new, at_new);
      BOOST_TEST_REQUIRE(r.success);
      const double slope = at_x.gradient.dot(d);
      BOOST_TEST(at_new.value <= at_x.value + 1e-4 * r.step * slope);
      BOOST_TEST(std::abs(at_new.gradient.dot(d)) <= 0.9 * std::abs(slope));
      Eigen::VectorXd g;
      BOOST_TEST(f(x_new, g) == at_new.value);
      BOOST_TEST((g - at_new.gradient).norm() == 0.0);
    }
  }
}

BOOST_AUTO_TEST_CASE(line_search_rejects_an_ascent_direction) {
  const problems::Booth f;
  const Eigen::VectorXd x = vec(0.0, 0.0);
  Evaluation at_x, at_new;
  at_x.value = f(x, at_x.gradient);
  Eigen::VectorXd x_new;
  BOOST_CHECK_THROW(armijo_backtracking(f, x, at_x, at_x.gradient, 1.0, x_new, at_new), OptimError);
  BOOST_CHECK_THROW(strong_wolfe(f, x, at_x, at_x.gradient, 1.0, x_new, at_new), OptimError);
}

BOOST_AUTO_TEST_CASE(lbfgs_stalls_with_a_wrong_gradient) {
  // A gradient with the wrong sign: no step along −(wrong gradient) decreases L. The loop stops
  // and says so instead of spinning until the cap.
  const Objective wrong = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = -2.0 * x;
    return x.squaredNorm();
  };
  Lbfgs opt;
  const MinimizeResult r = minimize(wrong, vec(1.0, 2.0), opt, {.max_steps = 100});
  BOOST_TEST(r.stop.rule == "stalled");
  BOOST_TEST(r.steps() == 0u);
  BOOST_TEST(r.stop.message.find("gradient that does not match") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
