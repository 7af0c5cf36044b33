// SPDX-License-Identifier: MIT
// Seeded random expression trees over three inputs: the tape's gradient matches central finite
// differences of the same tree evaluated on plain doubles.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "finite_difference_check.hpp"

using namespace tapegrad;
using tapegrad::testing::central_difference;
using tapegrad::testing::close_to_fd;

namespace {

// A tree in creation order: node k combines earlier nodes (or inputs 0..2) with one op.
enum class Kind { add, sub, mul, div_smooth, sin, tanh, exp_small, log_smooth, sqrt_smooth, pow3, sigmoid };
struct Node {
  Kind kind;
  int a;
  int b;
};

std::vector<Node> random_tree(std::mt19937& rng, int size) {
  std::vector<Node> nodes;
  for (int k = 0; k < size; ++k) {
    const int available = 3 + k;
    std::uniform_int_distribution<int> pick(0, available - 1);
    std::uniform_int_distribution<int> kind(0, 10);
    nodes.push_back({static_cast<Kind>(kind(rng)), pick(rng), pick(rng)});
  }
  return nodes;
}

// Evaluates the tree on T = double or Var; every op here is smooth on all reals, so finite
// differences are meaningful everywhere.
template <class T>
T evaluate(const std::vector<Node>& tree, const T (&inputs)[3]) {
  std::vector<T> v(inputs, inputs + 3);
  using std::exp, std::log, std::sin, std::sqrt, std::tanh, std::pow;
  for (const Node& n : tree) {
    const T a = v[n.a], b = v[n.b];
    switch (n.kind) {
      case Kind::add: v.push_back(a + b); break;
      case Kind::sub: v.push_back(a - b); break;
      case Kind::mul: v.push_back(a * b); break;
      case Kind::div_smooth: v.push_back(a / (1.0 + b * b)); break;
      case Kind::sin: v.push_back(sin(a)); break;
      case Kind::tanh: v.push_back(tanh(a)); break;
      case Kind::exp_small: v.push_back(exp(tanh(a))); break;
      case Kind::log_smooth: v.push_back(log(1.0 + a * a)); break;
      case Kind::sqrt_smooth: v.push_back(sqrt(1.0 + a * a)); break;
      case Kind::pow3: v.push_back(pow(tanh(a), 3)); break;
      case Kind::sigmoid: v.push_back(1.0 / (1.0 + exp(-tanh(b)))); break;
    }
  }
  return v.back();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(random_trees)

BOOST_AUTO_TEST_CASE(gradients_of_random_trees_match_finite_differences) {
  std::mt19937 rng(20261123);
  std::uniform_real_distribution<double> point(-1.5, 1.5);
  for (int trial = 0; trial < 200; ++trial) {
    const auto tree = random_tree(rng, 4 + trial % 12);
    const double x[3] = {point(rng), point(rng), point(rng)};
    BOOST_TEST_CONTEXT("tree " << trial << " at (" << x[0] << ", " << x[1] << ", " << x[2] << ")") {
      Tape tape;
      auto scope = tape.activate();
      const Var in[3] = {tape.input(x[0]), tape.input(x[1]), tape.input(x[2])};
      const Var y = evaluate(tree, in);
      BOOST_TEST(y.value() == evaluate(tree, x));
      const auto adj = tape.backward(y);
      for (int i = 0; i < 3; ++i) {
        const double fd = central_difference(
            [&](double t) {
              double shifted[3] = {x[0], x[1], x[2]};
              shifted[i] = t;
              return evaluate(tree, shifted);
            },
            x[i]);
        BOOST_TEST(close_to_fd(adj[in[i]], fd), "∂/∂x" << i << " = " << adj[in[i]] << ", fd " << fd);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
