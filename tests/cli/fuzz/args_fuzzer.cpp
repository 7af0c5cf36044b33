// SPDX-License-Identifier: MIT
// libFuzzer target for the command's argument parsing: the input, split at line ends into argv
// words, goes through parse_tapegrad_arguments (cli/app.hpp) — CLI11's parsing, the validators,
// the usage hints and the error messages — which must return an exit code and never crash, throw
// or run a command. The commands themselves are stubs that abort: parsing alone must not reach
// them. Built with clang++ by run_fuzzer.sh (a ctest test), not by the main build.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/commands.hpp"

namespace tapegrad::cli {
// Running a command is not parsing: reaching one is a bug of parse_tapegrad_arguments.
int run_grad(const CommonOptions&, std::ostream&) { std::abort(); }
int run_explain(const ExplainCommandOptions&, std::ostream&) { std::abort(); }
int run_check(const CheckCommandOptions&, std::ostream&) { std::abort(); }
int run_hessian(const HessianCommandOptions&, std::ostream&) { std::abort(); }
int run_descend(const DescendCommandOptions&, std::ostream&, std::ostream&) { std::abort(); }
}  // namespace tapegrad::cli

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> words{"tapegrad"};
  std::string word;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') {
      words.push_back(word);
      word.clear();
    } else {
      word += static_cast<char>(data[i]);
    }
  }
  words.push_back(word);
  std::vector<const char*> argv;
  for (const auto& w : words) argv.push_back(w.c_str());
  std::ostringstream out, err;
  const int code = tapegrad::cli::parse_tapegrad_arguments(static_cast<int>(argv.size()), argv.data(), out, err);
  // Parsing ends in success or in a usage error; a domain error or an internal one is a bug.
  if (code != tapegrad::cli::exit_ok && code != tapegrad::cli::exit_usage) std::abort();
  return 0;
}
