// SPDX-License-Identifier: MIT
// JSON text as nlohmann::json's compact dump writes it (see json_writer.hpp).
#include "autodiff/explain/json_writer.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "autodiff/utf8.hpp"

namespace tapegrad::json_text {

namespace {
// Whether nlohmann would copy the text unchanged: well-formed UTF-8 (its decoder's definition:
// no overlong forms, surrogates or code points past U+10FFFF) with nothing to escape.
bool copies_unchanged(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (byte < 0x20 || byte == '"' || byte == '\\') return false;
      ++i;
      continue;
    }
    const utf8::CodePoint c = utf8::decode(text, i);
    if (c.value == utf8::invalid) return false;
    i += c.length;
  }
  return true;
}
}  // namespace

void put(std::string& out, std::string_view text) {
  if (copies_unchanged(text)) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void put(std::string& out, bool b) { out += b ? "true" : "false"; }

void put(std::string& out, double x) {
  if (!std::isfinite(x)) return put_null(out);
  // nlohmann's own shortest round-trip form (Grisu2, "1.0" for whole numbers), which its dump
  // uses for every double: the same digits, not merely the same value.
  std::array<char, 64> buffer;
  char* end = ::nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
  out.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}

void put(std::string& out, std::uint64_t n) { fmt::format_to(std::back_inserter(out), "{}", n); }

void put(std::string& out, std::int64_t n) { fmt::format_to(std::back_inserter(out), "{}", n); }

void put_null(std::string& out) { out += "null"; }

std::string& Object::key(std::string_view name) {
  if (!first_ && !(last_ < name))
    throw std::logic_error("json_text::Object: key \"" + std::string(name) + "\" after \"" +
                           std::string(last_) + "\"; nlohmann::json orders keys ascending");
  if (!first_) out_ += ',';
  first_ = false;
  last_ = name;
  put(out_, name);
  out_ += ':';
  return out_;
}

}  // namespace tapegrad::json_text
