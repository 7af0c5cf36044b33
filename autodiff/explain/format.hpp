// SPDX-License-Identifier: MIT
// One entry point for front ends such as `tapegrad explain EXPR --format text|markdown|json|dot|html`:
// a format chosen by name, rendered by the matching renderer.
#pragma once

#include <string>
#include <string_view>

#include "autodiff/explain/explain.hpp"

namespace tapegrad {

enum class ExplainFormat { text, ascii, markdown, json, dot, html };

// "text", "ascii", "markdown" (or "md"), "json", "dot", "html"; throws ExplainError naming the valid ones.
ExplainFormat explain_format_from_name(std::string_view name);

// The explanation in `format`, with each renderer's default options (ascii = text in ASCII).
std::string render_explanation(const Explanation& ex, ExplainFormat format);

}  // namespace tapegrad
