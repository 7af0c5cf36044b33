// SPDX-License-Identifier: MIT
// `tapegrad descend --plot FILE` and `--lr` lists (issue 16): the CSV data beside the picture hold
// exactly the descent's records (checked against --json), the curve or grid holds the loss, the
// picture is an SVG or a PNG with the expression, η and the optimizer in its title; several
// learning rates run once each, equal to separate runs. Without gnuplot the data are still written
// and the command says so and exits 2. The image checks are skipped when gnuplot is absent, the
// CSV checks never.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "plot/gnuplot.hpp"
#include "tests/cli/run_tool.hpp"
#include "tests/test_files.hpp"

using tapegrad::test::contains;
using tapegrad::test::run_tool;
namespace fs = std::filesystem;
using tapegrad::test::fresh_dir;
using tapegrad::test::read_file;

namespace {



struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<double>> rows;
  std::size_t blank_lines = 0;
};

Csv read_csv(const fs::path& path) {
  Csv csv;
  std::istringstream in(read_file(path));
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (line.empty()) {
      ++csv.blank_lines;
      continue;
    }
    std::vector<std::string> cells;
    std::stringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, ',')) cells.push_back(cell);
    if (first) {
      csv.header = cells;
      first = false;
      continue;
    }
    std::vector<double> row;
    for (const std::string& c : cells) row.push_back(std::stod(c));
    csv.rows.push_back(row);
  }
  return csv;
}

// Every record of the --json output (taken without --history, so none is omitted) is one row of
// the CSV: step, the parameters, the value, the partials, ‖∇f‖ — the same doubles.
void check_records(const Csv& csv, const nlohmann::ordered_json& run, const std::vector<std::string>& names) {
  const auto& steps = run["steps"];
  BOOST_TEST_REQUIRE(csv.rows.size() == steps.size());
  for (std::size_t k = 0; k < steps.size(); ++k) {
    BOOST_TEST_CONTEXT("record " << k) {
      const std::vector<double>& row = csv.rows[k];
      BOOST_TEST_REQUIRE(row.size() == 2 * names.size() + 3);
      BOOST_TEST(row[0] == steps[k]["step"].get<double>());
      double norm = 0.0;
      for (std::size_t i = 0; i < names.size(); ++i) {
        BOOST_TEST(row[1 + i] == steps[k]["params"][names[i]].get<double>());
        const double g = steps[k]["gradient"][names[i]].get<double>();
        BOOST_TEST(row[2 + names.size() + i] == g);
        norm += g * g;
      }
      BOOST_TEST(row[1 + names.size()] == steps[k]["value"].get<double>());
      BOOST_TEST(row.back() == std::sqrt(norm), boost::test_tools::tolerance(1e-12));
    }
  }
}

