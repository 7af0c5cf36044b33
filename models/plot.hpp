// SPDX-License-Identifier: MIT
// Pictures of training: loss curves, and for a model with two parameters the descent path drawn
// over the contours of the loss (lesson 000's bowl), drawn through tapegrad::plot
// (plot/gnuplot.hpp, the one place that runs gnuplot). The data is always written as CSV, with
// the gnuplot script beside it; the SVG only when gnuplot is installed (Debian gnuplot-nox), so a
// missing gnuplot never fails a run — PlotFiles::image is then empty and `note` says why.
//
//   models::plot_loss_curves("out/icecream_loss", {{"raw", raw_losses}, {"standardised", std_losses}},
//                            {.title = "ice cream: loss per step", .log_y = true});
#pragma once

#include <Eigen/Core>
#include <functional>
#include <string>
#include <vector>

namespace tapegrad::models {

struct PlotOptions {
  std::string title{};
  std::string x_label = "epoch";
  std::string y_label = "loss";
  bool log_y = false;
  // The picture's format: SVG (scales, small) or PNG (gnuplot's pngcairo terminal).
  enum class Format { svg, png } format = Format::svg;
};

struct PlotFiles {
  std::vector<std::string> data;  // the CSV files and the gnuplot script (.gp) written
  std::string image{};            // the SVG/PNG, empty when gnuplot is absent or failed
  std::string note{};             // why there is no image
};

struct LossCurve {
  std::string name;
  std::vector<double> values;  // value e is the loss after e updates / at epoch e
};

// Whether `gnuplot` is on the PATH.
bool gnuplot_available();

// Writes <stem>.csv (epoch,<name>,...; shorter curves leave their cells empty) and <stem>.svg (.png).
PlotFiles plot_loss_curves(const std::string& stem, const std::vector<LossCurve>& curves,
                           const PlotOptions& options = {});

// The loss over a rectangle of two parameters (a, b), and a descent path through that plane.
struct LossSurface {
  std::function<double(double a, double b)> loss;
  double a_min, a_max, b_min, b_max;
  int steps = 81;  // grid points per side
  std::string a_name = "a";
  std::string b_name = "b";
};

// Writes <stem>_grid.csv (a,b,loss on the grid; a blank line between rows, as gnuplot reads
// surfaces), <stem>_path.csv (step,a,b,loss) and <stem>.svg (.png): the path in red over contour lines
// spaced geometrically above the lowest loss on the grid, so both the floor of the valley and
// its steep walls show.
PlotFiles plot_descent_path(const std::string& stem, const LossSurface& surface,
                            const std::vector<Eigen::Vector2d>& path, const PlotOptions& options = {});

}  // namespace tapegrad::models
