// SPDX-License-Identifier: MIT
// The pictures of `tapegrad descend --plot FILE.svg`: what a teacher draws on the board.
//   one parameter    the curve f(w), each step a numbered point with its tangent, and the update
//                    w − η·∂f/∂w as an arrow from the point of w_k to the point of w_{k+1};
//   two parameters   the contour lines of f (labelled with their levels, aspect 1:1), the path
//                    with an arrow per update, the start and the lowest f reached;
//   more             f and ‖∇f‖ per step (a log axis when the values span more than two decades).
// With several learning rates (--lr 0.1,0.9,1.05) each run gets a panel of its own, side by side,
// and one more panel has f per step of every run. The data go to CSV files beside the picture and
// the gnuplot script too (FILE.gp); tapegrad::plot (plot/gnuplot.hpp) runs gnuplot on it.
#pragma once

#include <Eigen/Core>

#include <functional>
#include <string>
#include <vector>

#include "optim/step_record.hpp"
#include "plot/gnuplot.hpp"

namespace tapegrad::cli {

// One run of descend as the picture shows it.
struct PlottedRun {
  double learning_rate = 0.0;              // η of the run (the optimizer's own when --lr is not given)
  std::vector<optim::StepRecord> records;  // every record of the run, with params and gradient
  bool diverged = false;
};

struct DescentPlotRequest {
  std::string path;  // the picture, --plot as given: FILE.svg or FILE.png
  plot::ImageFormat format = plot::ImageFormat::svg;
  std::string expression;          // shown in the title
  std::string optimizer = "gd";    // shown in the title
  std::string schedule = "constant";
  std::string loss_name = "f";
  std::vector<std::string> names;  // the parameters, in --at order
  // The loss at a point, NaN where it is undefined: the curve of one parameter, the grid of two.
  std::function<double(const Eigen::VectorXd&)> loss;
  int grid_points = 81;  // per side of the grid of two parameters
  // False: compute what the picture needs (the loss over the curve or the grid) and write nothing
  // — an MPI rank other than 0, whose evaluations take part in rank 0's.
  bool write = true;
};

struct DescentPlotFiles {
  std::vector<std::string> data;  // the CSV files written
  std::string script;             // the gnuplot script written, FILE.gp
  std::string image;              // the picture, FILE.svg or FILE.png (drawn or not: see drawing)
  plot::Drawing drawing;
};

// The picture's format from --plot's file name: .svg or .png, else a UsageError naming the option.
plot::ImageFormat descent_plot_format(const std::string& path);

// Fails at once (UsageError naming --plot) when the picture's folder cannot be written, rather
// than after a long run; leaves an existing file as it is.
void check_plot_writable(const std::string& path);

// `path` with _lr<η> before its extension: with several learning rates, each run's --history file
// (h.csv → h_lr0.1.csv), named as the picture's data files are (lr.svg → lr_lr0.1.csv).
std::string with_learning_rate(const std::string& path, double learning_rate);

// Writes the data and the script and runs gnuplot. Throws plot::PlotError when a file cannot be
// written; a missing or failing gnuplot is in the result's `drawing`.
DescentPlotFiles plot_descent(const DescentPlotRequest& request, const std::vector<PlottedRun>& runs);

}  // namespace tapegrad::cli
