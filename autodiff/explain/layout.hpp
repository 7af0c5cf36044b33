// SPDX-License-Identifier: MIT
// The content of a printed explanation, independent of the layout: sections with a title, an
// optional table of cells and indented lines. The text and Markdown renderers lay out the same
// content, so the two formats always say the same thing.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/explain/explain.hpp"
#include "autodiff/utf8.hpp"

namespace tapegrad {

struct LayoutLine {
  int level = 0;  // 0 for a line of its own, 1 for a detail under the line before, 2 under that
  std::string text;
};

// The rows of a table, their cells kept end to end (a '\0' after each) in megabyte chunks: the
// backward table of 10⁵ nodes held as a vector of strings per row was most of the memory (and,
// in fresh pages, of the time) the text took.
class LayoutRows {
 public:
  // One row: its cells as views into the table.
  class Row {
   public:
    // Implicit: iterating a LayoutRows gives each row's view, read as a Row.
    Row(std::string_view cells) : cells_(cells) {}
    std::size_t size() const { return static_cast<std::size_t>(std::count(cells_.begin(), cells_.end(), '\0')); }
    std::string_view operator[](std::size_t c) const {
      std::size_t begin = 0;
      for (; c > 0; --c) begin = cells_.find('\0', begin) + 1;
      return cells_.substr(begin, cells_.find('\0', begin) - begin);
    }
    std::string_view front() const { return (*this)[0]; }
    class Iterator {
     public:
      Iterator(std::string_view rest) : rest_(rest) {}
      std::string_view operator*() const { return rest_.substr(0, rest_.find('\0')); }
      Iterator& operator++() {
        rest_.remove_prefix(rest_.find('\0') + 1);
        return *this;
      }
      bool operator==(const Iterator& other) const { return rest_.size() == other.rest_.size(); }

     private:
      std::string_view rest_;
    };
    Iterator begin() const { return {cells_}; }
    Iterator end() const { return {cells_.substr(cells_.size())}; }

   private:
    std::string_view cells_;  // each cell followed by '\0'
  };

  void add(std::initializer_list<std::string_view> cells);
  void add(std::span<const std::string> cells);
  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  Row operator[](std::size_t r) const { return Row(rows_[r]); }
  std::vector<std::string_view>::const_iterator begin() const { return rows_.begin(); }
  std::vector<std::string_view>::const_iterator end() const { return rows_.end(); }
  // The same rows with every cell passed through `f` (a string in, a string out).
  template <class F>
  LayoutRows transformed(F f) const {
    LayoutRows out;
    std::vector<std::string> cells;
    for (const std::string_view row : rows_) {
      cells.clear();
      for (const std::string_view cell : Row(row)) cells.push_back(f(std::string(cell)));
      out.add(cells);
    }
    return out;
  }

 private:
  // Room for `size` more bytes: a new chunk when the last is full (chunks never move, so the rows'
  // views stay valid).
  std::string& room(std::size_t size);
  std::vector<std::string> chunks_;
  std::vector<std::string_view> rows_;  // each row's cells, in chunks_
};

struct LayoutSection {
  std::string title;
  std::vector<std::string> header = {};  // column titles; empty when there is no table
  LayoutRows rows = {};                  // one cell per column
  std::vector<LayoutLine> lines = {};    // after the table
};

// Where a layout's text goes: a string, or a stream that the text is handed to a megabyte at a
// time, so that 10⁵ nodes' text never sits in memory whole (nor is copied as its string grows).
struct LayoutSink {
  std::string& out;
  std::ostream* stream = nullptr;
  // After each row or line: hands the text so far to the stream once there is a megabyte of it.
  void row_done() {
    constexpr std::size_t flush_at = std::size_t(1) << 20;
    if (stream == nullptr || out.size() < flush_at) return;
    stream->write(out.data(), static_cast<std::streamsize>(out.size()));
    out.clear();
  }
};

// The sections of an explanation: summary, forward pass, backward pass, where paths meet (if
// any node's adjoint is a sum), gradient.
std::vector<LayoutSection> layout_explanation(const Explanation& ex);

// The last section of an explanation over data (Explanation::over_rows): the table of the rows'
// losses and partials, and the loss and its gradient as their scaled sums. For renderers that
// show the sum beside their own form of the explained row (the graph).
LayoutSection layout_sum_over_rows(const OverRows& over_rows, int precision);

// `∂of/∂wrt`, the notation every renderer uses for a partial or an adjoint.
std::string partial_symbol(const std::string& of, const std::string& wrt);

// The ASCII spelling of explain's Unicode symbols: ∂ → d, − → -, · → *, ² → ^2, ŷ → y_hat, ...
// Other non-ASCII characters (in names the user chose) pass through.
std::string to_ascii(const std::string& text);

// The width of UTF-8 text in terminal columns (a CJK character takes two).
using utf8::display_width;

}  // namespace tapegrad
