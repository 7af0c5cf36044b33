// SPDX-License-Identifier: MIT
// The C++ blocks of docs/optim.md and docs/models.md, each pasted verbatim (without its #include
// lines, which are gathered here) into a test case that checks what its comments promise.
#include <boost/test/unit_test.hpp>

#include <span>
#include <vector>

#include "autodiff/autodiff.hpp"
#include "autodiff/objective.hpp"
#include "models/models.hpp"
#include "optim/optim.hpp"
#include "optim/problems.hpp"

namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(optim_snippets)

BOOST_AUTO_TEST_CASE(test_problems) {
namespace optim = tapegrad::optim;
optim::GradientDescent gd({.learning_rate = 0.05});
auto result = optim::minimize(optim::problems::Booth{}, Eigen::Vector2d(0, 0), gd, {.max_steps = 2000});
// result.history.back().params ≈ (1, 3)
  BOOST_TEST(result.history.back().params[0] == 1.0, tt::tolerance(1e-6));
  BOOST_TEST(result.history.back().params[1] == 3.0, tt::tolerance(1e-6));
}

BOOST_AUTO_TEST_SUITE_END()
