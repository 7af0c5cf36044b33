// SPDX-License-Identifier: MIT
// sum_over_ranks: one MPI_Allgather of [status, value, gradient] per evaluation, then the same
// rank-ordered sum on every rank; a failure is told to all ranks by one broadcast of its message.
#include "mpi/sum_over_ranks.hpp"

#include <cstdlib>
#include <exception>
#include <vector>

namespace tapegrad::mpi {

bool launched_by_mpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

Session::Session(int& argc, char**& argv) {
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Session::~Session() { MPI_Finalize(); }

optim::Objective sum_over_ranks(optim::Objective local, SumOverRanksOptions options) {
  return [local = std::move(local), options](const Eigen::VectorXd& x, Eigen::VectorXd& grad) {
    int rank = 0, size = 1;
    MPI_Comm_rank(options.comm, &rank);
    MPI_Comm_size(options.comm, &size);
    const auto p = static_cast<std::size_t>(x.size());
    const std::size_t width = p + 2;  // status, value, gradient

    // This rank's share, or the failure it met.
    std::vector<double> mine(width, 0.0);
    std::exception_ptr failure;
    std::string message;
    try {
      Eigen::VectorXd g(x.size());
      mine[1] = local(x, g);
      for (std::size_t k = 0; k < p; ++k) mine[2 + k] = g[static_cast<Eigen::Index>(k)];
    } catch (const std::exception& e) {
      failure = std::current_exception();
      message = e.what();
      mine[0] = 1.0;
    } catch (...) {
      failure = std::current_exception();
      message = "an unknown error";
      mine[0] = 1.0;
    }
    std::vector<double> all(width * static_cast<std::size_t>(size));
    MPI_Allgather(mine.data(), static_cast<int>(width), MPI_DOUBLE, all.data(),
                  static_cast<int>(width), MPI_DOUBLE, options.comm);

    // The lowest failing rank, if any, tells every rank what went wrong.
    for (int r = 0; r < size; ++r) {
      if (all[static_cast<std::size_t>(r) * width] == 0.0) continue;
      int length = static_cast<int>(message.size());
      MPI_Bcast(&length, 1, MPI_INT, r, options.comm);
      std::string text(static_cast<std::size_t>(length), '\0');
      if (rank == r) text = message;
      MPI_Bcast(text.data(), length, MPI_CHAR, r, options.comm);
      if (rank == r) std::rethrow_exception(failure);
      if (options.on_peer_error) options.on_peer_error(r, text);
      throw PeerError(r, text);
    }

    // Every rank adds the same numbers in the same (rank) order: the same bits everywhere.
    double value = 0.0;
    grad.setZero(x.size());
    for (int r = 0; r < size; ++r) {
      const double* share = all.data() + static_cast<std::size_t>(r) * width;
      value += share[1];
      for (std::size_t k = 0; k < p; ++k) grad[static_cast<Eigen::Index>(k)] += share[2 + k];
    }
    return value;
  };
}

}  // namespace tapegrad::mpi
