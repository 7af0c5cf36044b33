// SPDX-License-Identifier: MIT
// What a tape is asked to do (TapeOptions), what it holds (TapeStats), and a point to rewind it
// to (TapePosition): the plain values of the tape's interface (tape.hpp).
#pragma once

#include <cstddef>

#include "autodiff/block_arena.hpp"
#include "autodiff/var.hpp"

namespace tapegrad {

struct TapeOptions {
  // Throw a DomainError at the first op that leaves its domain or turns finite inputs into
  // NaN or ±∞ (see var_ops.hpp). The command line and explain record checked.
  bool checked = false;
  // Keep every operand of every op, constants included, so explain can print `w1 · 3`.
  bool trace = false;
  // The most nodes the tape may hold; the 32-bit index bounds it (no_node is reserved).
  NodeIndex max_nodes = no_node;
};

// How much the tape holds and has reserved. `bytes_reserved` stays put in a rewound training loop.
struct TapeStats {
  std::size_t nodes = 0;
  std::size_t arguments = 0;  // recorded (input, partial) pairs
  std::size_t blocks = 0;
  std::size_t bytes_used = 0;
  std::size_t bytes_reserved = 0;
};

// A point on the tape to rewind to: everything recorded after it is discarded.
struct TapePosition {
  NodeIndex nodes = 0;
  std::size_t arguments = 0;
  std::size_t blocks = 0;
  std::size_t operands = 0;
  ArenaMark arena{};
};

}  // namespace tapegrad
