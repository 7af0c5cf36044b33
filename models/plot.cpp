// SPDX-License-Identifier: MIT
// CSV writers and the gnuplot scripts for the pictures; tapegrad::plot (plot/gnuplot.hpp) writes
// the script beside the data and runs gnuplot in that folder, so the scripts name their files
// without a folder.
#include "models/plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>

#include "models/errors.hpp"
#include "plot/gnuplot.hpp"

namespace tapegrad::models {

namespace {

// The shared plumbing's write errors are this module's ModelError.
template <class F>
auto writing(F&& f) {
  try {
    return f();
  } catch (const plot::PlotError& e) {
    throw ModelError(std::string("plot: ") + e.what());
  }
}

std::ofstream open_for_writing(const std::string& path) {
  return writing([&] { return plot::open_for_writing(path); });
}

using plot::quote;

// Saves `script` as <stem>.gp (so the picture can be redrawn or restyled by hand: `gnuplot
// <stem>.gp` in its folder) and runs gnuplot on it; true when the image was drawn.
bool run_gnuplot(const std::string& script, const std::string& image, std::string& note,
                 std::vector<std::string>& data) {
  const std::string saved = image.substr(0, image.size() - 4) + ".gp";
  const plot::Drawing drawing = writing([&] { return plot::draw_script(saved, script, image); });
  data.push_back(saved);
  note = drawing.note;
  return drawing.drawn();
}

std::string image_name(const std::string& stem, const PlotOptions& o) {
  return stem + (o.format == PlotOptions::Format::png ? ".png" : ".svg");
}

std::string header(const std::string& image, const PlotOptions& o) {
  return plot::terminal_lines(o.format == PlotOptions::Format::png ? plot::ImageFormat::png : plot::ImageFormat::svg,
                              800, 560, image) +
         fmt::format("set title {}\nset xlabel {}\nset ylabel {}\nset grid\n", quote(o.title),
                     quote(o.x_label), quote(o.y_label));
}

}  // namespace

bool gnuplot_available() { return plot::gnuplot_available(); }

PlotFiles plot_loss_curves(const std::string& stem, const std::vector<LossCurve>& curves,
                           const PlotOptions& options) {
  if (curves.empty()) throw ModelError("plot_loss_curves: no curves to draw");
  PlotFiles files;
  const std::string csv = stem + ".csv";
  {
    std::ofstream out = open_for_writing(csv);
    out << "epoch";
    std::size_t longest = 0;
    for (const auto& c : curves) {
      out << ',' << c.name;
      longest = std::max(longest, c.values.size());
    }
    out << '\n';
    for (std::size_t e = 0; e < longest; ++e) {
      out << e;
      for (const auto& c : curves) {
        out << ',';
        if (e < c.values.size()) out << fmt::format("{}", c.values[e]);
      }
      out << '\n';
    }
  }
  files.data.push_back(csv);
  const std::string image = image_name(stem, options);
  std::string script = header(image, options) + "set datafile separator ','\nset key top right\n";
  if (options.log_y) script += "set logscale y\nset format y '10^{%L}'\n";
  script += "plot ";
  for (std::size_t i = 0; i < curves.size(); ++i)
    script += fmt::format("{}{} skip 1 using 1:{} with lines lw 2 title {}", i ? ", " : "",
                          quote(plot::file_name(csv)), i + 2, quote(curves[i].name));
  script += "\n";
  if (run_gnuplot(script, image, files.note, files.data)) files.image = image;
  return files;
}

PlotFiles plot_descent_path(const std::string& stem, const LossSurface& s,
                            const std::vector<Eigen::Vector2d>& path, const PlotOptions& options) {
  if (!s.loss) throw ModelError("plot_descent_path: the surface has no loss function");
  if (s.steps < 2 || !(s.a_max > s.a_min) || !(s.b_max > s.b_min))
    throw ModelError("plot_descent_path: the rectangle needs a_min < a_max, b_min < b_max and "
                     "steps ≥ 2");
  PlotFiles files;
  const std::string grid = stem + "_grid.csv", trail = stem + "_path.csv", image = image_name(stem, options);
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  {
    std::ofstream out = open_for_writing(grid);
    out << s.a_name << ',' << s.b_name << ",loss\n";
    for (int i = 0; i < s.steps; ++i) {
      const double a = s.a_min + (s.a_max - s.a_min) * i / (s.steps - 1);
      for (int j = 0; j < s.steps; ++j) {
        const double b = s.b_min + (s.b_max - s.b_min) * j / (s.steps - 1);
        const double l = s.loss(a, b);
        lo = std::min(lo, l);
        hi = std::max(hi, l);
        out << fmt::format("{},{},{}\n", a, b, l);
      }
      out << '\n';
    }
  }
  {
    std::ofstream out = open_for_writing(trail);
    out << "step," << s.a_name << ',' << s.b_name << ",loss\n";
    for (std::size_t k = 0; k < path.size(); ++k)
      out << fmt::format("{},{},{},{}\n", k, path[k][0], path[k][1], s.loss(path[k][0], path[k][1]));
  }
  files.data = {grid, trail};

  // Levels lo + (hi − lo)·r^i, i = 0..14, r chosen so the lowest is (hi − lo)·1e-4 above lo.
  std::string levels;
  const int count = 15;
  for (int i = 0; i < count; ++i) {
    const double level = lo + (hi - lo) * std::pow(1e-4, double(count - 1 - i) / (count - 1));
    levels += fmt::format("{}{:.6g}", i ? "," : "", level);
  }
  PlotOptions o = options;
  o.x_label = s.a_name;
  o.y_label = s.b_name;
  std::string script = header(image, o);
  script += fmt::format(
      "set datafile separator ','\n"
      "set contour base\nunset surface\nset view map\nset cntrparam levels discrete {}\n"
      "set table $contours\n"
      "splot {} skip 1 using 1:2:3 with lines notitle\n"
      "unset table\n"
      "# the path, read while the separator is a comma; the contour table is whitespace-separated\n"
      "set table $path\n"
      "plot {} skip 1 using 2:3 with table\n"
      "unset table\n"
      "set datafile separator whitespace\n"
      "set xrange [{}:{}]\nset yrange [{}:{}]\nset key top right opaque box\n"
      "plot $contours using 1:2 with lines lc rgb '#8899aa' title 'loss contours', \\\n"
      "     $path using 1:2 with linespoints lc rgb '#cc2222' pt 7 ps 0.5 lw 1.5 "
      "title 'descent path', \\\n"
      "     $path every ::0::0 using 1:2 with points pt 9 ps 2 lc rgb '#228822' title 'start', \\\n"
      "     $path every ::{}::{} using 1:2 with points pt 5 ps 1.5 lc rgb '#000000' title 'end'\n",
      levels, quote(plot::file_name(grid)), quote(plot::file_name(trail)), s.a_min, s.a_max, s.b_min, s.b_max,
      path.empty() ? 0 : path.size() - 1, path.empty() ? 0 : path.size() - 1);
  if (run_gnuplot(script, image, files.note, files.data)) files.image = image;
  return files;
}

}  // namespace tapegrad::models
