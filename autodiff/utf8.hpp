// SPDX-License-Identifier: MIT
// A minimal UTF-8 decoder for the expression lexer and its error messages: one code point at a
// time, with malformed bytes reported (not skipped), so columns stay honest on any input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tapegrad::utf8 {

inline constexpr char32_t invalid = 0xFFFFFFFF;

struct CodePoint {
  char32_t value;      // `invalid` for a malformed or truncated sequence
  std::size_t length;  // bytes consumed (1 for a malformed byte)
};

// The code point starting at byte `pos` of `text` (pos < text.size()).
constexpr CodePoint decode(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
  const std::uint8_t b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1};
  std::size_t n = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return {invalid, 1};
  }
  if (pos + n > text.size()) return {invalid, 1};
  for (std::size_t i = 1; i < n; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return {invalid, 1};
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are malformed too.
  if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return {invalid, 1};
  return {cp, n};
}

// The terminal columns a code point takes: 2 for East Asian Wide and Fullwidth ones (CJK, Hangul,
// fullwidth forms), which a terminal draws double-width, else 1. Combining marks count 1 too:
// the text tapegrad pads (names, numbers, the catalogs' words) has none that matter.
constexpr std::size_t columns(char32_t cp) {
  const auto in = [cp](char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; };
  return in(0x1100, 0x115F) || in(0x2E80, 0xA4CF) || in(0xAC00, 0xD7A3) || in(0xF900, 0xFAFF) ||
                 in(0xFE30, 0xFE4F) || in(0xFF00, 0xFF60) || in(0xFFE0, 0xFFE6) || in(0x20000, 0x3FFFD)
             ? 2
             : 1;
}

// The terminal columns of UTF-8 text: what every padded table and aligned label counts, so
// Chinese headers line up with the numbers under them. A malformed byte counts 1.
constexpr std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint c = decode(text, i);
    width += c.value == invalid ? 1 : columns(c.value);
    i += c.length;
  }
  return width;
}

}  // namespace tapegrad::utf8
