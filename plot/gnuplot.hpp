// SPDX-License-Identifier: MIT
// The one place that runs gnuplot. A picture is three kinds of file side by side: its data as CSV,
// the gnuplot script that draws it (NAME.gp, naming the data and the picture by their bare file
// names), and the picture (NAME.svg or NAME.png). gnuplot runs in that folder, so a teacher can
// restyle the script and draw it again with `gnuplot NAME.gp` there. Without gnuplot (Debian
// gnuplot-nox) the data and the script are still written and draw_script says why there is no
// picture; nothing here prints.
//
//   plot::write_csv("out/loss.csv", {"step", "loss"}, {{0, 4}, {1, 2.5}});
//   const plot::Drawing d = plot::draw_script("out/loss.gp", script, "out/loss.svg");
//   if (!d.drawn()) std::cerr << d.note << '\n';
#pragma once

#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/error_base.hpp"

namespace tapegrad::plot {

// A file that cannot be written (the message names it and says what to check).
class PlotError : public Error {
 public:
  using Error::Error;
};

// The picture formats: SVG (scales, small; gnuplot's svg terminal) or PNG (its pngcairo terminal).
enum class ImageFormat { svg, png };

// The format a picture's file name asks for by its extension, .svg or .png (in any case), or
// nothing for another name.
std::optional<ImageFormat> format_of(std::string_view path);

// Whether `gnuplot` is on the PATH.
bool gnuplot_available();

// What to do without gnuplot, for the messages that say there is no picture.
inline constexpr std::string_view install_advice = "Debian: apt-get install gnuplot-nox";

// `text` as a gnuplot single-quoted string (a quote is doubled): file names, titles.
std::string quote(std::string_view text);

// The script's opening lines: UTF-8, the terminal for `format` at width × height pixels on white,
// and `set output` to the picture's bare file name.
std::string terminal_lines(ImageFormat format, int width, int height, const std::string& image_path);

// The file name of `path` without its folder, as the scripts name their data and pictures.
std::string file_name(const std::string& path);

// Opens `path` for writing (truncating it), creating its folder first; PlotError when it cannot.
std::ofstream open_for_writing(const std::string& path);

// A picture's text (an SVG to put inline in a page); PlotError when it cannot be read.
std::string read_text(const std::string& path);

// A fresh folder under the system's temporary folder (mkdtemp), removed with what it holds when
// this goes out of scope: for a picture that is only wanted as text. PlotError when it cannot be made.
class TemporaryFolder {
 public:
  TemporaryFolder();
  ~TemporaryFolder();
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

// A number as CSV text: the shortest form that reads back to the same double; nan, inf, -inf for
// the others (gnuplot skips those points).
std::string csv_number(double x);

// Writes a CSV file: the header, then one line per row. PlotError when it cannot.
void write_csv(const std::string& path, const std::vector<std::string>& header,
               const std::vector<std::vector<double>>& rows);

// What became of a script: drawn, or not and why.
struct Drawing {
  enum class Status { drawn, no_gnuplot, failed } status = Status::failed;
  std::string note;  // empty when drawn; otherwise a sentence: gnuplot is missing, or its error
  bool drawn() const { return status == Status::drawn; }
};

// Saves `script` as `script_path` and, when gnuplot is installed, runs it in that file's folder,
// where it must write `image_path` (which is removed first, so a stale picture never passes for a
// new one). PlotError when the script cannot be written.
Drawing draw_script(const std::string& script_path, const std::string& script, const std::string& image_path);

}  // namespace tapegrad::plot
