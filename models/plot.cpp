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
  if (options.log_x) script += "set logscale x\nset format x '10^{%L}'\n";
  script += "plot ";
  for (std::size_t i = 0; i < curves.size(); ++i)
    // On a log axis step 0 has no place: its row is skipped, not drawn at the edge.
    script += fmt::format("{}{} skip {} using 1:{} with lines lw 2 title {}", i ? ", " : "",
                          quote(plot::file_name(csv)), options.log_x ? 2 : 1, i + 2, quote(curves[i].name));
  for (const MarkedLevel& level : options.levels)
    script += fmt::format(", {} with lines dt 2 lw 1.5 lc rgb '#444444' title {}", level.value,
                          quote(level.label));
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
  o.x_label = s.a_label.empty() ? s.a_name : s.a_label;
  o.y_label = s.b_label.empty() ? s.b_name : s.b_label;
  std::string script = header(image, o);
  if (options.equal_aspect) script += "set size ratio -1\n";
  for (std::size_t k = 0; k < options.points.size(); ++k) {
    const MarkedPoint& m = options.points[k];
    // The label on the side of the point with more room, so it stays inside the frame.
    const bool right_half = m.at[0] > 0.5 * (s.a_min + s.a_max);
    script += fmt::format("set label {} {} at {},{} {} point pt 3 ps 2 lc rgb '#1d4ed8' offset {},1 "
                          "front tc rgb '#1d4ed8'\n",
                          k + 1, quote(m.label), m.at[0], m.at[1], right_half ? "right" : "left",
                          right_half ? -1 : 1);
  }
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
      "set xrange [{}:{}]\nset yrange [{}:{}]\nset key below horizontal\n"
      "# each contour line labelled with its loss (column 3 of the contour table), every 37th point\n"
      "plot $contours using 1:2 with lines lc rgb '#8899aa' title 'loss contours', \\\n"
      "     $contours every 37::12 using 1:2:($3 >= 100 ? sprintf('%.0f', $3) : sprintf('%.3g', $3)) "
      "with labels font ',8' "
      "tc rgb '#556677' notitle, \\\n"
      "     $path using 1:2 with linespoints lc rgb '#cc2222' pt 7 ps 0.5 lw 1.5 "
      "title 'descent path', \\\n"
      "     $path every ::0::0 using 1:2 with points pt 9 ps 2 lc rgb '#228822' title 'start', \\\n"
      "     $path every ::{}::{} using 1:2 with points pt 5 ps 1.5 lc rgb '#000000' title 'end'\n",
      levels, quote(plot::file_name(grid)), quote(plot::file_name(trail)), s.a_min, s.a_max, s.b_min, s.b_max,
      path.empty() ? 0 : path.size() - 1, path.empty() ? 0 : path.size() - 1);
  if (run_gnuplot(script, image, files.note, files.data)) files.image = image;
  return files;
}

PlotFiles plot_decision_boundary(const std::string& stem, const Eigen::MatrixXd& x,
                                 const Eigen::VectorXi& labels, const DecisionLine& line,
                                 const PlotOptions& options) {
  if (x.cols() != 2 || x.rows() == 0 || x.rows() != labels.size())
    throw ModelError(fmt::format("plot_decision_boundary: x must have 2 columns and one row per label "
                                 "(it has {} × {} for {} labels)", x.rows(), x.cols(), labels.size()));
  if (!(line.w.norm() > 0.0))
    throw ModelError("plot_decision_boundary: w = 0 has no boundary (every point has p = σ(b))");
  PlotFiles files;
  const std::string points = stem + "_points.csv", image = image_name(stem, options);
  {
    std::ofstream out = open_for_writing(points);
    out << line.x_name << ',' << line.y_name << ",label\n";
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      if (labels[i] != 0 && labels[i] != 1)
        throw ModelError(fmt::format("plot_decision_boundary: label {} of row {} is not 0 or 1", labels[i], i));
      out << fmt::format("{},{},{}\n", x(i, 0), x(i, 1), labels[i]);
    }
  }
  files.data.push_back(points);
  // The frame: the samples with a margin; the boundary is drawn across it from its two ends.
  const Eigen::Vector2d lo = x.colwise().minCoeff(), hi = x.colwise().maxCoeff();
  const Eigen::Vector2d pad = 0.1 * (hi - lo).cwiseMax(1e-9);
  const Eigen::Vector2d a = lo - pad, z = hi + pad;
  // The point of the line nearest the frame's centre, and the line's direction there.
  const Eigen::Vector2d centre = 0.5 * (a + z);
  const Eigen::Vector2d foot = centre - (line.w.dot(centre) + line.b) / line.w.squaredNorm() * line.w;
  // The part of the line inside the frame (gnuplot does not clip arrows): foot + t·along for t in
  // [t_lo, t_hi], cut by each pair of sides the line crosses.
  const Eigen::Vector2d along(-line.w[1], line.w[0]);
  double t_lo = -std::numeric_limits<double>::infinity(), t_hi = -t_lo;
  for (int k = 0; k < 2; ++k) {
    if (along[k] == 0.0) {
      if (foot[k] < a[k] || foot[k] > z[k]) t_lo = t_hi + 1.0;  // parallel to, and outside, a side
      continue;
    }
    const double t1 = (a[k] - foot[k]) / along[k], t2 = (z[k] - foot[k]) / along[k];
    t_lo = std::max(t_lo, std::min(t1, t2));
    t_hi = std::min(t_hi, std::max(t1, t2));
  }
  if (!(t_lo <= t_hi))
    throw ModelError("plot_decision_boundary: the boundary w·x + b = 0 does not cross the samples' "
                     "frame: every sample is on one side (check w and b)");
  const Eigen::Vector2d p0 = foot + t_lo * along, p1 = foot + t_hi * along;
  const Eigen::Vector2d arrow_end = foot + 0.15 * (z - a).norm() * line.w.normalized();
  PlotOptions o = options;
  o.x_label = line.x_name;
  o.y_label = line.y_name;
  std::string script = header(image, o);
  script += fmt::format(
      "set datafile separator ','\nset key below horizontal\n"
      "set xrange [{}:{}]\nset yrange [{}:{}]\n"
      "set arrow 1 from {},{} to {},{} nohead lw 2 lc rgb '#000000' front\n"
      "set arrow 2 from {},{} to {},{} lw 1.5 lc rgb '#cc2222' front\n"
      "set label 1 'p > 0.5' at {},{} offset 0.5,0.5 tc rgb '#cc2222' front\n"
      "plot {} skip 1 using 1:($3 == 0 ? $2 : NaN) with points pt 7 ps 0.8 lc rgb '#1d4ed8' "
      "title 'class 0', \\\n"
      "     '' skip 1 using 1:($3 == 1 ? $2 : NaN) with points pt 5 ps 0.8 lc rgb '#cc2222' "
      "title 'class 1', \\\n"
      "     NaN with lines lw 2 lc rgb '#000000' title 'boundary: w·x + b = 0, p = 0.5'\n",
      a[0], z[0], a[1], z[1], p0[0], p0[1], p1[0], p1[1], foot[0], foot[1], arrow_end[0],
      arrow_end[1], arrow_end[0], arrow_end[1], quote(plot::file_name(points)));
  if (run_gnuplot(script, image, files.note, files.data)) files.image = image;
  return files;
}

}  // namespace tapegrad::models
