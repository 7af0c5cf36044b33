// SPDX-License-Identifier: MIT
// Golden-text comparison for layout tests: compares produced text with a file under
// tests/autodiff/explain/golden/ and, on a mismatch, shows a line diff (− expected, + actual).
// To accept new output after an intended layout change, run the tests with
//   TAPEGRAD_UPDATE_GOLDEN=1 ctest --preset default -R explain
// which rewrites the golden files instead of comparing; review them with `git diff`.
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef TAPEGRAD_TEST_SOURCE_DIR
#error "tests/autodiff/CMakeLists.txt must define TAPEGRAD_TEST_SOURCE_DIR"
#endif

namespace tapegrad::test {

inline std::string golden_path(const std::string& name) {
  return std::string(TAPEGRAD_TEST_SOURCE_DIR) + "/golden/" + name;
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A line diff by longest common subsequence: unchanged lines with "  ", removed "- ", added "+ ",
// only changed lines and two lines of context around them.
inline std::string line_diff(const std::string& expected, const std::string& actual) {
  const auto a = split_lines(expected), b = split_lines(actual);
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<std::string> out;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out.push_back("  " + a[i]);
      ++i, ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push_back("- " + a[i++]);  // removals first, as diff -u prints them
    } else {
      out.push_back("+ " + b[j++]);
    }
  }
  std::string diff;
  for (std::size_t k = 0; k < out.size(); ++k) {
    bool near_change = false;
    for (std::size_t d = (k >= 2 ? k - 2 : 0); d <= k + 2 && d < out.size(); ++d)
      near_change = near_change || out[d][0] != ' ';
    if (near_change) diff += out[k] + "\n";
  }
  return diff;
}

struct GoldenResult {
  bool matches = false;
  std::string message;
};

// Compares `actual` with the golden file `name` (or rewrites it when TAPEGRAD_UPDATE_GOLDEN=1).
inline GoldenResult check_golden(const std::string& name, const std::string& actual) {
  const std::string path = golden_path(name);
  const char* update = std::getenv("TAPEGRAD_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return {true, "updated " + path};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return {false, "missing golden file " + path +
                       "; create it with TAPEGRAD_UPDATE_GOLDEN=1 ctest --preset default -R explain"};
  std::ostringstream expected;
  expected << in.rdbuf();
  if (expected.str() == actual) return {true, ""};
  return {false, "output differs from " + path + " (- golden, + actual):\n" +
                     line_diff(expected.str(), actual) +
                     "If the change is intended: TAPEGRAD_UPDATE_GOLDEN=1 ctest --preset default -R "
                     "explain, then review git diff"};
}

}  // namespace tapegrad::test
