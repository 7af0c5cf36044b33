// SPDX-License-Identifier: MIT
// CLI11's parse errors (a missing EXPR, an unknown option, a value out of range…) in the language
// --lang chose. CLI11 writes its messages in English inside the library, so each exception type's
// message is read back for the option name and value and said again through the catalogs (po/).
//
//   parse_error_text(CLI::ExtrasError({"--bogus"}))  // under --lang ru: "лишний аргумент: --bogus"
#pragma once

#include <CLI/Error.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tapegrad::cli {

// The message of `error` in the current language (tr()). In English, and for a message whose form
// is not known, CLI11's own text.
std::string parse_error_text(const CLI::ParseError& error);

// The language `--lang L` or `--lang=L` asks for among `args` (the user's arguments in order),
// when it is one tapegrad has (en, ru, zh); else nothing. Read before CLI11 parses, so that its
// errors, and the validators' messages, are in that language.
std::optional<std::string> language_in(const std::vector<std::string>& args);

}  // namespace tapegrad::cli
