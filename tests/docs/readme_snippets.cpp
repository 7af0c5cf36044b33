// SPDX-License-Identifier: MIT
// The C++ blocks of README.md and docs/ marked `<!-- doc-test: ... -->`, each pasted verbatim
// (without its #include lines, which are gathered here) into a test case that runs it and checks
// what its comments promise. check_snippets.cmake fails when a marked block and this file differ.
#include <boost/test/unit_test.hpp>

#include <type_traits>

#include "autodiff/autodiff.hpp"
#include "autodiff/hessian.hpp"
#include "autodiff/objective.hpp"
#include "csv/csv_table.hpp"
#include "optim/optim.hpp"
#include "optim/problems.hpp"

BOOST_AUTO_TEST_SUITE(doc_snippets)

BOOST_AUTO_TEST_CASE(readme_tour_of_the_api) {
using namespace tapegrad;

Tape tape;                        // you own the tape
auto scope = tape.activate();     // operations on this thread record onto it until scope ends
Var w0 = tape.input(0.0, "w0"), w1 = tape.input(0.0, "w1");
Var loss = pow(2.0 - (w1 * 1.0 + w0), 2);   // plain doubles are constants: they record nothing
Adjoints<double> adj = tape.backward(loss); // one reverse sweep
double dw0 = adj[w0];                       // −4
  BOOST_TEST(dw0 == -4.0);
  BOOST_TEST(adj[w1] == -4.0);
}

BOOST_AUTO_TEST_CASE(readme_optimizers) {
namespace optim = tapegrad::optim;
auto loss = tapegrad::objective([](const tapegrad::VectorXv<>& w) { return pow(w[0] - 3.0, 2); });
optim::GradientDescent gd({.learning_rate = 0.1});
auto result = optim::minimize(loss, Eigen::VectorXd::Zero(1), gd,
                              {.max_steps = 1000, .stop = optim::GradientNormBelow{1e-8}});
// result.history[k]: parameters after k updates (0.6, 1.08, 1.464, ...), value, gradient;
// result.stop says which rule stopped the run, or why it diverged ("learning rate too large?").
  namespace tt = boost::test_tools;
  BOOST_TEST(result.history[1].params[0] == 0.6, tt::tolerance(1e-12));
  BOOST_TEST(result.history[2].params[0] == 1.08, tt::tolerance(1e-12));
  BOOST_TEST(result.history.back().params[0] == 3.0, tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(csv_reading) {  // run in tests/cli/data, where icecream.csv is
const tapegrad::CsvTable t = tapegrad::CsvTable::read("icecream.csv");
std::vector<double> x = t.numbers(t.column("x"));  // t.column("z"): an error listing x, y
std::string city = t.text(0, 0);                   // a field as text
  BOOST_TEST((x == std::vector<double>{20, 25, 30, 35}));
  BOOST_TEST(city == "20");
  BOOST_CHECK_THROW((void)t.column("z"), tapegrad::CsvError);
}

BOOST_AUTO_TEST_CASE(optim_test_problems) {
namespace optim = tapegrad::optim;
optim::GradientDescent gd({.learning_rate = 0.05});
auto result = optim::minimize(optim::problems::Booth{}, Eigen::Vector2d(0, 0), gd, {.max_steps = 2000});
// result.history.back().params ≈ (1, 3)
  namespace tt = boost::test_tools;
  BOOST_TEST(result.history.back().params[0] == 1.0, tt::tolerance(1e-6));
  BOOST_TEST(result.history.back().params[1] == 3.0, tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(matrix_hessian_of_a_loop) {
  using namespace tapegrad;
// Lesson 000's mean squared error as a loop over the ice-cream table.
const double xs[] = {20, 25, 30, 35}, ys[] = {40, 70, 100, 140};
auto mse = [&](const auto& w) {
  using V = std::decay_t<decltype(w[0])>;  // the Var type hessian() records with
  V total = 0.0;
  for (int i = 0; i < 4; ++i) total += pow(ys[i] - (w[1] * xs[i] + w[0]), 2);
  return total / 4.0;
};
Eigen::MatrixXd h = hessian(mse, Eigen::Vector2d(0, 0));  // [[2, 55], [55, 1575]]
  BOOST_TEST(h(0, 0) == 2.0);
  BOOST_TEST(h(0, 1) == 55.0);
  BOOST_TEST(h(1, 0) == 55.0);
  BOOST_TEST(h(1, 1) == 1575.0);
}

BOOST_AUTO_TEST_SUITE_END()
