// SPDX-License-Identifier: MIT
// autodiff/objective.hpp: a loss written over Vars drives optim::minimize, its gradient equals
// the hand-derived one, and repeated evaluations reuse the tape without growing it.
#include <boost/test/unit_test.hpp>

#include "autodiff/autodiff.hpp"
#include "autodiff/objective.hpp"
#include "optim/optim.hpp"

namespace tt = boost::test_tools;
using tapegrad::VectorXv;

BOOST_AUTO_TEST_SUITE(objective_glue)

BOOST_AUTO_TEST_CASE(tape_gradient_drives_the_lesson_table) {
  // Lesson 001: L(w) = (w − 3)², from 0 with η = 0.1: 0.6, 1.08, 1.464, 1.7712.
  auto loss = tapegrad::objective([](const VectorXv<>& w) { return pow(w[0] - 3.0, 2); });
  tapegrad::optim::GradientDescent gd({.learning_rate = 0.1});
  const auto r = tapegrad::optim::minimize(loss, Eigen::VectorXd::Zero(1), gd, {.max_steps = 4});
  const double expected[] = {0.0, 0.6, 1.08, 1.464, 1.7712};
  for (std::size_t k = 0; k < 5; ++k)
    BOOST_TEST(r.history[k].params[0] == expected[k], tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(the_first_run_in_docs_optim_md) {
  // docs/optim.md's first example, number for number: g_k = −6·0.8^k, first ≤ 1e-8 at k = 91.
  auto loss = tapegrad::objective([](const VectorXv<>& w) { return pow(w[0] - 3.0, 2); });
  tapegrad::optim::GradientDescent gd({.learning_rate = 0.1});
  const auto r = tapegrad::optim::minimize(
      loss, Eigen::VectorXd::Zero(1), gd,
      {.max_steps = 1000, .stop = tapegrad::optim::GradientNormBelow{1e-8}});
  BOOST_TEST(r.history[1].params[0] == 0.6, tt::tolerance(1e-12));
  BOOST_TEST(r.stop.rule == "gradient_norm_below");
  BOOST_TEST(r.stop.message == "‖∇L‖ = 9.10626e-09 ≤ 1e-08 at step 91");
}

BOOST_AUTO_TEST_CASE(rosenbrock_gradient_matches_the_hand_written_one) {
  auto rosen = tapegrad::objective([](const VectorXv<>& x) {
    return pow(1.0 - x[0], 2) + 100.0 * pow(x[1] - x[0] * x[0], 2);
  });
  const Eigen::VectorXd x = Eigen::Vector2d(-1.2, 1.0);
  Eigen::VectorXd g_tape, g_hand;
  const double v_tape = rosen(x, g_tape);
  const double v_hand = tapegrad::optim::problems::Rosenbrock{}(x, g_hand);
  BOOST_TEST(v_tape == v_hand, tt::tolerance(1e-14));
  BOOST_TEST(g_tape[0] == g_hand[0], tt::tolerance(1e-14));
  BOOST_TEST(g_tape[1] == g_hand[1], tt::tolerance(1e-14));

  tapegrad::optim::Lbfgs lbfgs;
  const auto r = tapegrad::optim::minimize(rosen, x, lbfgs,
                                           {.stop = tapegrad::optim::GradientNormBelow{1e-8}});
  BOOST_TEST(r.x[0] == 1.0, tt::tolerance(1e-7));
  BOOST_TEST(r.x[1] == 1.0, tt::tolerance(1e-7));
}

BOOST_AUTO_TEST_CASE(evaluations_reuse_the_tape) {
  auto f = tapegrad::objective([](const VectorXv<>& x) { return (x.array() * x.array()).sum(); });
  const Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(5, -1.0, 1.0);
  Eigen::VectorXd g;
  f(x, g);
  const auto nodes = f.tape().size();
  for (int i = 0; i < 3; ++i) f(x, g);
  BOOST_TEST(f.tape().size() == nodes);  // rewound each call, not appended
  BOOST_TEST((g - 2.0 * x).norm() == 0.0);
}

BOOST_AUTO_TEST_CASE(constant_function_has_zero_gradient) {
  auto f = tapegrad::objective([](const VectorXv<>&) { return tapegrad::Var(7.0); });
  Eigen::VectorXd g;
  BOOST_TEST(f(Eigen::VectorXd::Ones(3), g) == 7.0);
  BOOST_TEST(g.size() == 3);
  BOOST_TEST(g.norm() == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
