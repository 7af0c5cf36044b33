// SPDX-License-Identifier: MIT
// ParseError: a bad expression, with the column of the problem. Its message shows the expression
// with a caret under the offending characters, as a compiler does:
//   unknown function 'sinn': did you mean 'sin'? (column 1)
//     sinn(x)
//     ^~~~
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "autodiff/errors.hpp"

namespace tapegrad {

class ParseError : public Error {
 public:
  // `column` (from 1) and `length` are in characters; `problem` says what is wrong and how to fix it.
  ParseError(std::string problem, std::string_view text, std::size_t column, std::size_t length = 1);

  // The problem alone, without the column and the excerpt.
  const std::string& problem() const noexcept { return problem_; }
  std::size_t column() const noexcept { return column_; }
  std::size_t length() const noexcept { return length_; }

 private:
  std::string problem_;
  std::size_t column_;
  std::size_t length_;
};

// Two lines: the text (or, for a long text, a window of it around the column) and a caret line
// `^~~` under the characters [column, column + length). Control characters show as spaces.
std::string point_at(std::string_view text, std::size_t column, std::size_t length = 1);

}  // namespace tapegrad
