// SPDX-License-Identifier: MIT
// The picture helpers always write their CSV data (checked here line by line) and the gnuplot
// script, and the image too when gnuplot is installed.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "models/errors.hpp"
#include "models/plot.hpp"
#include "tests/test_files.hpp"

using namespace tapegrad::models;
namespace tt = boost::test_tools;
namespace fs = std::filesystem;
using tapegrad::test::fresh_dir;
using tapegrad::test::read_file;


BOOST_AUTO_TEST_SUITE(pictures)

BOOST_AUTO_TEST_CASE(loss_curves_csv_and_image) {
  const fs::path dir = fresh_dir("pictures_loss");
  const PlotFiles f = plot_loss_curves((dir / "loss").string(),
                                       {{"a", {4.0, 2.0, 1.0}}, {"b", {3.0, 0.5}}},
                                       {.title = "test", .format = PlotOptions::Format::png});
  BOOST_TEST(read_file(f.data.at(0)) == "epoch,a,b\n0,4,3\n1,2,0.5\n2,1,\n");
  BOOST_TEST(fs::exists(dir / "loss.gp"));
  if (gnuplot_available()) {
    BOOST_TEST(f.image == (dir / "loss.png").string());
    BOOST_TEST(fs::file_size(f.image) > 1000u);
  } else {
    BOOST_TEST(f.image.empty());
    BOOST_TEST(!f.note.empty());
  }
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(descent_path_over_contours) {
  const fs::path dir = fresh_dir("pictures_path");
  const LossSurface bowl{.loss = [](double a, double b) { return a * a + 4 * b * b; },
                         .a_min = -1, .a_max = 1, .b_min = -1, .b_max = 1, .steps = 3};
  const PlotFiles f = plot_descent_path((dir / "bowl").string(), bowl,
                                        {Eigen::Vector2d(1, 1), Eigen::Vector2d(0.5, 0)});
  // a 3×3 grid with a blank line after each row of constant a
  BOOST_TEST(read_file(f.data.at(0)) ==
             "a,b,loss\n-1,-1,5\n-1,0,1\n-1,1,5\n\n0,-1,4\n0,0,0\n0,1,4\n\n1,-1,5\n1,0,1\n1,1,5\n\n");
  BOOST_TEST(read_file(f.data.at(1)) == "step,a,b,loss\n0,1,1,5\n1,0.5,0,0.25\n");
  if (gnuplot_available()) BOOST_TEST(fs::file_size(f.image) > 1000u);
  BOOST_CHECK_THROW(plot_descent_path((dir / "bad").string(), {.loss = bowl.loss, .a_min = 1,
                                                               .a_max = 0, .b_min = 0, .b_max = 1},
                                      {}),
                    ModelError);
  fs::remove_all(dir);
}

// What a lesson's picture marks: a floor on a log step axis, a target point with its label, axes
// that say what the parameters are, 1:1 aspect, and contour lines labelled with their loss.
BOOST_AUTO_TEST_CASE(marks_levels_points_and_aspect) {
  const fs::path dir = fresh_dir("pictures_marks");
  const PlotFiles curve = plot_loss_curves((dir / "curve").string(), {{"gd", {9.0, 8.0, 7.6}}},
                                           {.log_x = true, .levels = {{7.5, "floor L = 7.5"}}});
  const std::string curve_script = read_file((dir / "curve.gp").string());
  BOOST_TEST(curve_script.find("set logscale x") != std::string::npos, curve_script);
  BOOST_TEST(curve_script.find("skip 2 using 1:2") != std::string::npos, curve_script);  // no step 0
  BOOST_TEST(curve_script.find(", 7.5 with lines dt 2 lw 1.5 lc rgb '#444444' title 'floor L = 7.5'") !=
                 std::string::npos, curve_script);
  const LossSurface bowl{.loss = [](double a, double b) { return a * a + b * b; },
                         .a_min = -2, .a_max = 2, .b_min = -2, .b_max = 2, .steps = 5,
                         .a_name = "v0", .b_name = "v1", .a_label = "v0: the intercept"};
  const PlotFiles path = plot_descent_path(
      (dir / "path").string(), bowl, {Eigen::Vector2d(1, 1), Eigen::Vector2d(0, 0)},
      {.points = {{Eigen::Vector2d(1.5, 0.5), "target (1.5, 0.5)"}, {Eigen::Vector2d(-1, 0), "left"}},
       .equal_aspect = true});
  const std::string script = read_file((dir / "path.gp").string());
  BOOST_TEST(script.find("set size ratio -1") != std::string::npos, script);
  BOOST_TEST(script.find("set xlabel 'v0: the intercept'") != std::string::npos, script);
  BOOST_TEST(script.find("set ylabel 'v1'") != std::string::npos, script);
  // A point right of the middle is labelled on its left, so the text stays inside the frame.
  BOOST_TEST(script.find("set label 1 'target (1.5, 0.5)' at 1.5,0.5 right point") != std::string::npos, script);
  BOOST_TEST(script.find("set label 2 'left' at -1,0 left point") != std::string::npos, script);
  BOOST_TEST(script.find("with labels font") != std::string::npos, script);
  if (gnuplot_available()) {
    BOOST_TEST(fs::file_size(curve.image) > 1000u);
    const std::string svg = read_file(path.image);
    BOOST_TEST(svg.find("target (1.5, 0.5)") != std::string::npos);
  }
  fs::remove_all(dir);
}

// Lesson 001's picture: the samples by class and the boundary p = 0.5, cut to the frame.
BOOST_AUTO_TEST_CASE(decision_boundary_between_two_classes) {
  const fs::path dir = fresh_dir("pictures_boundary");
  Eigen::MatrixXd x(4, 2);
  x << 0, 0, 1, 0, 0, 1, 1, 1;
  const Eigen::VectorXi labels = (Eigen::VectorXi(4) << 0, 0, 0, 1).finished();
  // x1 + x2 = 1.5: crosses the frame [−0.1, 1.1]² from (0.4, 1.1) to (1.1, 0.4).
  const PlotFiles f = plot_decision_boundary((dir / "b").string(), x, labels,
                                             {.w = {1.0, 1.0}, .b = -1.5});
  BOOST_TEST(read_file(f.data.at(0)) == "x1,x2,label\n0,0,0\n1,0,0\n0,1,0\n1,1,1\n");
  const std::string script = read_file((dir / "b.gp").string());
  const auto at = script.find("set arrow 1 from ");
  BOOST_REQUIRE(at != std::string::npos);
  double x0, y0, x1, y1;
  BOOST_REQUIRE(std::sscanf(script.c_str() + at, "set arrow 1 from %lf,%lf to %lf,%lf", &x0, &y0, &x1, &y1) == 4);
  BOOST_TEST(std::min(x0, x1) == 0.4, tt::tolerance(1e-12));
  BOOST_TEST(std::max(x0, x1) == 1.1, tt::tolerance(1e-12));
  BOOST_TEST(x0 + y0 == 1.5, tt::tolerance(1e-12));
  BOOST_TEST(x1 + y1 == 1.5, tt::tolerance(1e-12));
  if (gnuplot_available()) BOOST_TEST(fs::file_size(f.image) > 1000u);
  // Wrong shapes, labels other than 0/1, w = 0 and a line that misses the samples are refused.
  BOOST_CHECK_THROW(plot_decision_boundary((dir / "c").string(), Eigen::MatrixXd(4, 3), labels, {.w = {1, 1}}),
                    ModelError);
  BOOST_CHECK_THROW(plot_decision_boundary((dir / "c").string(), x, (Eigen::VectorXi(4) << 0, 2, 0, 1).finished(),
                                           {.w = {1, 1}}),
                    ModelError);
  BOOST_CHECK_THROW(plot_decision_boundary((dir / "c").string(), x, labels, {.w = {0, 0}}), ModelError);
  BOOST_CHECK_THROW(plot_decision_boundary((dir / "c").string(), x, labels, {.w = {1, 1}, .b = -10}),
                    ModelError);
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
