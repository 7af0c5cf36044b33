// SPDX-License-Identifier: MIT
// Reductions over data: a per-sample loss, written once for one row, summed (or averaged) over a
// data set, recorded as ONE tape node whose inputs are the parameters.
//
//     Var loss = mean_over(columns(x, y), [&](auto x, auto y) { return pow(y - (w1 * x + w0), 2); });
//
// The data are plain doubles (columns of equal length: std::vector, std::span, Eigen vectors, or an
// n × d Eigen matrix whose row the loss gets as a FeatureRow, for `dot(w, x)` with a VectorXv w);
// the parameters are Vars the loss captures. The reduction calls the loss with Lanes of 8 rows
// (reduce_lanes.hpp: Eigen SIMD arrays, parameters broadcast), applies the chain rule per packet
// (reduce_nodes.hpp, the rule table's partials) and adds each row's ∂loss/∂parameter into an
// accumulator, never recording a node per row: the tape grows by one node and O(parameters)
// bytes, whatever the number of rows.
//
// Semantics. sum_over = Σ_i loss(row_i); mean_over = sum_over / n (n ≥ 1). Rows are cut into fixed
// chunks of `chunk_rows` (independent of the thread count); each chunk is summed on its own,
// packets of 8 rows left to right, lanes added in order; chunk sums are then added in chunk order.
// So the value and the gradient are bit-identical for every `threads`; they can differ in the
// last bits from a plain left-to-right loop. For a shard of the rows (MPI), use sum_over on the
// shard and divide by the global n after the all-reduce.
//
// Falling back, never wrong: a loss taking `double` (or wrapped in row_by_row) is called one row
// at a time on doubles; a loss that records Vars per row (`Var t = ...` inside) gives a node whose
// inputs include those Vars (correct, O(n) memory) and runs on the calling thread; a branch on
// data that differs between the lanes of a packet sends the rest of that chunk one row at a time.
// On a checked or trace tape every row is recorded op by op, and a domain error names its row.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <exception>
#include <span>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "autodiff/errors.hpp"
#include "autodiff/hot.hpp"
#include "i18n/i18n.hpp"
#include "autodiff/matrix_var.hpp"
#include "autodiff/reduce_lanes.hpp"
#include "autodiff/reduce_nodes.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/var_ops.hpp"
#include "autodiff/worker_pool.hpp"

namespace tapegrad {

// Data that cannot be reduced: no rows, or columns of different lengths.
class DataError : public Error {
 public:
  using Error::Error;
};

// A domain error (checked tape) in one row of the data; row() counts from 0.
class DataDomainError : public DomainError {
 public:
  DataDomainError(const DomainError& e, std::size_t row)
      : DomainError(e.op(), e.inputs(),
                    trf("{} (in data row {}, counting from 0)", e.problem(), row)),
        row_(row) {}
  std::size_t row() const noexcept { return row_; }

