// SPDX-License-Identifier: MIT
// Hints for the command-line mistakes a student makes, added to CLI11's parse errors: a binding
// written with spaces (`--at x = 1`), a binding without its option (`x=1`), an optimizer by
// another name (`--optimizer sgd`).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tapegrad::cli {

// The hint for a parse error `message` of the command line `args` (without the program name, in
// the user's order), or nothing when there is no better advice than the message.
std::optional<std::string> usage_hint(const std::vector<std::string>& args, const std::string& message);

// The first argument that names a command (grad, explain, ...), or "".
std::string command_in(const std::vector<std::string>& args);

}  // namespace tapegrad::cli
