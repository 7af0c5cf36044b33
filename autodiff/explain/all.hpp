// SPDX-License-Identifier: MIT
// Everything of explain in one include: the Explanation (explain.hpp) and its renderers to
// text, Markdown, JSON, Graphviz DOT/SVG/PNG and the HTML class page.
#pragma once

#include "autodiff/explain/explain.hpp"
#include "autodiff/explain/dot.hpp"
#include "autodiff/explain/format.hpp"
#include "autodiff/explain/html.hpp"
#include "autodiff/explain/json.hpp"
#include "autodiff/explain/markdown.hpp"
#include "autodiff/explain/number.hpp"
#include "autodiff/explain/text.hpp"