 private:
  std::size_t row_;
};

struct ReduceOptions {
  // Threads at most (the calling thread and WorkerPool's); the result does not depend on it.
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  // Rows per chunk: the unit of work and of the fixed summation order.
  std::size_t chunk_rows = 4096;
  // Waking a pool thread costs about 12 µs (starting one, when the pool is busy, 40–150 µs): more
  // threads take part only if the rows after the first chunk would give each at least this much
  // work, as timed on the first chunk. 0 uses `threads` threads whatever the work.
  std::chrono::microseconds min_thread_work{25};
};

// One data column: a vector (the loss gets a number) or an n × d column-major matrix (the loss
// gets a FeatureRow of d numbers). Points into the caller's storage, which must outlive the call.
struct VectorColumn {
  const double* data;
  std::size_t rows;
  template <class T>
  T at(std::size_t i) const {
    if constexpr (std::same_as<T, double>)
      return data[i];
    else
      return T(Eigen::Map<const typename T::Array>(data + i));
  }
  VectorColumn shard(std::size_t begin, std::size_t count) const { return {data + begin, count}; }
};
struct MatrixColumn {
  const double* data;
  std::size_t rows;
  std::size_t cols;
  std::size_t stride;  // distance between features (the matrix's leading dimension)
  template <class T>
  FeatureRow<T> at(std::size_t i) const {
    return FeatureRow<T>(data + i, stride, cols);
  }
  MatrixColumn shard(std::size_t begin, std::size_t count) const {
    return {data + begin, count, cols, stride};
  }
};

namespace reduce_detail {
template <class T>
concept EigenMatrix = requires(const T& c) {
  c.outerStride();
  c.cols();
  requires T::ColsAtCompileTime != 1;
};
template <class T>
auto column_of(const T& c) {
  if constexpr (EigenMatrix<T>) {
    static_assert(!(T::Flags & Eigen::RowMajorBit), "columns(): a matrix column must be column-major");
    return MatrixColumn{c.data(), std::size_t(c.rows()), std::size_t(c.cols()),
                        std::size_t(c.outerStride())};
  } else {
    const std::span<const double> s(c.data(), std::size_t(c.size()));
    return VectorColumn{s.data(), s.size()};
  }
}
}  // namespace reduce_detail

// The data set: columns of equal length, one argument of the loss each.
template <class... C>
class Columns {
 public:
  explicit Columns(C... c) : columns_(c...) {
    rows_ = std::get<0>(columns_).rows;
    std::apply([&](const auto&... col) {
      std::size_t k = 0;
      ((col.rows != rows_
            ? throw DataError("columns(): column " + std::to_string(k) + " has " +
                              std::to_string(col.rows) + " rows but column 0 has " +
                              std::to_string(rows_) + "; every column needs one value per row")
            : void(), ++k), ...);
    }, columns_);
  }
  std::size_t rows() const noexcept { return rows_; }
  // Rows [begin, begin + count): a shard (one MPI rank's rows) is a smaller set of columns.
  Columns shard(std::size_t begin, std::size_t count) const {
    if (begin > rows_ || count > rows_ - begin)
      throw DataError("Columns::shard: rows " + std::to_string(begin) + " + " +
                      std::to_string(count) + " run past the " + std::to_string(rows_) + " rows");
    return std::apply([&](const auto&... col) { return Columns(col.shard(begin, count)...); },
                      columns_);
  }
  // The loss's arguments for row i (T = double) or rows i .. i+W-1 (T = Lanes<W>).
  template <class T>
  auto row(std::size_t i) const {
    return std::apply([&](const auto&... col) { return std::make_tuple(col.template at<T>(i)...); },
                      columns_);
  }

 private:
  std::tuple<C...> columns_;
  std::size_t rows_ = 0;
};

template <class... T>
auto columns(const T&... data) {
  static_assert(sizeof...(T) > 0, "columns(): give at least one column");
  return Columns<decltype(reduce_detail::column_of(data))...>(reduce_detail::column_of(data)...);
}

// Marks a loss to be called one row at a time on doubles (for code that only compiles for
// double: a branch via `if`, a function Lanes lacks). A loss whose parameters are declared double
// is called that way anyway.
template <class F>
struct RowByRow {
  F f;
  template <class... A>
    requires((std::same_as<A, double> || std::same_as<A, FeatureRow<double>>) && ...)
  auto operator()(const A&... a) const {
    return f(a...);
  }
};
template <class F>
RowByRow<F> row_by_row(F f) {
  return {std::move(f)};
}

namespace reduce_detail {

inline constexpr int lanes = 8;
using Acc = Lanes<lanes>;

template <int W>
TAPEGRAD_HOT Acc widen(const Lanes<W>& p) {
  if constexpr (W == lanes) {
    return p;
  } else {
    Acc a(0.0);
    a.v.template head<W>() = p.v;
    return a;
  }
}
TAPEGRAD_HOT Acc widen(double p) {
  Acc a(0.0);
  a.v[0] = p;
  return a;
}

// Σ over lanes, in lane order (fixed: part of the result's definition).
inline double lane_sum(const Acc& a) {
  double s = 0.0;
  for (int k = 0; k < lanes; ++k) s += a.v[k];
  return s;
}

// Leaves with a compile-time slot below this count are summed in place; others are looked up.
inline constexpr std::size_t max_slots = 16;

// One chunk's sums: the value and ∂/∂leaf for the Var leaves met. A leaf may be listed more than
// once (it sat at two places in the loss); the reduction adds its entries up. The slots' leaves are
// kept in place, so that a chunk of the common loss allocates nothing.
struct ChunkSum {
  double value = 0.0;
  std::array<Var, max_slots> slot_leaves{};
  std::array<double, max_slots> slot_partials{};
  std::size_t slots = 0;
  std::vector<Var> leaves;  // the looked-up ones
  std::vector<double> partials;
  bool done = false;
  std::exception_ptr error;

