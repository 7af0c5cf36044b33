// SPDX-License-Identifier: MIT
// BlockArena: the memory of a tape's block ops — their results, what their backward keeps, and
// the block op objects themselves. A bump allocator over chunks that the tape rewinds with itself,
// keeping every chunk, so a training loop that records the same graph each iteration stops
// allocating after the first (DESIGN.md: "the steady state allocates nothing").
// Chunks are reference-counted: a MatrixVar whose value lives here shares its chunk, so the memory
// stays valid even if the MatrixVar outlives the tape (matrix_var.hpp checks it is still its own).
// Strong exception guarantee: an allocation or creation that throws leaves the arena as it was.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace tapegrad {

// A point to rewind the arena to: what was allocated after it is given back.
struct ArenaMark {
  std::size_t chunk = 0;
  std::size_t offset = 0;
  std::size_t destructors = 0;
};

class BlockArena {
 public:
  // Every allocation is aligned to a cache line (and so for any SIMD width Eigen uses).
  static constexpr std::size_t alignment = 64;

  BlockArena() = default;
  BlockArena(const BlockArena&) = delete;
  BlockArena& operator=(const BlockArena&) = delete;
  ~BlockArena() { rewind({}); }

  // `bytes` of uninitialised memory, aligned to `alignment`; `chunk` receives the chunk's index
  // (for share()).
  void* allocate(std::size_t bytes, std::size_t* chunk = nullptr) {
    bytes = round_up(bytes == 0 ? 1 : bytes);
    if (chunks_.empty() || chunks_[current_].size - offset_ < bytes) [[unlikely]]
      next_chunk(bytes);
    if (chunk != nullptr) *chunk = current_;
    void* p = chunks_[current_].memory.get() + offset_;
    offset_ += bytes;
    return p;
  }
  // Room for `n` doubles.
  double* allocate_doubles(std::size_t n, std::size_t* chunk = nullptr) {
    return static_cast<double*>(allocate(n * sizeof(double), chunk));
  }
  // Constructs a T in the arena; its destructor runs when the arena is rewound past it. If
  // anything throws, the arena is as it was.
  template <class T, class... Args>
  T* create(Args&&... args) {
    static_assert(alignof(T) <= alignment);
    const ArenaMark before = mark();
    void* p = allocate(sizeof(T));
    if constexpr (std::is_trivially_destructible_v<T>) {
      try {
        return ::new (p) T(std::forward<Args>(args)...);
      } catch (...) {
        rewind(before);
        throw;
      }
    } else {
      try {
        // The slot first, so that a full list cannot leave a constructed object without one.
        destructors_.push_back({[](void* q) { static_cast<T*>(q)->~T(); }, p});
      } catch (...) {
        rewind(before);
        throw;
      }
      try {
        return ::new (p) T(std::forward<Args>(args)...);
      } catch (...) {
        destructors_.pop_back();
        rewind(before);
        throw;
      }
    }
  }
  // A shared pointer to `p` (inside chunk `chunk`) that keeps the chunk alive.
  std::shared_ptr<const std::byte> share(std::size_t chunk, const void* p) const {
    return {chunks_[chunk].memory, static_cast<const std::byte*>(p)};
  }

  ArenaMark mark() const noexcept { return {current_, offset_, destructors_.size()}; }
  // Destroys what was created after `to` (latest first) and reuses its memory; keeps the chunks.
  void rewind(ArenaMark to) noexcept {
    while (destructors_.size() > to.destructors) {
      const Destructor d = destructors_.back();
      destructors_.pop_back();
      d.destroy(d.object);
    }
    current_ = to.chunk;
    offset_ = to.offset;
  }
  std::size_t bytes_reserved() const noexcept {
    std::size_t n = 0;
    for (const Chunk& c : chunks_) n += c.size;
    return n;
  }

 private:
  struct Chunk {
    std::shared_ptr<std::byte> memory;
    std::size_t size;
  };
  struct Destructor {
    void (*destroy)(void*);
    void* object;
  };
  static std::size_t round_up(std::size_t n) { return (n + alignment - 1) / alignment * alignment; }
  struct Free {
    void operator()(std::byte* p) const { ::operator delete[](p, std::align_val_t(alignment)); }
  };

  // Moves on to the next chunk with room for `bytes`, making one (double the last) if none has.
  // A rewound loop asks for the same sizes in the same order, so it meets the same chunks.
  [[gnu::noinline]] void next_chunk(std::size_t bytes) {
    for (std::size_t k = chunks_.empty() ? 0 : current_ + 1; k < chunks_.size(); ++k) {
      if (chunks_[k].size >= bytes) {
        current_ = k;
        offset_ = 0;
        return;
      }
    }
    const std::size_t last = chunks_.empty() ? 0 : chunks_.back().size;
    const std::size_t size = std::max<std::size_t>({std::size_t(64) << 10, 2 * last, bytes});
    auto* p = static_cast<std::byte*>(::operator new[](size, std::align_val_t(alignment)));
    chunks_.push_back({std::shared_ptr<std::byte>(p, Free{}), size});
    current_ = chunks_.size() - 1;
    offset_ = 0;
  }

  std::vector<Chunk> chunks_;
  std::size_t current_ = 0;
  std::size_t offset_ = 0;
  std::vector<Destructor> destructors_;
};

}  // namespace tapegrad
