// SPDX-License-Identifier: MIT
// The one Boost.Test entry point shared by every test executable in tests/.
#define BOOST_TEST_MODULE tapegrad
#include <boost/test/unit_test.hpp>