  template <class Fn>
  void for_each_leaf(Fn fn) const {
    for (std::size_t k = 0; k < slots; ++k) fn(slot_leaves[k], slot_partials[k]);
    for (std::size_t k = 0; k < leaves.size(); ++k) fn(leaves[k], partials[k]);
  }
};

// What the hot loop adds into: each compile-time slot's partials and the value, per lane. They are
// kept apart from the Accumulator, whose address escapes into its cold paths (a leaf met for the
// first time, a looked-up leaf), so that the compiler can hold them in registers for a whole chunk
// instead of storing and reloading them every packet.
template <std::size_t L>
struct SlotSums {
  std::array<Acc, L> partials;
  Acc value{0.0};
  SlotSums() { partials.fill(Acc(0.0)); }
};

// Adds rows' partials. A leaf at a compile-time slot (reduce_nodes.hpp) adds into that slot once
// the slot has met it: no lookup, the common case of a loss whose parameters are the same Vars
// every row. Other leaves (dot's weights, a loss that picks its Vars by row) are looked up by their
// order of meeting in the row (hint), which is the same every row unless the loss branches. A
// packet is added only after the loss returned for all its rows, so a packet abandoned half way (a
// branch on data the lanes disagree on throws MixedLanes while the loss runs) adds nothing.
template <std::size_t L>
class Accumulator {
 public:
  Accumulator() { slot_ids_.fill(no_node); }
  template <std::size_t k, class P>
  TAPEGRAD_HOT void add(SlotSums<L>& sums, const Var& leaf, const P& partial) {
    if constexpr (k < L) {
      if (slot_ids_[k] != leaf.index()) [[unlikely]] {
        if (slot_ids_[k] != no_node) {  // another Var than before: settled after the packet
          strays_[stray_count_++] = {leaf, widen(partial)};
          return;
        }
        slot_ids_[k] = leaf.index();
        slot_leaves_[k] = leaf;
      }
      std::get<k>(sums.partials) += widen(partial);
    } else {
      stage(leaf, widen(partial));
    }
  }
  template <class V>
  TAPEGRAD_HOT void commit(SlotSums<L>& sums, const V& value) {
    sums.value += widen(value);
  }
  // Whether the last packet met leaves outside their slots; settle() then adds them. The hot loop
  // calls settle() outside itself: a loop that calls no function keeps its sums in registers
  // (every vector register is caller-saved).
  TAPEGRAD_HOT bool pending() const { return stray_count_ != 0 || !staged_.empty(); }
  [[gnu::noinline]] void settle() {
    for (std::size_t k = 0; k < stray_count_; ++k) staged_.push_back(strays_[k]);
    stray_count_ = 0;
    commit_staged();
  }
  // `sums` by value: the hot loop's sums never need an address.
  ChunkSum result(SlotSums<L> sums) const {
    ChunkSum s;
    s.value = lane_sum(sums.value);
    for (std::size_t k = 0; k < L; ++k) {
      if (slot_ids_[k] == no_node) continue;
      s.slot_leaves[s.slots] = slot_leaves_[k];
      s.slot_partials[s.slots++] = lane_sum(sums.partials[k]);
    }
    for (std::size_t j = 0; j < leaves_.size(); ++j) {
      s.leaves.push_back(leaves_[j]);
      s.partials.push_back(lane_sum(grads_[j]));
    }
    s.done = true;
    return s;
  }

