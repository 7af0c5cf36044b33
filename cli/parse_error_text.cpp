// SPDX-License-Identifier: MIT
// CLI11's parse errors, translated (see parse_error_text.hpp). The English forms read here are
// CLI11 2.1's (CLI/Error.hpp, CLI/Validators.hpp); a form not recognised keeps CLI11's text.
#include "cli/parse_error_text.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <string_view>

#include "i18n/i18n.hpp"

namespace tapegrad::cli {
namespace {

// The text between `prefix` and `suffix` when `s` is prefix…suffix.
std::optional<std::string> between(std::string_view s, std::string_view prefix, std::string_view suffix) {
  if (s.size() < prefix.size() + suffix.size() || !s.starts_with(prefix) || !s.ends_with(suffix))
    return std::nullopt;
  return std::string(s.substr(prefix.size(), s.size() - prefix.size() - suffix.size()));
}

// "1.000000" → "1": CLI11 prints a range's ends with std::to_string.
std::string plain_number(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  return end != text.c_str() && *end == '\0' ? fmt::format("{}", v) : text;
}

// A validator's message after "NAME: ".
std::string validation_text(const std::string& name, const std::string& message) {
  // CLI::IsMember: "pdf not in {text,markdown,json}".
  if (const std::size_t at = message.rfind(" not in {"); at != std::string::npos && message.ends_with("}"))
    return trf("{}: '{}' is not one of {}", name, message.substr(0, at), message.substr(at + 8));
  // CLI::Range: "Value 50 not in range 1 to 17"; PositiveNumber's upper end is DBL_MAX.
  if (const auto body = between(message, "Value ", "")) {
    const std::size_t in = body->find(" not in range ");
    const std::size_t to = body->rfind(" to ");
    if (in != std::string::npos && to != std::string::npos && to > in) {
      const std::string value = body->substr(0, in);
      const std::string low = plain_number(body->substr(in + 14, to - in - 14));
      const std::string high = body->substr(to + 4);
      if (std::strtod(high.c_str(), nullptr) > 1e300)
        return trf("{}: '{}' is not a positive number", name, value);
      return trf("{}: '{}' is not a number from {} to {}", name, value, low, plain_number(high));
    }
  }
  // The command's own validators already speak the chosen language (app.cpp).
  return fmt::format("{}: {}", name, message);
}

}  // namespace

std::string parse_error_text(const CLI::ParseError& error) {
  const std::string message = error.what();
  if (current_language() == "en") return message;
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    if (message == "A subcommand is required" ||
        (message.starts_with("Requires at least ") && message.ends_with(" subcommands")))
      return tr("a command is needed: grad, explain, check, hessian or descend");
    if (message == "EXPR is required") return tr("the expression (EXPR) is missing");
    if (const auto name = between(message, "", " is required")) return trf("{} is required", *name);
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    // "--at: 1 required NAME=VALUE,... missing"
    const std::size_t colon = message.find(": ");
    const std::size_t required = message.find(" required ");
    if (colon != std::string::npos && required != std::string::npos && message.ends_with(" missing"))
      return trf("{} needs a value ({})", message.substr(0, colon),
                 message.substr(required + 10, message.size() - required - 10 - 8));
    // "--json was given a disallowed flag override": --json=1.
    if (const auto name = between(message, "", " was given a disallowed flag override"))
      return trf("{} is a flag and takes no value", *name);
    // "Expected exactly 1 arguments to --lr, got 2", "--at: At least 1 required but received 0".
    for (const char* form : {"Expected exactly ", "Expected at least "}) {
      if (const auto body = between(message, form, "")) {
        const std::size_t to = body->find(" arguments to "), got = body->rfind(", got ");
        if (to != std::string::npos && got != std::string::npos && got > to)
          return trf("{}: {} values expected, {} given", body->substr(to + 14, got - to - 14), body->substr(0, to),
                     body->substr(got + 6));
      }
    }
    for (const char* form : {": At least ", ": At Most "}) {
      const std::size_t at = message.find(form), but = message.rfind(" required but received ");
      if (at != std::string::npos && but != std::string::npos && but > at) {
        const std::size_t from = at + std::string_view(form).size();
        return trf("{}: {} values expected, {} given", message.substr(0, at), message.substr(from, but - from),
                   message.substr(but + 23));
      }
    }
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    if (const auto arg = between(message, "The following argument was not expected: ", ""))
      return trf("an argument that does not belong here: {}", *arg);
    if (const auto args = between(message, "The following arguments were not expected: ", ""))
      return trf("arguments that do not belong here: {}", *args);
  }
  if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
    // "Could not convert: --lr = abc"
    if (const auto body = between(message, "Could not convert: ", "")) {
      const std::size_t eq = body->find(" = ");
      if (eq != std::string::npos) return trf("{}: '{}' is not a number", body->substr(0, eq), body->substr(eq + 3));
    }
  }
  if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) {
    const std::size_t colon = message.find(": ");
    if (colon != std::string::npos) return validation_text(message.substr(0, colon), message.substr(colon + 2));
  }
  return message;
}

std::optional<std::string> language_in(const std::vector<std::string>& args) {
  std::optional<std::string> found;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string value;
    if (args[i] == "--") break;
    if (args[i] == "--lang" && i + 1 < args.size()) value = args[i + 1];
    else if (args[i].starts_with("--lang=")) value = args[i].substr(7);
    else continue;
    if (value == "en" || is_supported_language(value)) found = value;  // the last one wins, as in CLI11
  }
  return found;
}

}  // namespace tapegrad::cli
