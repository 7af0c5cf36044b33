// SPDX-License-Identifier: MIT
// The expression lexer: ASCII operators and their Unicode spellings from the lessons, numbers read
// by read_decimal (std::from_chars: 1e-3 and .5 mean what strtod says, without the locale; the
// CSV reader shares the rule), identifiers.
#include "autodiff/expression/lexer.hpp"

#include <fmt/format.h>

#include <string>

#include "autodiff/decimal.hpp"
#include "autodiff/expression/parse_error.hpp"
#include "autodiff/utf8.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

// The value of a superscript digit ⁰ ¹ ² ... ⁹, or -1.
int superscript_digit(char32_t cp) {
  switch (cp) {
    case U'⁰': return 0;
    case U'¹': return 1;
    case U'²': return 2;
    case U'³': return 3;
    default: return cp >= U'⁴' && cp <= U'⁹' ? static_cast<int>(cp - U'⁴') + 4 : -1;
  }
}

// How a character that starts no token is named in the message: itself, or its code.
std::string show_character(std::string_view text, std::size_t pos, const utf8::CodePoint& cp) {
  if (cp.value == utf8::invalid)
    return trf("byte 0x{:02X} (not valid UTF-8)", static_cast<unsigned char>(text[pos]));
  if (cp.value < 0x20 || cp.value == 0x7F)
    return trf("control character U+{:04X}", static_cast<unsigned>(cp.value));
  return trf("character '{}'", text.substr(pos, cp.length));
}

// What a newcomer probably meant by a character the language does not have.
std::string_view hint_for(char32_t cp) {
  switch (cp) {
    case U'|': return tr(" (for an absolute value, write abs(x))");
    case U'√': return tr(" (for a square root, write sqrt(x))");
    case U'π': return tr(" (write pi)");
    case U'[':
    case U']':
    case U'{':
    case U'}': return tr(" (group with parentheses ( ) instead)");
    case U'=': return tr(" (write only the expression and give values with --at x=1; to name a value, write u := 3*x + 5; u^2)");
    case U'!': return tr(" (there is no factorial)");
    case U'%': return tr(" (there is no % operator)");
    case U':': return tr(" (name a value with :=, as in u := 3*x + 5; u^2)");
    default: return "";
  }
}

}  // namespace

std::string_view describe(TokenKind kind) {
  switch (kind) {
    case TokenKind::number: return tr("a number");
    case TokenKind::identifier: return tr("a name");
    case TokenKind::plus: return "'+'";
    case TokenKind::minus: return "'-'";
    case TokenKind::times: return "'*'";
    case TokenKind::divide: return "'/'";
    case TokenKind::power: return "'^'";
    case TokenKind::superscript: return tr("a superscript power");
    case TokenKind::open: return "'('";
    case TokenKind::close: return "')'";
    case TokenKind::comma: return "','";
    case TokenKind::semicolon: return "';'";
    case TokenKind::define: return "':='";
    case TokenKind::end: return tr("the end of the expression");
  }
  return tr("a token");
}

void ExpressionLexer::skip_space() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
    ++pos_;
    ++column_;
  }
}

