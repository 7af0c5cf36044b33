// SPDX-License-Identifier: MIT
// Hints for command-line mistakes (see usage_hints.hpp).
#include "cli/usage_hints.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "i18n/i18n.hpp"

namespace tapegrad::cli {
namespace {

constexpr std::array<std::string_view, 5> commands{"grad", "explain", "check", "descend", "hessian"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The option a value follows, or "".
std::string_view option_before(const std::vector<std::string>& args, std::size_t i) {
  return i > 0 && args[i - 1].starts_with("--") ? std::string_view(args[i - 1]) : std::string_view();
}

}  // namespace

std::string command_in(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (std::find(commands.begin(), commands.end(), a) != commands.end()) return a;
  return "";
}

std::optional<std::string> usage_hint(const std::vector<std::string>& args, const std::string& message) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    // --at x = 1, --at x= 1, --at x =1: the shell split one binding into several arguments.
    if (a == "=" || (a.size() > 1 && a.front() == '=') ||
        (a.size() > 1 && a.back() == '=' && i > 0 && (args[i - 1] == "--at" || args[i - 1] == "--with"))) {
      std::size_t start = i;
      while (start > 0 && !args[start - 1].starts_with("--")) --start;
      const std::string option = start > 0 ? args[start - 1] : "--at";
      std::string joined;
      for (std::size_t k = start; k < args.size() && !args[k].starts_with("--") && k <= i + 1; ++k) joined += args[k];
      return trf("hint: write a binding without spaces around '=': {} {}", option, joined);
    }
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const std::size_t eq = a.find('=');
    if (a.starts_with("-") || eq == std::string::npos || eq == 0) continue;
    const std::string_view before = option_before(args, i);
    if (before == "--at" || before == "--with" || before == "--grad") continue;
    // x=1 on its own: a binding without its option, taken for a second expression.
    if (message.find("not expected") != std::string::npos || message.find("xtra") != std::string::npos)
      return trf("hint: '{}' gives a value: put --at before a parameter (--at {}) or --with "
                         "before a constant (--with {})",
                         a, a, a);
  }
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] != "--optimizer") continue;
    const std::string name = lower(args[i + 1]);
    if (name == "sgd" || name == "gradient_descent" || name == "gradient-descent" || name == "bgd")
      return tr("hint: plain gradient descent is --optimizer gd (with --data every step uses all rows)");
    if (name == "adam_w" || name == "adam-w") return tr("hint: write --optimizer adamw");
    if (name == "l-bfgs" || name == "l_bfgs" || name == "bfgs") return tr("hint: write --optimizer lbfgs");
    if (name == "rms" || name == "rms_prop" || name == "rms-prop") return tr("hint: write --optimizer rmsprop");
  }
  return std::nullopt;
}

}  // namespace tapegrad::cli
