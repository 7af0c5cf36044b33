// SPDX-License-Identifier: MIT
// gnuplot runs as a child of /bin/sh, in the script's folder, with its messages captured: they
// become the note of a failed drawing instead of noise on the terminal.
#include "plot/gnuplot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/wait.h>

#include "i18n/i18n.hpp"

namespace tapegrad::plot {
namespace {

namespace fs = std::filesystem;

// `text` single-quoted for /bin/sh.
std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The first lines of gnuplot's messages, enough to say what went wrong.
std::string first_lines(const std::string& text, std::size_t lines) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t n = 0; n < lines && start < text.size(); ++n) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t^") != std::string::npos) out += (out.empty() ? "" : " / ") + line;
    start = end + 1;
  }
  return out;
}

}  // namespace

std::optional<ImageFormat> format_of(std::string_view path) {
  const std::string ext = lower(fs::path(path).extension().string());
  if (ext == ".svg") return ImageFormat::svg;
  if (ext == ".png") return ImageFormat::png;
  return std::nullopt;
}

bool gnuplot_available() { return std::system("command -v gnuplot >/dev/null 2>&1") == 0; }

std::string quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string terminal_lines(ImageFormat format, int width, int height, const std::string& image_path) {
  return fmt::format(
      "set encoding utf8\n{}\nset output {}\n",
      format == ImageFormat::png
          ? fmt::format("set terminal pngcairo size {},{} enhanced font 'sans,10' background rgb 'white'",
                        width, height)
          : fmt::format("set terminal svg size {},{} dynamic enhanced font 'sans,12' background rgb 'white'",
                        width, height),
      quote(file_name(image_path)));
}

std::string file_name(const std::string& path) { return fs::path(path).filename().string(); }

std::ofstream open_for_writing(const std::string& path) {
  const fs::path p(path);
  std::error_code ignored;  // a folder that cannot be made shows as the file that cannot be opened
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ignored);
  std::ofstream out(path);
  if (!out) throw PlotError(trf("cannot write '{}': check that the folder exists and is writable", path));
  return out;
}

std::string csv_number(double x) { return fmt::format("{}", x); }

void write_csv(const std::string& path, const std::vector<std::string>& header,
               const std::vector<std::vector<double>>& rows) {
  std::ofstream out = open_for_writing(path);
  for (std::size_t i = 0; i < header.size(); ++i) out << (i ? "," : "") << header[i];
  out << '\n';
  for (const std::vector<double>& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csv_number(row[i]);
    out << '\n';
  }
  out.flush();
  if (!out) throw PlotError(trf("could not finish writing '{}': is the disk full?", path));
}

Drawing draw_script(const std::string& script_path, const std::string& script, const std::string& image_path) {
  {
    std::ofstream out = open_for_writing(script_path);
    out << script;
    out.flush();
    if (!out) throw PlotError(trf("could not finish writing '{}': is the disk full?", script_path));
  }
  std::error_code ignored;
  fs::remove(image_path, ignored);
  if (!gnuplot_available())
    return {Drawing::Status::no_gnuplot,
            trf("gnuplot is not installed ({}), so {} was not drawn; the data and the script {} "
                "are written: draw it later with `gnuplot {}` in {}",
                install_advice, image_path, script_path, file_name(script_path),
                fs::path(script_path).has_parent_path() ? fs::path(script_path).parent_path().string()
                                                        : std::string(tr("this folder")))};
  const fs::path folder = fs::path(script_path).has_parent_path() ? fs::path(script_path).parent_path() : ".";
  const std::string command = fmt::format("cd -- {} && gnuplot {} 2>&1", shell_quoted(folder.string()),
                                          shell_quoted("./" + file_name(script_path)));
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {Drawing::Status::failed, tr("could not start gnuplot")};
  std::string messages;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
    if (messages.size() < 65536) messages.append(buffer, n);
  const int status = pclose(pipe);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code != 0 || !fs::exists(image_path))
    return {Drawing::Status::failed,
            messages.empty() ? trf("gnuplot failed drawing {} (exit status {})", image_path, code)
                             : trf("gnuplot failed drawing {} (exit status {}): {}", image_path, code,
                                   first_lines(messages, 4))};
  return {Drawing::Status::drawn, ""};
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PlotError(trf("cannot read '{}'", path));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TemporaryFolder::TemporaryFolder() {
  std::string pattern = (fs::temp_directory_path() / "tapegrad-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    throw PlotError(trf("cannot make a temporary folder in {}: {}", fs::temp_directory_path().string(),
                        std::strerror(errno)));
  path_ = pattern;
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

}  // namespace tapegrad::plot
