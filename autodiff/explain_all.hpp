// SPDX-License-Identifier: MIT
// Everything of explain in one include: the Explanation (explain.hpp) and its renderers to
// text, Markdown, JSON and Graphviz DOT/SVG/PNG.
#pragma once

#include "autodiff/explain.hpp"
#include "autodiff/explain_dot.hpp"
#include "autodiff/explain_format.hpp"
#include "autodiff/explain_json.hpp"
#include "autodiff/explain_markdown.hpp"
#include "autodiff/explain_number.hpp"
#include "autodiff/explain_text.hpp"
