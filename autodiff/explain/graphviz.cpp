// SPDX-License-Identifier: MIT
// Running Graphviz's `dot` to turn DOT text into SVG or PNG (see dot.hpp). The DOT goes
// in through a temporary file and the image comes back through another, so no pipe can fill up.
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "autodiff/explain/dot.hpp"

extern char** environ;

namespace tapegrad {

namespace {

// A file in the temporary directory, removed when this goes out of scope.
class TempFile {
 public:
  explicit TempFile(const char* suffix) {
    std::string pattern = (std::filesystem::temp_directory_path() / "tapegrad-XXXXXX").string() + suffix;
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    const int fd = mkstemps(buf.data(), static_cast<int>(std::strlen(suffix)));
    if (fd < 0) throw GraphvizError(std::string("cannot create a temporary file: ") + std::strerror(errno));
    ::close(fd);
    path_ = buf.data();
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `dot args...` with stdout and stderr sent to `err_path`; returns the exit status, or −1
// when it could not be started (e.g. not installed).
int run_dot(std::vector<std::string> args, const std::string& err_path) {
  args.insert(args.begin(), "dot");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, err_path.c_str(), O_WRONLY | O_TRUNC, 0);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "dot", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (!WIFEXITED(status)) return -1;
  // posix_spawnp reports a missing program through the child's exit status 127 on glibc.
  return WEXITSTATUS(status);
}

}  // namespace

bool graphviz_available() {
  TempFile err(".txt");
  return run_dot({"-V"}, err.path()) == 0;
}

std::string render_graph(const std::string& dot_source, GraphFormat format) {
  TempFile in(".dot"), out(format == GraphFormat::svg ? ".svg" : ".png"), err(".txt");
  {
    std::ofstream f(in.path(), std::ios::binary);
    f << dot_source;
    if (!f) throw GraphvizError("cannot write the DOT input to " + in.path());
  }
  const std::string type = format == GraphFormat::svg ? "-Tsvg" : "-Tpng";
  const int status = run_dot({type, "-o", out.path(), in.path()}, err.path());
  if (status == -1 || status == 127)
    throw GraphvizError(
        "cannot run Graphviz's `dot`: install it (Debian: apt-get install graphviz) or write the "
        "DOT text with to_dot and render it elsewhere");
  if (status != 0)
    throw GraphvizError(fmt::format("`dot {}` failed (exit status {}): {}", type, status, read_all(err.path())));
  return read_all(out.path());
}

void save_graph(const std::string& dot_source, GraphFormat format, const std::string& path) {
  const std::string image = render_graph(dot_source, format);
  std::ofstream f(path, std::ios::binary);
  f << image;
  if (!f) throw ExplainError("cannot write the graph image to " + path);
}

}  // namespace tapegrad
