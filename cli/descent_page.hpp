// SPDX-License-Identifier: MIT
// `tapegrad descend … --format html`: one self-contained page for a class (no scripts, no requests):
// the expression and where it starts, the picture of the descent (inline SVG), and per run the
// step table with the update worked out (`1.08 − 0.1·(−3.84) = 1.464`), why it stopped and the
// warnings; with several learning rates a summary table after the runs.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/descent_table.hpp"

namespace tapegrad::cli {

// One run as the text output shows it, in pieces a page can lay out.
struct DescentPageRun {
  std::string heading;       // "gradient descent from w = 0, learning rate 0.1, at most 3 steps"
  DescentTable table;        // the steps
  std::string omitted_note;  // "(… not shown; every record is in FILE)", or ""
  std::vector<std::string> lines;  // why it stopped, a domain note, the warnings
};

struct DescentPage {
  std::string language = "en";  // the page's lang attribute
  std::string title;            // the page's <title> and heading
  std::string expression;       // "f = (w-3)^2"
  std::string data;             // the --data line, or ""
  std::string svg;              // the picture, an <svg> element (gnuplot's), or ""
  std::string picture_note;     // why there is no picture, or ""
  std::vector<DescentPageRun> runs;
  std::vector<std::string> run_titles;  // with several learning rates: "run 1 of 3: learning rate 0.1"
  DescentTable summary;                 // with several learning rates; empty header: none
  std::string summary_title;
};

void print_descent_page(const DescentPage& page, std::ostream& out);

// The <svg …>…</svg> element of an SVG file's text (gnuplot writes an XML declaration and a DOCTYPE
// before it, which cannot stand inside HTML); "" when there is none.
std::string svg_element(const std::string& file_text);

}  // namespace tapegrad::cli
