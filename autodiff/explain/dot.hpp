// SPDX-License-Identifier: MIT
// The graph of an explanation in Graphviz DOT: one box per node (its name and operation, value and
// adjoint), one arrow per recorded input (labelled with the local partial ∂node/∂input), the
// inputs at the bottom and the loss at the top, under a title and above a legend in plain words.
// `render_graph` turns DOT into SVG or PNG by
// running Graphviz's `dot` program (Debian package graphviz) when it is installed.
#pragma once

#include <string>

#include "autodiff/errors.hpp"
#include "autodiff/explain/explain.hpp"

namespace tapegrad {

struct DotOptions {
  bool ascii = false;                // ASCII symbols in labels (see TextOptions)
  std::string graph_name = "explain";
  std::string font = "DejaVu Sans";  // a font with ∂, −, ·, ²
  std::string title{};               // "f = (3*x + 5)^2 at x = 0"; "": the loss and inputs
  bool legend = true;                // what value, adjoint and an arrow's label mean
  bool products = false;             // also each arrow's share adjoint · partial (10 + (−4) = 6 at x)
};

std::string to_dot(const Explanation& ex, const DotOptions& options = {});

// Running Graphviz failed: `dot` is missing, or it rejected the input.
class GraphvizError : public Error {
 public:
  using Error::Error;
};

enum class GraphFormat { svg, png };

// Whether Graphviz's `dot` program can be run (searched on PATH).
bool graphviz_available();

// The image of `dot_source` as bytes (SVG text or PNG data), made by `dot -Tsvg|-Tpng`.
// Throws GraphvizError when `dot` cannot be run or fails, with its error output.
std::string render_graph(const std::string& dot_source, GraphFormat format);

// render_graph, written to `path`. Throws GraphvizError, or ExplainError if the file cannot be written.
void save_graph(const std::string& dot_source, GraphFormat format, const std::string& path);

}  // namespace tapegrad
