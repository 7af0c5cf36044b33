// SPDX-License-Identifier: MIT
// `mpirun -np N tapegrad grad|descend ... --data FILE.csv`: each rank evaluates its block of the
// rows and sums value and gradient with the others (tapegrad::mpi); rank 0 alone prints.
#pragma once

namespace tapegrad::cli {

// MPI_Init, run_tapegrad with this rank's shard (output and messages on rank 0 only), MPI_Finalize.
int run_tapegrad_mpi(int argc, char** argv);

}  // namespace tapegrad::cli
