// SPDX-License-Identifier: MIT
// Writes JSON text straight into a string, byte for byte as nlohmann::json's compact dump would
// (dump(-1, ' ', false, error_handler_t::replace)) — numbers by nlohmann's own shortest form,
// objects with their keys in ascending order as its std::map keeps them — without building the
// document: an explanation of 10⁵ nodes is ~10⁷ JSON values, and as a DOM it took seconds and a
// gigabyte (docs/explain.md, "Limits"). json.cpp writes the explanation with it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tapegrad::json_text {

// A JSON string: valid UTF-8 without characters to escape is copied as it is; anything else
// (quotes, control characters, malformed UTF-8) goes through nlohmann's own escaping.
void put(std::string& out, std::string_view text);
inline void put(std::string& out, const std::string& text) { put(out, std::string_view(text)); }
inline void put(std::string& out, const char* text) { put(out, std::string_view(text)); }
void put(std::string& out, bool b);
// A number as nlohmann writes a double ("1.0", "-0.5", "1e+200"); NaN and ±∞ become null.
void put(std::string& out, double x);
void put(std::string& out, std::uint64_t n);
inline void put(std::string& out, std::uint32_t n) { put(out, std::uint64_t(n)); }
inline void put(std::string& out, unsigned long long n) { put(out, std::uint64_t(n)); }
void put(std::string& out, std::int64_t n);
inline void put(std::string& out, int n) { put(out, std::int64_t(n)); }
void put_null(std::string& out);

// An object being written: `key` writes the separator and the name; the caller writes the value.
// Keys must come in ascending byte order, as nlohmann::json (a std::map) prints them: a key out
// of order throws std::logic_error, so a slip shows in every test instead of in a diff.
class Object {
 public:
  explicit Object(std::string& out) : out_(out) { out_ += '{'; }
  std::string& key(std::string_view name);
  template <class T>
  Object& field(std::string_view name, const T& value) {
    put(key(name), value);
    return *this;
  }
  void close() { out_ += '}'; }

 private:
  std::string& out_;
  std::string_view last_;
  bool first_ = true;
};

// An array being written: `next` writes the separator before each element.
class Array {
 public:
  explicit Array(std::string& out) : out_(out) { out_ += '['; }
  std::string& next() {
    if (!first_) out_ += ',';
    first_ = false;
    return out_;
  }
  void close() { out_ += ']'; }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace tapegrad::json_text
