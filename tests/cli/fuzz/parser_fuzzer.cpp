// SPDX-License-Identifier: MIT
// libFuzzer target for the expression parser and evaluator: any bytes must either record and
// differentiate, or end in a tapegrad::Error (ParseError, DomainError, ...). Anything else — a
// crash, a sanitizer report, another exception, a column outside the text — is a bug. Built with
// clang++ by run_fuzzer.sh (a ctest test), not by the main g++ build.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "autodiff/expression/parser.hpp"
#include "autodiff/tape.hpp"
#include "autodiff/utf8.hpp"
#include "autodiff/var_ops.hpp"

namespace {

std::size_t characters(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); i += tapegrad::utf8::decode(text, i).length) ++n;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tapegrad;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const Expression e = parse_expression(text);
    Tape tape({.checked = true, .trace = true});
    auto scope = tape.activate();
    std::vector<Var> values;
    for (std::size_t i = 0; i < e.variables().size(); ++i)
      values.push_back(tape.input(0.5 + 0.25 * static_cast<double>(i), e.variables()[i]));
    const Var y = e.record(values);
    if (y.is_recorded()) (void)tape.backward(y);
  } catch (const ParseError& error) {
    // The column must point into the text or just past its end.
    if (error.column() < 1 || error.column() > characters(text) + 1) std::abort();
  } catch (const Error&) {
    // A domain error (or another typed error) is a fine answer.
  }
  return 0;
}
