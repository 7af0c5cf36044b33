// SPDX-License-Identifier: MIT
// The Boost.Test entry point of test_mpi, which runs under mpirun: MPI_Init before the tests and
// MPI_Finalize after them, as a global fixture.
#define BOOST_TEST_MODULE tapegrad_mpi
#include <boost/test/unit_test.hpp>

#include "mpi/sum_over_ranks.hpp"

namespace {

struct MpiSession {
  int argc = boost::unit_test::framework::master_test_suite().argc;
  char** argv = boost::unit_test::framework::master_test_suite().argv;
  tapegrad::mpi::Session session{argc, argv};
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(MpiSession);
