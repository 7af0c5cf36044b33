// SPDX-License-Identifier: MIT
// The entry point of the `tapegrad` command: everything happens in run_tapegrad (cli/app.hpp), or,
// when started by mpirun and built with MPI, in run_tapegrad_mpi (cli/mpi_main.hpp).
#include <iostream>

#include "cli/app.hpp"
#ifdef TAPEGRAD_WITH_MPI
#include "cli/mpi_main.hpp"
#include "mpi/sum_over_ranks.hpp"
#endif

int main(int argc, char** argv) {
#ifdef TAPEGRAD_WITH_MPI
  if (tapegrad::mpi::launched_by_mpirun()) return tapegrad::cli::run_tapegrad_mpi(argc, argv);
#endif
  return tapegrad::cli::run_tapegrad(argc, argv, std::cout, std::cerr);
}
