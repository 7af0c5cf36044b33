// SPDX-License-Identifier: MIT
// The C++ blocks of README.md and data/README.md, each pasted verbatim (without its #include
// lines, which are gathered here) into a test case that runs it and checks what its comments
// promise. check_snippets.cmake fails when a marked block and this file differ. Runs in the
// source tree's root, where the data/README block finds data/digits.csv.
#include <boost/test/unit_test.hpp>

#include <fmt/core.h>

#include <string>

#include "autodiff/autodiff.hpp"
#include "autodiff/explain/all.hpp"
#include "autodiff/matrix_ops.hpp"
#include "autodiff/objective.hpp"
#include "autodiff/reduce.hpp"
#include "models/models.hpp"
#include "optim/optim.hpp"

namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(readme_snippets)

BOOST_AUTO_TEST_CASE(loss_over_a_data_set) {
using namespace tapegrad;

std::vector<double> x = {1, 2, 3, 4}, y = {3, 5, 7, 9};   // plain doubles: the data
Tape tape;
auto scope = tape.activate();
Var w0 = tape.input(0.0, "w0"), w1 = tape.input(0.0, "w1");
Var loss = mean_over(columns(x, y), [&](auto x, auto y) { return pow(y - (w1 * x + w0), 2); });
Adjoints<double> adj = tape.backward(loss);   // adj[w0] = −12, adj[w1] = −35
  BOOST_TEST(adj[w0] == -12.0, tt::tolerance(1e-12));
  BOOST_TEST(adj[w1] == -35.0, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(tour_of_the_api) {
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

BOOST_AUTO_TEST_CASE(anomaly_mode) {
  using namespace tapegrad;
  const auto run = [] {
Tape tape({.checked = true});
auto scope = tape.activate();
Var x = tape.input(1e-300, "x");
Var y = x * 1e200;                  // every value is finite: 1e-100, then 1e100
tape.set_name(y, "y");
Var z = y * 1e200;
tape.backward(z);                   // throws BackwardDomainError: "domain error in the backward
                                    // pass, at mul 'y' (node 1): the adjoint of 'x' (node 0)
                                    // becomes infinite: adjoint · partial = 1e+200 · 1e+200 overflows ..."
  };
  BOOST_CHECK_EXCEPTION(run(), BackwardDomainError, [](const BackwardDomainError& e) {
    return std::string(e.what()).starts_with(
        "domain error in the backward pass, at mul 'y' (node 1): the adjoint of 'x' (node 0) "
        "becomes infinite: adjoint · partial = 1e+200 · 1e+200 overflows");
  });
}

BOOST_AUTO_TEST_CASE(matrices) {
  using namespace tapegrad;
Eigen::MatrixXd X{{1, 2}, {3, 4}, {5, 6}}, labels{{1}, {0}, {1}}, w_now = Eigen::MatrixXd::Zero(2, 1);
Tape tape;
auto scope = tape.activate();
MatrixVar w = MatrixVar::input(tape, w_now);        // parameters; Eigen matrices of doubles are constants
Var b = tape.input(0.0);
Var loss = bce_with_logits(X * w + b, labels);       // matmul, broadcast add, fused loss: 3 tape entries
Eigen::MatrixXd dw = w.adjoint(tape.backward(loss)); // shaped like w: (−0.5, −2/3)
  BOOST_TEST(dw.rows() == 2);
  BOOST_TEST(dw.cols() == 1);
  BOOST_TEST(dw(0, 0) == -0.5, tt::tolerance(1e-12));
  BOOST_TEST(dw(1, 0) == -2.0 / 3.0, tt::tolerance(1e-12));
  BOOST_TEST(tape.stats().blocks == 3u);
}

BOOST_AUTO_TEST_CASE(explain_the_chain_rule) {
  using namespace tapegrad;
Tape tape({.checked = true, .trace = true});   // trace keeps constants so `2 − ŷ` can be shown
auto scope = tape.activate();
Var w0 = tape.input(0.0, "w0"), w1 = tape.input(0.0, "w1");
Var y_hat = label(w1 * 1.0 + w0, "ŷ"), r = label(2.0 - y_hat, "r");
Var loss = pow(r, 2);
fmt::print("{}", to_text(explain(tape, loss))); // also to_markdown, to_json, to_dot, to_html, save_graph
  // The lines the README quotes as this block's output.
  const std::string text = to_text(explain(tape, loss));
  BOOST_TEST(text.find("∂L/∂w0 = −4") != std::string::npos);
  BOOST_TEST(text.find("= ∂L/∂r · ∂r/∂ŷ · ∂ŷ/∂w0 = 4 · (−1) · 1 = −4") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(optimizers) {
namespace optim = tapegrad::optim;
auto loss = tapegrad::objective([](const tapegrad::VectorXv<>& w) { return pow(w[0] - 3.0, 2); });
optim::GradientDescent gd({.learning_rate = 0.1});
auto result = optim::minimize(loss, Eigen::VectorXd::Zero(1), gd,
                              {.max_steps = 1000, .stop = optim::GradientNormBelow{1e-8}});
// result.history[k]: parameters after k updates (0.6, 1.08, 1.464, ...), value, gradient;
// result.stop says which rule stopped the run, or why it diverged ("learning rate too large?").
  BOOST_TEST(result.history[1].params[0] == 0.6, tt::tolerance(1e-12));
  BOOST_TEST(result.history[2].params[0] == 1.08, tt::tolerance(1e-12));
  BOOST_TEST(result.history[3].params[0] == 1.464, tt::tolerance(1e-12));
  BOOST_TEST(result.history.back().params[0] == 3.0, tt::tolerance(1e-6));
  BOOST_TEST(result.stop.rule == "gradient_norm_below");
}

BOOST_AUTO_TEST_CASE(data_folder) {  // run in the source tree's root
auto digits = tapegrad::models::load_csv("data/digits.csv", {.target = "digit", .classes = 10});
  BOOST_TEST(digits.samples() == 1797);
  BOOST_TEST(digits.features() == 64);
  BOOST_TEST(digits.y.maxCoeff() == 9.0);
}

BOOST_AUTO_TEST_SUITE_END()
