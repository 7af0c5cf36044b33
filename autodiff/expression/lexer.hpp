// SPDX-License-Identifier: MIT
// The lexer of the expression language: turns text such as `(y - (w1*x + w0))^2` into tokens, one
// at a time, each with its column (counted in characters, from 1) for error messages. It accepts
// the lessons' Unicode spellings: − for minus, · and × for times, ÷ for divide, ² ³ (and the other
// superscript digits) for small integer powers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tapegrad {

enum class TokenKind : std::uint8_t {
  number,       // 3, 0.5, 1e-3, .5
  identifier,   // x, w1, sin, pi
  plus,         // +
  minus,        // - or −
  times,        // * · ×
  divide,       // / ÷
  power,        // ^ or **
  superscript,  // ² ³ ...: a power with a small integer exponent, written after its base
  open,         // (
  close,        // )
  comma,        // ,
  semicolon,    // ; between the parts of `u := 3*x + 5; u^2`
  define,       // := (or ≔), naming a value: `u := 3*x + 5`
  end,          // the end of the text
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::string_view text;     // the token's characters in the source (bytes, UTF-8)
  std::size_t offset = 0;    // byte offset of the first character
  std::size_t column = 1;    // 1-based column, in characters (code points)
  std::size_t length = 0;    // length in characters, for underlining
  double number = 0.0;       // the value of a number, the exponent of a superscript
};

// A short name for a token kind, as used in error messages ("'+'", "a number", "the end").
std::string_view describe(TokenKind kind);

// Reads tokens from a text on demand (so a megabyte of expression needs no token array).
// Throws ParseError for a character that starts no token or a malformed number.
class ExpressionLexer {
 public:
  explicit ExpressionLexer(std::string_view text) : text_(text) {}

  // The next token; TokenKind::end (repeatedly) once the text is used up.
  Token next();

 private:
  Token lex_number(std::size_t start, std::size_t column);
  Token lex_superscript(std::size_t start, std::size_t column);
  void skip_space();

  std::string_view text_;
  std::size_t pos_ = 0;     // byte position
  std::size_t column_ = 1;  // column of text_[pos_]
};

}  // namespace tapegrad
