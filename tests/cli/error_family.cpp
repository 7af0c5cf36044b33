// SPDX-License-Identifier: MIT
// The command's errors belong to tapegrad's one error family: a usage error and a data error are
// both caught as tapegrad::Error, each keeping its own type and message.
#include <boost/test/unit_test.hpp>

#include <string>

#include "cli/data_file.hpp"
#include "cli/point.hpp"
#include "cli/usage_error.hpp"

BOOST_AUTO_TEST_SUITE(error_family)

BOOST_AUTO_TEST_CASE(a_usage_error_is_a_tapegrad_error) {
  tapegrad::cli::Point point;
  BOOST_CHECK_EXCEPTION(point.add("x"), tapegrad::Error, [](const tapegrad::Error& e) {
    BOOST_TEST_MESSAGE(e.what());
    return dynamic_cast<const tapegrad::cli::UsageError*>(&e) != nullptr;
  });
}

BOOST_AUTO_TEST_CASE(a_data_error_is_a_tapegrad_error) {
  BOOST_CHECK_EXCEPTION(tapegrad::cli::read_data("/nonexistent.csv"), tapegrad::Error,
                        [](const tapegrad::Error& e) {
                          return dynamic_cast<const tapegrad::CsvError*>(&e) != nullptr;
                        });
}

BOOST_AUTO_TEST_SUITE_END()