// The SVG's text: gnuplot writes the titles as UTF-8 text elements.
void check_svg(const fs::path& path, const std::vector<std::string>& texts) {
  if (!tapegrad::plot::gnuplot_available()) return;  // the CSV checks above still ran
  BOOST_TEST_REQUIRE(fs::exists(path));
  const std::string svg = read_file(path);
  BOOST_TEST(svg.starts_with("<?xml"));
  BOOST_TEST(contains(svg, "<svg"));
  BOOST_TEST(contains(svg, "</svg>"));
  for (const std::string& text : texts) BOOST_TEST(contains(svg, text), "the picture says " << text);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(descend_plot)

BOOST_AUTO_TEST_CASE(one_parameter_curve_tangents_and_updates) {
  const fs::path dir = fresh_dir("descend_plot_one");
  const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "8", "--plot",
                           (dir / "lesson.svg").string(), "--json"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const auto j = r.json();
  const Csv records = read_csv(dir / "lesson.csv");
  BOOST_TEST((records.header == std::vector<std::string>{"step", "w", "f", "df/dw", "grad_norm"}));
  BOOST_TEST(records.rows.size() == 9u);  // 8 updates: 9 points
  check_records(records, j, {"w"});
  // the curve: f(w) over a range that covers the path with room on both sides of the minimum
  const Csv curve = read_csv(dir / "lesson_curve.csv");
  BOOST_TEST((curve.header == std::vector<std::string>{"w", "f"}));
  BOOST_TEST(curve.rows.size() > 100u);
  for (const auto& row : curve.rows) BOOST_TEST(row[1] == (row[0] - 3) * (row[0] - 3), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(curve.rows.front()[0] < 0.0);
  BOOST_TEST(curve.rows.back()[0] > 3.0);
  // the script names its files without a folder and draws tangents and update arrows
  const std::string script = read_file(dir / "lesson.gp");
  BOOST_TEST(contains(script, "'lesson_curve.csv'"));
  BOOST_TEST(contains(script, "set output 'lesson.svg'"));
  BOOST_TEST(contains(script, "tangent"));
  BOOST_TEST(contains(script, "update w − η·∂f/∂w"));
  BOOST_TEST(j["plot"]["script"] == (dir / "lesson.gp").string());
  if (tapegrad::plot::gnuplot_available()) BOOST_TEST(j["plot"]["image"] == (dir / "lesson.svg").string());
  check_svg(dir / "lesson.svg", {"f = (w-3)^2 — gd, η = 0.1", "tangent, slope ∂f/∂w"});
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(two_parameters_contours_path_and_minimum) {
  // Lesson 000's loss for one sample (x, y) = (1, 2).
  const fs::path dir = fresh_dir("descend_plot_two");
  const auto r = run_tool({"descend", "(y - (w1*x + w0))^2", "--at", "w0=0,w1=0", "--with", "x=1,y=2", "--lr",
                           "0.1", "--steps", "6", "--name", "L", "--plot", (dir / "bowl.svg").string(), "--json"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const Csv records = read_csv(dir / "bowl.csv");
  BOOST_TEST((records.header == std::vector<std::string>{"step", "w0", "w1", "L", "dL/dw0", "dL/dw1", "grad_norm"}));
  check_records(records, r.json(), {"w0", "w1"});
  // the grid: the loss with the --with values held fixed, a blank line after each row of w0
  const Csv grid = read_csv(dir / "bowl_grid.csv");
  BOOST_TEST((grid.header == std::vector<std::string>{"w0", "w1", "L"}));
  BOOST_TEST(grid.rows.size() == 81u * 81u);
  BOOST_TEST(grid.blank_lines == 81u);
  for (const auto& row : grid.rows) {
    const double residual = 2 - (row[1] * 1 + row[0]);
    BOOST_TEST(row[2] == residual * residual, boost::test_tools::tolerance(1e-12));
  }
  // a square around the path: the same extent on both axes (drawn 1:1)
  const double w0_span = grid.rows.back()[0] - grid.rows.front()[0];
  const double w1_span = grid.rows.back()[1] - grid.rows.front()[1];
  BOOST_TEST(w0_span == w1_span, boost::test_tools::tolerance(1e-9));
  const std::string script = read_file(dir / "bowl.gp");
  BOOST_TEST(contains(script, "set size ratio -1"));
  BOOST_TEST(contains(script, "set cntrparam levels discrete"));
  BOOST_TEST(contains(script, "with labels boxed"));  // the levels' labels
  check_svg(dir / "bowl.svg", {"L = (y - (w1*x + w0))^2 — gd, η = 0.1", "contours of L", "lowest L reached", "start"});
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(three_parameters_loss_and_gradient_norm_per_step) {
  const fs::path dir = fresh_dir("descend_plot_three");
  const auto r = run_tool({"descend", "a^2 + 2*b^2 + 3*c^2", "--at", "a=1,b=1,c=1", "--lr", "0.1", "--steps",
                           "30", "--plot", (dir / "three.svg").string(), "--json"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const Csv records = read_csv(dir / "three.csv");
  BOOST_TEST(records.header.size() == 9u);
  BOOST_TEST(records.rows.size() == 31u);
  check_records(records, r.json(), {"a", "b", "c"});
  BOOST_TEST(!fs::exists(dir / "three_grid.csv"));
  BOOST_TEST(!fs::exists(dir / "three_curve.csv"));
  // f falls from 6 to about 1e-5: more than two decades, so a log axis
  const std::string script = read_file(dir / "three.gp");
  BOOST_TEST(contains(script, "set multiplot layout 2,1"));
  BOOST_TEST(contains(script, "set logscale y"));
  check_svg(dir / "three.svg", {"f = a^2 + 2*b^2 + 3*c^2 — gd, η = 0.1", "f per step", "‖∇f‖ per step"});
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(a_png_by_its_extension) {
  const fs::path dir = fresh_dir("descend_plot_png");
  const auto r = run_tool({"descend", "x^2", "--at", "x=1", "--lr", "0.3", "--steps", "4", "--plot",
                           (dir / "x.PNG").string()});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(read_csv(dir / "x.csv").rows.size() == 5u);
  if (tapegrad::plot::gnuplot_available()) {
    const std::string png = read_file(dir / "x.PNG");
    BOOST_TEST(png.substr(0, 4) == std::string("\x89PNG"));
    BOOST_TEST(contains(r.out, "picture: " + (dir / "x.PNG").string()));
  }
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(a_learning_rate_list_runs_each_as_a_separate_run_would) {
  const std::vector<std::string> base{"descend", "(w-3)^2", "--at", "w=0", "--steps", "12", "--json"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  const auto list = run_tool(with({"--lr", "0.05,0.1,0.9,1.05"}));
  BOOST_TEST_REQUIRE(list.code == 0, list.err);
  const auto j = list.json();
  BOOST_TEST(j["learning_rates"] == nlohmann::ordered_json::parse("[0.05,0.1,0.9,1.05]"));
  BOOST_TEST_REQUIRE(j["runs"].size() == 4u);
  const char* rates[] = {"0.05", "0.1", "0.9", "1.05"};
  for (std::size_t i = 0; i < 4; ++i) {
    BOOST_TEST_CONTEXT(rates[i]) {
      const auto single = run_tool(with({"--lr", rates[i]}));
      BOOST_TEST(single.code == 0);
      BOOST_TEST(j["runs"][i] == single.json());
    }
  }
  // η = 0.1 and η = 0.9 have the same losses on (w − 3)²: (1 − 2η)² = 0.64 per step
  for (std::size_t k = 0; k < 13; ++k)
    BOOST_TEST(j["runs"][1]["steps"][k]["value"].get<double>() == j["runs"][2]["steps"][k]["value"].get<double>(),
               boost::test_tools::tolerance(1e-9));

  // The text: one labelled block per η, each as a single run prints it, then a summary.
  const auto text = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--steps", "3", "--lr", "0.1,0.9"});
  BOOST_TEST(text.code == 0);
  BOOST_TEST(contains(text.out, "── run 1 of 2: learning rate 0.1 ──"));
  BOOST_TEST(contains(text.out, "── run 2 of 2: learning rate 0.9 ──"));
  const auto single = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--steps", "3", "--lr", "0.9"});
  const std::string block = single.out.substr(single.out.find('\n') + 1);  // without the "f = " line
  BOOST_TEST(contains(text.out, block), text.out);
  BOOST_TEST(contains(text.out, "max_steps"));
}

BOOST_AUTO_TEST_CASE(a_list_with_a_diverging_rate_exits_5) {
  const auto r = run_tool({"descend", "x^2", "--at", "x=1", "--lr", "0.1,1.5", "--json"});
  BOOST_TEST(r.code == 5);
  const auto j = r.json();
  BOOST_TEST(j["runs"][0]["stop"]["kind"] == "max_steps");
  BOOST_TEST(j["runs"][1]["stop"]["kind"] == "diverged");
}

BOOST_AUTO_TEST_CASE(a_list_draws_one_panel_per_run_and_writes_each_runs_files) {
  const fs::path dir = fresh_dir("descend_plot_list");
  const std::string history = (dir / "h.csv").string();
  const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1,0.9,1.05", "--steps", "10", "--plot",
                           (dir / "lr.svg").string(), "--history", history, "--json"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const auto j = r.json();
  const char* rates[] = {"0.1", "0.9", "1.05"};
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST_CONTEXT(rates[i]) {
      check_records(read_csv(dir / ("lr_lr" + std::string(rates[i]) + ".csv")), j["runs"][i], {"w"});
      BOOST_TEST(fs::exists(dir / ("lr_lr" + std::string(rates[i]) + "_curve.csv")));
      BOOST_TEST(read_csv(dir / ("h_lr" + std::string(rates[i]) + ".csv")).rows.size() == 11u);
    }
  }
  BOOST_TEST(!fs::exists(dir / "h.csv"));
  BOOST_TEST(contains(read_file(dir / "lr.gp"), "set multiplot"));
  check_svg(dir / "lr.svg", {"f = (w-3)^2 — gd", "η = 0.1: ", "η = 0.9: ", "η = 1.05: ", "f per step, every run"});
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(without_gnuplot_the_data_are_written_and_the_command_says_how_to_get_it) {
  const fs::path dir = fresh_dir("descend_plot_no_gnuplot");
  const auto r = run_tool({"descend", "x^2", "--at", "x=1", "--lr", "0.1", "--steps", "3", "--plot",
                           (dir / "x.svg").string()},
                          "PATH=/nonexistent");
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.out, "stopped (max_steps)"));  // the results are printed all the same
  BOOST_TEST(contains(r.err, "tapegrad descend: error: --plot"), r.err);
  BOOST_TEST(contains(r.err, "apt-get install gnuplot-nox"), r.err);
  BOOST_TEST(read_csv(dir / "x.csv").rows.size() == 4u);
  BOOST_TEST(fs::exists(dir / "x_curve.csv"));
  BOOST_TEST(fs::exists(dir / "x.gp"));
  BOOST_TEST(!fs::exists(dir / "x.svg"));
  const auto j = run_tool({"descend", "x^2", "--at", "x=1", "--lr", "0.1", "--steps", "3", "--plot",
                           (dir / "x.svg").string(), "--json"},
                          "PATH=/nonexistent");
  BOOST_TEST(j.code == 2);
  BOOST_TEST(j.json()["plot"]["image"].is_null());
  BOOST_TEST(contains(j.json()["plot"]["note"].get<std::string>(), "gnuplot-nox"));
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(a_picture_that_is_not_svg_or_png_is_refused) {
  for (const std::string name : {"out.pdf", "out", "out.svg.txt"}) {
    BOOST_TEST_CONTEXT(name) {
      const auto r = run_tool({"descend", "x^2", "--at", "x=1", "--lr", "0.1", "--plot", "/tmp/" + name});
      BOOST_TEST(r.code == 2);
      BOOST_TEST(contains(r.err, "--plot /tmp/" + name + ": the picture's file name must end in .svg or .png"), r.err);
      BOOST_TEST(r.out.empty());  // refused before the run
      const auto j = run_tool({"descend", "x^2", "--at", "x=1", "--plot", "/tmp/" + name, "--json"});
      BOOST_TEST(j.json()["error"]["kind"] == "usage");
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_learning_rate_lists_are_refused) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"0.1,abc", "--lr 0.1,abc: 'abc' is not a number"},
      {"0.1,,0.9", "--lr 0.1,,0.9: a learning rate is missing"},
      {"0.1,", "--lr 0.1,: a learning rate is missing"},
      {"0.1,-0.5", "--lr -0.5: the learning rate must be positive, such as 0.1"},
      {"0.1,0", "--lr 0: the learning rate must be positive, such as 0.1"},
      {"0.1,0.1", "--lr 0.1,0.1: the learning rate 0.1 is given twice"},
      {"0.1,nan", "--lr 0.1,nan: the learning rate must be a finite number, not 'nan'"},
      {"0.1,1e999", "--lr 0.1,1e999: the learning rate must be a finite number"},
      {"0,1", "--lr 0,1: a decimal comma? Write --lr 0.1"},
  };
  for (const auto& [lr, message] : cases) {
    BOOST_TEST_CONTEXT(lr) {
      const auto r = run_tool({"descend", "x^2", "--at", "x=1", "--lr", lr});
      BOOST_TEST(r.code == 2);
      BOOST_TEST(contains(r.err, "tapegrad descend: error: " + message), r.err);
      const auto j = run_tool({"descend", "x^2", "--at", "x=1", "--lr", lr, "--json"});
      BOOST_TEST(j.code == 2);
      BOOST_TEST(j.json()["error"]["kind"] == "usage");
    }
  }
  // spaces around the commas are fine
  BOOST_TEST(run_tool({"descend", "x^2", "--at", "x=1", "--lr", "0.1, 0.2", "--steps", "2"}).code == 0);
}

BOOST_AUTO_TEST_CASE(an_unwritable_picture_fails_before_the_run) {
  const auto r = run_tool({"descend", "x^2", "--at", "x=1", "--plot", "/proc/tapegrad/x.svg"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(contains(r.err, "--plot /proc/tapegrad/x.svg: cannot write there"), r.err);
  BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_SUITE_END()

// --format html: one page for a class — the picture inline, lesson 001's steps with the update
// worked out, why it stopped; with several η a section per run and a summary; no scripts, no
// requests; the page's words follow --lang.
BOOST_AUTO_TEST_CASE(a_class_page_with_the_picture_and_the_steps) {
  const auto r = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "3", "--format", "html"});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0u);
  BOOST_TEST(contains(r.out, "<code id=\"expression\">f = (w-3)^2</code>"));
  BOOST_TEST(contains(r.out, "<td>0.6 − 0.1·(−4.8) = 1.08</td>"), r.out);
  BOOST_TEST(contains(r.out, "<td>1.08 − 0.1·(−3.84) = 1.464</td>"), r.out);
  BOOST_TEST(contains(r.out, "stopped (max_steps)"));
  BOOST_TEST(!contains(r.out, "<script"));
  BOOST_TEST(!contains(r.out, "src=\"http"));  // nothing to fetch: the browser test checks the requests
  BOOST_TEST(!contains(r.out, "<link"));
  if (tapegrad::plot::gnuplot_available()) {
    BOOST_TEST(contains(r.out, "<figure class=\"picture\" id=\"picture\">\n<svg"));
    BOOST_TEST(!contains(r.out, "<?xml"));  // gnuplot's declaration cannot stand inside HTML
    BOOST_TEST(contains(r.out, "η = 0.1"));
  }

  const auto several = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1,0.9,1.05", "--steps", "4",
                                 "--format", "html"});
  BOOST_TEST(several.code == 5);  // η = 1.05 diverges, as in the text output
  BOOST_TEST(contains(several.out, "id=\"run-3\""));
  BOOST_TEST(contains(several.out, "<h2>run 2 of 3: learning rate 0.9</h2>"), several.out);
  BOOST_TEST(contains(several.out, "<table id=\"summary\">"));

  const auto ru = run_tool({"descend", "(w-3)^2", "--at", "w=0", "--lr", "0.1", "--steps", "3", "--format", "html",
                            "--lang", "ru"});
  BOOST_TEST(ru.code == 0);
  BOOST_TEST(contains(ru.out, "<html lang=\"ru\">"));
  BOOST_TEST(!contains(ru.out, "Gradient descent, step by step"), ru.out.substr(0, 600));
}

BOOST_AUTO_TEST_CASE(a_class_page_without_gnuplot_says_why_it_has_no_picture) {
  const auto r = run_tool({"descend", "x^2", "--at", "x=1", "--lr", "0.1", "--steps", "2", "--format", "html"},
                          "PATH=/nonexistent");
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "id=\"picture-note\""));
  BOOST_TEST(contains(r.out, "gnuplot-nox"));
  BOOST_TEST(contains(r.err, "the page has no picture"), r.err);
  BOOST_TEST(contains(r.out, "<table id=\"steps-1\">"));
}
