// SPDX-License-Identifier: MIT
// The digits example's stated test accuracy, asserted: the same recipe (examples/digits_recipe.hpp)
// on the shipped data set must reach it.
#include <boost/test/unit_test.hpp>

#include "examples/digits_recipe.hpp"

BOOST_AUTO_TEST_SUITE(digits_accuracy)

BOOST_AUTO_TEST_CASE(mlp_reaches_the_stated_test_accuracy) {
  const auto run = tapegrad::examples::run_digits(TAPEGRAD_DATA_DIR);
  BOOST_TEST(run.test_labels.size() == 449);  // round(1797 · 0.25)
  BOOST_TEST(run.test_accuracy >= tapegrad::examples::digits_stated_accuracy);
  BOOST_TEST(run.train_accuracy >= run.test_accuracy - 0.02);
  BOOST_TEST(run.net.history().records.back().value < run.net.history().records.front().value);
}

BOOST_AUTO_TEST_SUITE_END()
