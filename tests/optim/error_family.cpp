// SPDX-License-Identifier: MIT
// optim's misuse errors belong to tapegrad's one error family: catch (const tapegrad::Error&)
// catches them, and the message still says which option, its value and what it must be.
#include <boost/test/unit_test.hpp>

#include <string>

#include "optim/errors.hpp"
#include "optim/gradient_descent.hpp"

BOOST_AUTO_TEST_SUITE(error_family)

BOOST_AUTO_TEST_CASE(an_optim_error_is_a_tapegrad_error) {
  try {
    tapegrad::optim::GradientDescent gd({.learning_rate = -1.0});
  } catch (const tapegrad::Error& e) {
    BOOST_TEST(dynamic_cast<const tapegrad::optim::OptimError*>(&e) != nullptr);
    BOOST_TEST(std::string(e.what()).find("learning_rate = -1 must be > 0") != std::string::npos,
               e.what());
    return;
  }
  BOOST_FAIL("a negative learning rate was accepted");
}

BOOST_AUTO_TEST_SUITE_END()
