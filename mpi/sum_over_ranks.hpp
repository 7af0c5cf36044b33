// SPDX-License-Identifier: MIT
// sum_over_ranks: an objective over this MPI rank's shard of the data becomes the objective over
// all the ranks' data — value and gradient (p + 1 numbers) gathered from every rank and added in
// rank order, so every rank gets the same bits and takes the identical optimizer step.
//
//   tapegrad::mpi::Session session(argc, argv);            // MPI_Init … MPI_Finalize
//   optim::Objective global = mpi::sum_over_ranks(local);  // local: Σ over this rank's rows
//   optim::minimize(global, x0, optimizer, options);       // the same on every rank
#pragma once

#include <mpi.h>

#include <functional>
#include <string>

#include "autodiff/errors.hpp"
#include "optim/objective.hpp"

namespace tapegrad::mpi {

// True when this process was started by mpirun (Open MPI, or a PMI/PMIx launcher such as srun).
bool launched_by_mpirun();

// MPI_Init in the constructor, MPI_Finalize in the destructor; one per process.
class Session {
 public:
  Session(int& argc, char**& argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  int rank() const noexcept { return rank_; }
  int size() const noexcept { return size_; }

 private:
  int rank_ = 0;
  int size_ = 1;
};

// The objective failed on another rank: its rank and its message (what()).
class PeerError : public Error {
 public:
  PeerError(int rank, const std::string& message) : Error(message), rank_(rank) {}
  int rank() const noexcept { return rank_; }

 private:
  int rank_;
};

struct SumOverRanksOptions {
  MPI_Comm comm = MPI_COMM_WORLD;
  // When the local objective throws on some ranks, every rank throws: the lowest failing rank
  // rethrows its own exception, the others call this with that rank and its message (and throw
  // PeerError if it returns, or when it is empty).
  std::function<void(int rank, const std::string& message)> on_peer_error{};
};

// Σ_ranks local(x): every rank must call it with the same x at the same time (it is collective).
optim::Objective sum_over_ranks(optim::Objective local, SumOverRanksOptions options = {});

}  // namespace tapegrad::mpi
