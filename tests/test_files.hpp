// SPDX-License-Identifier: MIT
// Files for tests: a file's whole text, and a fresh empty folder of the test's own under the
// system's temporary folder (tests of different executables run at once: give each a unique name).
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace tapegrad::test {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// <temp>/tapegrad_<name>, emptied and created.
inline std::filesystem::path fresh_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("tapegrad_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace tapegrad::test
