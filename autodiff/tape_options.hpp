// SPDX-License-Identifier: MIT
// What a tape is asked to do (TapeOptions), what it holds (TapeStats), and a point to rewind it
// to (TapePosition): the values of the tape's interface (tape.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

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

template <class S>
class BasicTape;

// A point on a tape to rewind to (tape.position()): everything recorded after it is discarded.
// It knows its tape and its recording, so a rewind refuses a position of another tape or one
// that an earlier rewind discarded. A default-constructed position is the beginning of any tape.
class TapePosition {
 public:
  TapePosition() = default;
  // The number of nodes before this position.
  NodeIndex nodes() const noexcept { return nodes_; }

 private:
  template <class S>
  friend class BasicTape;
  TapePosition(NodeIndex nodes, std::size_t arguments, std::size_t blocks, std::size_t operands,
               ArenaMark arena, std::uint32_t tape, std::uint32_t stamp)
      : nodes_(nodes), arguments_(arguments), blocks_(blocks), operands_(operands), arena_(arena),
        tape_(tape), stamp_(stamp) {}

  NodeIndex nodes_ = 0;
  std::size_t arguments_ = 0;
  std::size_t blocks_ = 0;
  std::size_t operands_ = 0;
  ArenaMark arena_{};
  std::uint32_t tape_ = 0;   // the tape's identity; 0 for the beginning
  std::uint32_t stamp_ = 0;  // the recording it was taken in
};

}  // namespace tapegrad
