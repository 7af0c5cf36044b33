// SPDX-License-Identifier: MIT
// The tool under mpirun: the ranks split the --data rows (cli/problem.hpp's shard) and combine
// their objectives with mpi::sum_over_ranks; ranks other than 0 write to a null stream.
#include "cli/mpi_main.hpp"

#include <iostream>
#include <ostream>
#include <streambuf>

#include "cli/app.hpp"
#include "cli/objective.hpp"
#include "mpi/sum_over_ranks.hpp"

namespace tapegrad::cli {
namespace {

// A stream buffer that drops everything: the output of ranks other than 0.
class NullBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

}  // namespace

int run_tapegrad_mpi(int argc, char** argv) {
  mpi::Session session(argc, argv);
  Launch launch;
  launch.rank = static_cast<std::size_t>(session.rank());
  launch.ranks = static_cast<std::size_t>(session.size());
  // A domain error on another rank's rows is that row's DataRowError here too (the same message),
  // so every rank stops the same way: the lowest failing rank holds the lowest bad row.
  launch.combine_shards = [](optim::Objective local) {
    return mpi::sum_over_ranks(std::move(local),
                               {.on_peer_error = [](int, const std::string& message) {
                                 throw DataRowError(message, 0);
                               }});
  };
  NullBuffer null_buffer;
  std::ostream null_stream(&null_buffer);
  const bool speaks = session.rank() == 0;
  return run_tapegrad(argc, argv, speaks ? std::cout : null_stream, speaks ? std::cerr : null_stream,
                      launch);
}

}  // namespace tapegrad::cli
