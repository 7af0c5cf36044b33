// SPDX-License-Identifier: MIT
// Column<T>: one growable array of the tape's struct-of-arrays storage. Like std::vector, plus `push_unchecked` for the recording hot path: the
// tape checks the room of all its columns once per recorded node (see BasicTape::record), then
// appends to each without a capacity test of its own. It grows by doubling, so a tape reaches its
// steady size in a few steps, and a rewind keeps the capacity. Growth has two phases so that the
// tape can grow all its columns or none: `grown(n)` allocates and copies (and may throw),
// `adopt` takes the result (and cannot).
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <span>

namespace tapegrad::detail {

template <class T>
class Column {
 public:
  Column() = default;
  Column(Column&&) noexcept = default;
  Column& operator=(Column&&) noexcept = default;

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return capacity_; }
  bool empty() const noexcept { return size_ == 0; }
  T* data() noexcept { return data_.get(); }
  const T* data() const noexcept { return data_.get(); }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  const T* begin() const noexcept { return data_.get(); }
  const T* end() const noexcept { return data_.get() + size_; }

  // Appends; the caller has made sure that size() < capacity().
  void push_unchecked(const T& v) noexcept { data_[size_++] = v; }
  void push_back(const T& v) {
    if (size_ == capacity_) [[unlikely]]
      reserve(std::max<std::size_t>(16, 2 * capacity_));
    data_[size_++] = v;
  }
  // Appends many; the caller has made room for them.
  void append(std::span<const T> values) noexcept {
    std::copy(values.begin(), values.end(), data_.get() + size_);
    size_ += values.size();
  }
  void append_n(std::size_t n, const T& v) noexcept {
    std::fill_n(data_.get() + size_, n, v);
    size_ += n;
  }
  // Shrinking keeps the capacity (a rewind); growing fills with T{}.
  void resize(std::size_t n) {
    if (n > capacity_) reserve(std::max(n, 2 * capacity_));
    if (n > size_) std::fill(data_.get() + size_, data_.get() + n, T{});
    size_ = n;
  }
  void reserve(std::size_t n) {
    if (n > capacity_) adopt(grown(n));
  }

  // A copy of the contents in room for n elements (n > capacity()); the column is unchanged.
  struct Grown {
    std::unique_ptr<T[]> data;
    std::size_t capacity = 0;
  };
  Grown grown(std::size_t n) const {
    Grown g{std::make_unique_for_overwrite<T[]>(n), n};
    std::copy(data_.get(), data_.get() + size_, g.data.get());
    return g;
  }
  // Takes the storage from grown() (an empty Grown leaves the column as it is).
  void adopt(Grown&& g) noexcept {
    if (g.data == nullptr) return;
    data_ = std::move(g.data);
    capacity_ = g.capacity;
  }

 private:
  std::unique_ptr<T[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace tapegrad::detail
