// SPDX-License-Identifier: MIT
// Runs the built `tapegrad` binary as a user would (through the shell), for the end-to-end tests:
// the exit code, stdout and stderr, and stdout parsed as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace tapegrad::test {

// Whether `text` contains `part`: the tests look for phrases in messages and output.
inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// tests/cli/data: the CSV files the --data tests read.
inline const std::string data_dir = TAPEGRAD_TEST_DATA;

struct ToolResult {
  int code = -1;
  std::string out;
  std::string err;
  nlohmann::ordered_json json() const { return nlohmann::ordered_json::parse(out); }
};

// Single-quotes an argument for /bin/sh.
inline std::string shell_quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// `environment` is put before the command for the shell, e.g. "PATH=/nonexistent" (quote its
// values yourself); empty by default.
inline ToolResult run_tool(const std::vector<std::string>& args, const std::string& environment = "") {
  char err_path[] = "/tmp/tapegrad_test_XXXXXX";
  const int fd = mkstemp(err_path);
  if (fd >= 0) close(fd);
  std::string command = (environment.empty() ? "" : environment + " ") + shell_quote(TAPEGRAD_BINARY);
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " 2>" + shell_quote(err_path);
  ToolResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream err(err_path);
  std::stringstream text;
  text << err.rdbuf();
  result.err = text.str();
  std::remove(err_path);
  return result;
}

}  // namespace tapegrad::test
