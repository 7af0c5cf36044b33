// SPDX-License-Identifier: MIT
// The content of a printed explanation, independent of the layout: sections with a title, an
// optional table of cells and indented lines. The text and Markdown renderers lay out the same
// content, so the two formats always say the same thing.
#pragma once

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

// The rows of a table, their cells kept end to end in one buffer: the backward table of 10⁵
// nodes held as a vector of strings per row was most of the memory (and, in fresh pages, of the
// time) the text took.
class LayoutRows {
 public:
  // One row: its cells as views into the table (valid until the next add).
  class Row {
   public:
    Row(const LayoutRows& rows, std::size_t first, std::size_t last) : rows_(&rows), first_(first), last_(last) {}
    std::size_t size() const { return last_ - first_; }
    std::string_view operator[](std::size_t c) const { return rows_->cell(first_ + c); }
    std::string_view front() const { return (*this)[0]; }
    class Iterator {
     public:
      Iterator(const Row& row, std::size_t c) : row_(&row), c_(c) {}
      std::string_view operator*() const { return (*row_)[c_]; }
      Iterator& operator++() { ++c_; return *this; }
      bool operator==(const Iterator& other) const { return c_ == other.c_; }
     private:
      const Row* row_;
      std::size_t c_;
    };
    Iterator begin() const { return {*this, 0}; }
    Iterator end() const { return {*this, size()}; }

   private:
    const LayoutRows* rows_;
    std::size_t first_, last_;
  };
  class Iterator {
   public:
    Iterator(const LayoutRows& rows, std::size_t r) : rows_(&rows), r_(r) {}
    Row operator*() const { return (*rows_)[r_]; }
    Iterator& operator++() { ++r_; return *this; }
    bool operator==(const Iterator& other) const { return r_ == other.r_; }
   private:
    const LayoutRows* rows_;
    std::size_t r_;
  };

  void add(std::initializer_list<std::string_view> cells);
  void add(std::span<const std::string> cells);
  std::size_t size() const { return row_end_.size(); }
  bool empty() const { return row_end_.empty(); }
  Row operator[](std::size_t r) const { return {*this, r == 0 ? 0 : row_end_[r - 1], row_end_[r]}; }
  Iterator begin() const { return {*this, 0}; }
  Iterator end() const { return {*this, size()}; }
  // The same rows with every cell passed through `f` (a string in, a string out).
  template <class F>
  LayoutRows transformed(F f) const {
    LayoutRows out;
    out.text_.reserve(text_.size());
    out.cell_end_.reserve(cell_end_.size());
    out.row_end_ = row_end_;
    for (std::size_t c = 0; c < cell_end_.size(); ++c) {
      out.text_ += f(std::string(cell(c)));
      out.cell_end_.push_back(out.text_.size());
    }
    return out;
  }

 private:
  std::string_view cell(std::size_t c) const {
    const std::size_t begin = c == 0 ? 0 : cell_end_[c - 1];
    return std::string_view(text_).substr(begin, cell_end_[c] - begin);
  }
  std::string text_;                   // every cell, end to end
  std::vector<std::size_t> cell_end_;  // where each cell ends in text_
  std::vector<std::size_t> row_end_;   // where each row ends in cell_end_
};

struct LayoutSection {
  std::string title;
  std::vector<std::string> header = {};  // column titles; empty when there is no table
  LayoutRows rows = {};                  // one cell per column
  std::vector<LayoutLine> lines = {};          // after the table
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
