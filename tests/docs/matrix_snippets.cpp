// SPDX-License-Identifier: MIT
// The C++ blocks of docs/matrix.md, each pasted verbatim (without its #include lines, which are
// gathered here) into a test case that checks what its comments promise.
#include <boost/test/unit_test.hpp>

#include <span>
#include <type_traits>

#include "autodiff/autodiff.hpp"
#include "autodiff/custom_op.hpp"
#include "autodiff/hessian.hpp"
#include "autodiff/matrix_ops.hpp"

namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(matrix_snippets)

BOOST_AUTO_TEST_CASE(hessian_of_a_loop) {
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
