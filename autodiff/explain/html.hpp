// SPDX-License-Identifier: MIT
// The class page of an explanation: one self-contained HTML file (no network, no third-party code)
// with the graph, the forward and backward tables, a step-through of the backward pass and a quiz.
#pragma once

#include <iosfwd>
#include <string>

#include "autodiff/explain/explain.hpp"

namespace tapegrad {

struct HtmlOptions {
  std::string title{};        // "": "The chain rule, step by step" in the chosen language
  std::string expression{};  // as the user wrote it, "(3*x + 5)^2"; "": the loss's operation
  std::string point{};       // e.g. "x = 0"; "" lists the inputs' values from the explanation
  std::string lang{};         // <html lang>; "": current_language() (i18n.hpp), the page's words' language
};

// The page: the explanation's JSON (json.hpp) embedded as data, with the page's own CSS and script
// (html_assets.cpp) that draw the graph as inline SVG in layers (inputs at the bottom, the loss
// on top) and step through the backward pass one node at a time. Every word of the page is in the
// language of tr() (html_strings.hpp), embedded beside the data for the script.
std::string to_html(const Explanation& ex, const HtmlOptions& options = {});
// The same page to a stream, its data a megabyte at a time (10⁵ nodes are 90 MB of JSON).
void write_html(std::ostream& out, const Explanation& ex, const HtmlOptions& options = {});

}  // namespace tapegrad
