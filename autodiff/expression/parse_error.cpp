// SPDX-License-Identifier: MIT
// The message of a ParseError: the problem, its column, and the expression with a caret under it.
#include "autodiff/expression/parse_error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "autodiff/utf8.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {
namespace {

// Texts longer than this many characters are shown as a window around the column.
constexpr std::size_t max_shown = 72;
constexpr std::size_t shown_before = 30;

}  // namespace

std::string point_at(std::string_view text, std::size_t column, std::size_t length) {
  // The byte offset where each character starts, up to a little past the window we may show.
  const std::size_t first = column > shown_before + 1 ? column - shown_before : 1;
  std::vector<std::size_t> starts;  // starts[i] = byte offset of character (first + i)
  std::size_t pos = 0, col = 1;
  while (pos < text.size() && starts.size() <= max_shown) {
    const auto cp = utf8::decode(text, pos);
    if (col >= first) starts.push_back(pos);
    pos += cp.length;
    ++col;
  }
  const std::size_t shown = std::min(starts.size(), max_shown);

  std::string line = first > 1 ? "…" : "";
  for (std::size_t i = 0; i < shown; ++i) {
    const std::size_t begin = starts[i];
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : pos;
    const auto cp = utf8::decode(text, begin);
    if (cp.value == utf8::invalid)
      line += '?';
    else if (cp.value < 0x20 || cp.value == 0x7F)
      line += ' ';
    else
      line.append(text.substr(begin, end - begin));
  }
  if (starts.size() > max_shown) line += "…";  // more text follows the window

  // The caret line: one space per shown character before the column, then ^~~~.
  std::string marks(first > 1 ? 1 : 0, ' ');
  marks.append(column - first, ' ');
  marks += '^';
  const std::size_t room = first + shown > column ? first + shown - column : 1;
  marks.append(std::min(length, room) > 1 ? std::min(length, room) - 1 : 0, '~');
  return fmt::format("  {}\n  {}", line, marks);
}

ParseError::ParseError(std::string problem, std::string_view text, std::size_t column,
                       std::size_t length)
    : Error(fmt::format("{}\n{}", trf("{} (column {})", problem, column), point_at(text, column, length))),
      problem_(std::move(problem)),
      column_(column),
      length_(length) {}

}  // namespace tapegrad