 private:
  // Out of line and by value, so that the hot loop's partials never need an address.
  [[gnu::noinline]] void stage(Var leaf, Acc partial) { staged_.push_back({leaf, partial}); }
  void commit_staged() {
    for (std::size_t k = 0; k < staged_.size(); ++k) {
      const Var& leaf = staged_[k].leaf;
      std::uint32_t pos = k < hint_.size() ? hint_[k] : 0;
      if (pos >= leaves_.size() || leaves_[pos].index() != leaf.index()) pos = find(leaf, k);
      grads_[pos] += staged_[k].partial;
    }
    staged_.clear();
  }
  std::uint32_t find(const Var& leaf, std::size_t k) {
    auto [it, inserted] = where_.try_emplace(leaf.index(), std::uint32_t(leaves_.size()));
    if (inserted) {
      leaves_.push_back(leaf);
      grads_.push_back(Acc(0.0));
    }
    if (hint_.size() <= k) hint_.resize(k + 1, 0);
    hint_[k] = it->second;
    return it->second;
  }
  struct Staged {
    Var leaf;
    Acc partial;
  };
  std::array<NodeIndex, L> slot_ids_;
  std::array<Var, L> slot_leaves_;
  std::array<Staged, L> strays_;  // a slot visited at most once a packet: L at most
  std::size_t stray_count_ = 0;
  std::vector<Staged> staged_;
  std::vector<Var> leaves_;
  std::vector<Acc> grads_;
  std::vector<std::uint32_t> hint_;
  std::unordered_map<NodeIndex, std::uint32_t> where_;
};

// Adds what the loss returned for W rows (W = 0: one row, on doubles): its value and partials.
// A part that does not depend on the data (a double value) counts once per row.
template <int W, std::size_t L, class R>
TAPEGRAD_HOT void add_rows(Accumulator<L>& acc, SlotSums<L>& sums, const R& r) {
  auto sink = [&acc, &sums](auto slot, const Var& leaf, const auto& p) {
    acc.template add<decltype(slot)::value>(sums, leaf, p);
  };
  if constexpr (LaneNode<R> || is_var<R> || is_statement<R> || is_lanes<R>) {
    const auto node = lane_detail::as_node(r);
    if constexpr (W == 0) {
      node.template propagate<0>(1.0, sink);
      acc.commit(sums, node.value());
    } else {
      node.template propagate<0>(Lanes<W>(1.0), sink);
      acc.commit(sums, Lanes<W>(node.value()));
    }
  } else {
    static_assert(std::is_arithmetic_v<R>,
                  "sum_over: the loss must return a number, a Var or an expression of Vars");
    if constexpr (W == 0)
      acc.commit(sums, static_cast<double>(r));
    else
      acc.commit(sums, Lanes<W>(static_cast<double>(r)));
  }
}

// The number of compile-time slots the loss's result has (at most max_slots).
template <class R>
constexpr std::size_t slots_of() {
  if constexpr (LaneNode<R> || is_var<R> || is_statement<R> || is_lanes<R>)
    return std::min(decltype(lane_detail::as_node(std::declval<const R&>()))::leaves, max_slots);
  else
    return 0;
}

template <class F, class Tuple>
struct invocable_with : std::false_type {};
template <class F, class... A>
struct invocable_with<F, std::tuple<A...>> : std::bool_constant<std::is_invocable_v<const F&, A...>> {};
// Whether the loss takes Lanes (a generic lambda does; one declared with double does not).
template <class F, class Cols>
inline constexpr bool takes_lanes =
    invocable_with<F, decltype(std::declval<const Cols&>().template row<Lanes<lanes>>(0))>::value;

template <class F, class Cols>
ChunkSum sum_chunk(const F& f, const Cols& data, std::size_t begin, std::size_t end) {
  std::size_t i = begin;
  if constexpr (takes_lanes<F, Cols>) {
    using R = std::remove_cvref_t<decltype(std::apply(f, data.template row<Lanes<lanes>>(0)))>;
    using R1 = std::remove_cvref_t<decltype(std::apply(f, data.template row<Lanes<1>>(0)))>;
    constexpr std::size_t L = std::max(slots_of<R>(), slots_of<R1>());
    Accumulator<L> acc;
    SlotSums<L> sums;
    try {
      while (i + lanes <= end) {
        for (; i + lanes <= end; i += lanes) {
          add_rows<lanes>(acc, sums, std::apply(f, data.template row<Lanes<lanes>>(i)));
          if (acc.pending()) [[unlikely]]
            break;
        }
        if (!acc.pending()) break;
        acc.settle();
        i += lanes;
      }
    } catch (const MixedLanes&) {
      // The lanes of this packet branch apart (nothing of it was added): the rest of this chunk
      // row by row.
    }
    for (; i < end; ++i) {
      add_rows<1>(acc, sums, std::apply(f, data.template row<Lanes<1>>(i)));
      if (acc.pending()) acc.settle();
    }
    return acc.result(sums);
  } else {
    using R0 = std::remove_cvref_t<decltype(std::apply(f, data.template row<double>(0)))>;
    constexpr std::size_t L = slots_of<R0>();
    Accumulator<L> acc;
    SlotSums<L> sums;
    for (; i < end; ++i) {
      add_rows<0>(acc, sums, std::apply(f, data.template row<double>(i)));
      if (acc.pending()) acc.settle();
    }
    return acc.result(sums);
  }
}

// Every row recorded op by op (checked or trace tape): slow, and a domain error names its row.
template <class F, class Cols>
Var record_rows(const F& f, const Cols& data, bool mean) {
  Var total(0.0);
  for (std::size_t i = 0; i < data.rows(); ++i) {
    try {
      const auto r = std::apply(RowByRow<const F&>{f}, data.template row<double>(i));
      total = total + Var(r);
    } catch (const DomainError& e) {
      throw DataDomainError(e, i);
    }
  }
  return mean ? Var(total / double(data.rows())) : total;
}

// The reduction on a plain tape: chunks summed on `options.threads` threads, one node recorded.
template <class F, class Cols>
Var sum_chunks(Tape& tape, const F& f, const Cols& data, const ReduceOptions& options, bool mean) {
  const std::size_t n = data.rows();
  const std::size_t chunks = (n + options.chunk_rows - 1) / options.chunk_rows;
  std::vector<ChunkSum> sums(chunks);
  auto run = [&](std::size_t c) {
    const std::size_t begin = c * options.chunk_rows;
    sums[c] = sum_chunk(f, data, begin, std::min(n, begin + options.chunk_rows));
  };
  // The first chunk on this thread: if the loss records Vars of its own, it needs this thread's
  // tape, and every chunk stays here. Its time says how many threads the rest is worth.
  // (A clock read costs tens of nanoseconds in a virtual machine: only taken when it matters.)
  const NodeIndex size_before = tape.size();
  std::size_t workers = std::min<std::size_t>(options.threads, chunks - 1);
  const bool timed = workers > 1 && options.min_thread_work.count() > 0;
  using Clock = std::chrono::steady_clock;
  const Clock::time_point started = timed ? Clock::now() : Clock::time_point{};
  run(0);
  if (tape.size() != size_before) workers = 1;
  if (workers > 1 && timed) {
    const std::chrono::duration<double> first = Clock::now() - started;
    const double worth = first * double(chunks - 1) / options.min_thread_work;
    workers = std::clamp<std::size_t>(std::size_t(worth), 1, workers);
  }
  if (workers <= 1) {
    for (std::size_t c = 1; c < chunks; ++c) run(c);
  } else {
    // Thread t takes chunks 1 + t, 1 + t + workers, ...; this thread is t = 0, the others are
    // the worker pool's (kept between reductions: starting a thread costs more than waking one).
    auto take_share = [&](std::size_t t) {
      for (std::size_t c = 1 + t; c < chunks; c += workers) {
        try {
          run(c);
        } catch (...) {
          sums[c].error = std::current_exception();
        }
      }
    };
    WorkerPool::shared().run(workers, take_share);
    // A chunk whose loss needed a tape (it recorded a Var only for some rows) runs here.
    for (std::size_t c = 1; c < chunks; ++c) {
      if (!sums[c].error) continue;
      try {
        std::rethrow_exception(sums[c].error);
      } catch (const NoActiveTapeError&) {
        run(c);
      }
    }
  }

  // Chunk sums in chunk order, each leaf once. The few leaves of a common loss are found by a
  // linear search; a hash map takes over past `linear` of them (dot over many weights).
  constexpr std::size_t linear = 16;
  double value = 0.0;
  std::vector<Var> leaves;
  std::vector<double> partials;
  leaves.reserve(linear);
  partials.reserve(linear);
  std::unordered_map<NodeIndex, std::size_t> where;
  auto position = [&](const Var& leaf) {
    if (leaves.size() <= linear) {
      for (std::size_t k = 0; k < leaves.size(); ++k)
        if (leaves[k].index() == leaf.index()) return k;
      if (leaves.size() < linear) return leaves.size();
      for (std::size_t k = 0; k < leaves.size(); ++k) where.emplace(leaves[k].index(), k);
    }
    return where.try_emplace(leaf.index(), leaves.size()).first->second;
  };
  for (const ChunkSum& s : sums) {
    value += s.value;
    s.for_each_leaf([&](const Var& leaf, double partial) {
      const std::size_t k = position(leaf);
      if (k == leaves.size()) {
        tape.check(leaf);
        leaves.push_back(leaf);
        partials.push_back(0.0);
      }
      partials[k] += partial;
    });
  }
  if (mean) {
    const double inv = 1.0 / double(n);
    value *= inv;
    for (double& p : partials) p *= inv;
  }
  if (leaves.empty()) return Var(value);  // no leaf on the tape: a constant
  // The node keeps its leaves and partials in the tape's arena, rewound with the tape: a training
  // loop that rewinds allocates nothing here after its first step.
  const std::size_t count = leaves.size();
  auto* kept_nodes = static_cast<NodeIndex*>(tape.arena().allocate(count * sizeof(NodeIndex)));
  double* kept_partials = tape.arena().allocate_doubles(count);
  for (std::size_t k = 0; k < count; ++k) {
    kept_nodes[k] = leaves[k].index();
    kept_partials[k] = partials[k];
  }
  return MatrixRecorder::record_scalar(
      std::string_view(mean ? "mean_over" : "sum_over"), value, true,
      [kept_nodes, kept_partials, count](double* adj, NodeIndex first) {
        const double a = adj[first];
        for (std::size_t k = 0; k < count; ++k) adj[kept_nodes[k]] += kept_partials[k] * a;
      });
}

template <class F, class Cols>
Var reduce(const F& f, const Cols& data, const ReduceOptions& options, bool mean) {
  const std::size_t n = data.rows();
  if (n == 0)
    throw DataError(std::string(mean ? "mean_over" : "sum_over") +
                    ": the data have no rows (a mean over no rows is undefined; give at least one "
                    "row)");
  if (options.chunk_rows == 0 || options.chunk_rows % lanes != 0)
    throw DataError("sum_over: chunk_rows must be a positive multiple of " + std::to_string(lanes));
  // Recorded whole or not at all: if anything throws (std::bad_alloc, a domain error in row 37 of
  // a checked tape, the loss's own exception), what the reduction recorded is taken off again.
  Tape& tape = active_tape<double>();
  const TapePosition start = tape.position();
  try {
    if (tape.options().checked || tape.options().trace) return record_rows(f, data, mean);
    return sum_chunks(tape, f, data, options, mean);
  } catch (...) {
    tape.rewind(start);
    throw;
  }
}

}  // namespace reduce_detail

// Σ_i loss(row_i): one node on the active tape, whose inputs are the Vars the loss uses.
template <class... C, class F>
Var sum_over(const Columns<C...>& data, const F& loss, const ReduceOptions& options = {}) {
  return reduce_detail::reduce(loss, data, options, false);
}
// (1/n) Σ_i loss(row_i), n = data.rows() ≥ 1.
template <class... C, class F>
Var mean_over(const Columns<C...>& data, const F& loss, const ReduceOptions& options = {}) {
  return reduce_detail::reduce(loss, data, options, true);
}

}  // namespace tapegrad