Token ExpressionLexer::next() {
  skip_space();
  const std::size_t start = pos_;
  const std::size_t column = column_;
  if (pos_ >= text_.size()) return {TokenKind::end, {}, start, column, 1, 0.0};

  const char c = text_[pos_];
  if (is_digit(c) || (c == '.' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1])))
    return lex_number(start, column);
  if (c == '.') throw ParseError(tr("a '.' must be part of a number such as 0.5"), text_, column);
  if (is_ident_start(c)) {
    while (pos_ < text_.size() && is_ident_char(text_[pos_])) ++pos_;
    const std::size_t length = pos_ - start;
    column_ += length;
    return {TokenKind::identifier, text_.substr(start, length), start, column, length, 0.0};
  }

  const auto single = [&](TokenKind kind, std::size_t bytes) {
    pos_ += bytes;
    column_ += 1;
    return Token{kind, text_.substr(start, bytes), start, column, 1, 0.0};
  };
  switch (c) {
    case '+': return single(TokenKind::plus, 1);
    case '-': return single(TokenKind::minus, 1);
    case '/': return single(TokenKind::divide, 1);
    case '^': return single(TokenKind::power, 1);
    case '(': return single(TokenKind::open, 1);
    case ')': return single(TokenKind::close, 1);
    case ',': return single(TokenKind::comma, 1);
    case ';': return single(TokenKind::semicolon, 1);
    case ':':
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '=') {
        pos_ += 2;
        column_ += 2;
        return {TokenKind::define, text_.substr(start, 2), start, column, 2, 0.0};
      }
      break;
    case '*':
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
        pos_ += 2;
        column_ += 2;
        return {TokenKind::power, text_.substr(start, 2), start, column, 2, 0.0};
      }
      return single(TokenKind::times, 1);
    default: break;
  }

  const utf8::CodePoint cp = utf8::decode(text_, pos_);
  switch (cp.value) {
    case U'−': return single(TokenKind::minus, cp.length);
    case U'·':
    case U'×':
    case U'⋅': return single(TokenKind::times, cp.length);
    case U'÷': return single(TokenKind::divide, cp.length);
    case U'≔': return single(TokenKind::define, cp.length);
    default: break;
  }
  if (superscript_digit(cp.value) >= 0) return lex_superscript(start, column);
  throw ParseError(trf("unexpected {}{}", show_character(text_, pos_, cp), hint_for(cp.value)),
                   text_, column);
}

// digits [. digits] [e|E [+|-] digits], or . digits [...]. A second '.' or an exponent without
// digits is an error here rather than two tokens, which would only give a more confusing message.
Token ExpressionLexer::lex_number(std::size_t start, std::size_t column) {
  std::size_t p = pos_;
  while (p < text_.size() && (is_digit(text_[p]) || text_[p] == '.')) ++p;
  if (p < text_.size() && (text_[p] == 'e' || text_[p] == 'E')) {
    std::size_t q = p + 1;
    if (q < text_.size() && (text_[q] == '+' || text_[q] == '-')) ++q;
    if (q < text_.size() && is_digit(text_[q])) {
      while (q < text_.size() && is_digit(text_[q])) ++q;
      p = q;
    } else if (q > p + 1) {  // 1e+ or 1e- with no digits
      throw ParseError(trf("malformed number '{}': the exponent has no digits",
                                   text_.substr(start, q - start)),
                       text_, column, q - start);
    }
    // Otherwise `2e` or `2ex`: the number ends before the e (and the parser reports what follows).
  }
  const std::string_view spelled = text_.substr(start, p - start);
  // The same rule as the CSV reader's (autodiff/decimal.hpp): 1e-400 is 0, 1e999 is too large.
  const Decimal number = read_decimal(spelled);
  if (number.status == Decimal::Status::too_large)
    throw ParseError(trf("the number {} is too large for a double (at most about 1.8e308)",
                                 spelled),
                     text_, column, spelled.size());
  if (number.status != Decimal::Status::ok)
    throw ParseError(trf("malformed number '{}'", spelled), text_, column, spelled.size());
  const double value = number.value;
  pos_ = p;
  column_ += spelled.size();
  return {TokenKind::number, spelled, start, column, spelled.size(), value};
}

// A run of superscript digits such as ² or ¹⁰: a power with that integer exponent.
Token ExpressionLexer::lex_superscript(std::size_t start, std::size_t column) {
  double exponent = 0.0;
  std::size_t length = 0;
  while (pos_ < text_.size()) {
    const utf8::CodePoint cp = utf8::decode(text_, pos_);
    const int digit = superscript_digit(cp.value);
    if (digit < 0) break;
    exponent = exponent * 10.0 + digit;
    pos_ += cp.length;
    ++length;
  }
  // Past 2^53 the digits no longer count (and 309 of them make ∞): refuse rather than round.
  if (exponent > 9007199254740992.0)
    throw ParseError(trf("the superscript exponent has {} digits: too large for an exact "
                                 "power (at most 2⁵³); write x^(...) for a large exponent",
                                 length),
                     text_, column, length);
  column_ += length;
  return {TokenKind::superscript, text_.substr(start, pos_ - start), start, column, length, exponent};
}

}  // namespace tapegrad
