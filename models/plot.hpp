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

// A horizontal line across a loss curve (a floor such as the least-squares loss L = 7.5).
struct MarkedLevel {
  double value;
  std::string label;
};
// A point marked on a descent path's plane (the least-squares answer), with its label.
struct MarkedPoint {
  Eigen::Vector2d at;
  std::string label;
};

struct PlotOptions {
  std::string title{};
  std::string x_label = "epoch";
  std::string y_label = "loss";
  bool log_y = false;
  bool log_x = false;  // loss curves: a log step axis (step 0 cannot sit on it and is left out)
  std::vector<MarkedLevel> levels{};  // loss curves: horizontal lines, labelled
  std::vector<MarkedPoint> points{};  // descent paths: marked points, labelled
  bool equal_aspect = false;          // descent paths: one unit is as long on both axes (1:1)
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
  // The axes' labels, saying what a and b are ("v0: the intercept, in sales"); "" uses the names.
  std::string a_label{};
  std::string b_label{};
};

// Writes <stem>_grid.csv (a,b,loss on the grid; a blank line between rows, as gnuplot reads
// surfaces), <stem>_path.csv (step,a,b,loss) and <stem>.svg (.png): the path in red over contour lines
// spaced geometrically above the lowest loss on the grid, so both the floor of the valley and
// its steep walls show, each line labelled with its loss; the key sits below the plot, where it
// hides no part of the path.
PlotFiles plot_descent_path(const std::string& stem, const LossSurface& surface,
                            const std::vector<Eigen::Vector2d>& path, const PlotOptions& options = {});

// A binary classifier's decision boundary over two features: the line w·x + b = 0 where a logistic
// model's p = σ(w·x + b) is 1/2, between the samples of class 0 and class 1 (lesson 001).
struct DecisionLine {
  Eigen::Vector2d w;
  double b = 0.0;
  std::string x_name = "x1";
  std::string y_name = "x2";
};

// Writes <stem>_points.csv (x1,x2,label), the script and <stem>.svg (.png): class 0 as blue circles,
// class 1 as red squares, the boundary as a black line labelled p = 0.5, and an arrow from it
// along w, the side where p > 0.5. `x` has two columns, `labels` 0 or 1 per row.
PlotFiles plot_decision_boundary(const std::string& stem, const Eigen::MatrixXd& x,
                                 const Eigen::VectorXi& labels, const DecisionLine& line,
                                 const PlotOptions& options = {});

}  // namespace tapegrad::models
