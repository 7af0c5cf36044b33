// SPDX-License-Identifier: MIT
// Choosing an explain renderer by name (see format.hpp).
#include "autodiff/explain/format.hpp"

#include "autodiff/explain/dot.hpp"
#include "autodiff/explain/html.hpp"
#include "autodiff/explain/json.hpp"
#include "autodiff/explain/markdown.hpp"
#include "autodiff/explain/text.hpp"

namespace tapegrad {

ExplainFormat explain_format_from_name(std::string_view name) {
  if (name == "text") return ExplainFormat::text;
  if (name == "ascii") return ExplainFormat::ascii;
  if (name == "markdown" || name == "md") return ExplainFormat::markdown;
  if (name == "json") return ExplainFormat::json;
  if (name == "dot") return ExplainFormat::dot;
  if (name == "html") return ExplainFormat::html;
  throw ExplainError("unknown explain format '" + std::string(name) +
                     "': use text, ascii, markdown, json, dot or html");
}

std::string render_explanation(const Explanation& ex, ExplainFormat format) {
  switch (format) {
    case ExplainFormat::text: return to_text(ex);
    case ExplainFormat::ascii: return to_text(ex, {.ascii = true});
    case ExplainFormat::markdown: return to_markdown(ex);
    case ExplainFormat::json: return to_json_string(ex) + "\n";
    case ExplainFormat::dot: return to_dot(ex);
    case ExplainFormat::html: return to_html(ex);
  }
  throw ExplainError("render_explanation: not a format");
}

}  // namespace tapegrad
