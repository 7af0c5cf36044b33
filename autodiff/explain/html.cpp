// SPDX-License-Identifier: MIT
// The class page of an explanation (see html.hpp): the HTML skeleton around the explanation's
// JSON, the page's CSS and its script (html_assets.hpp). The script builds the graph and the
// tables from the JSON, so the numbers on the page are the tape's numbers.
#include "autodiff/explain/html.hpp"

#include <algorithm>
#include <string_view>

#include "autodiff/explain/html_assets.hpp"
#include "autodiff/explain/json.hpp"
#include "autodiff/explain/json_writer.hpp"

namespace tapegrad {

namespace {

// Text for HTML element content and attribute values.
std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// JSON inside <script type="application/json">: a "</" in a user's name must not end the element,
// so every '<' becomes the JSON escape \u003c (which JSON.parse reads back as '<'). Appended to
// `out` run by run: the JSON is most of the page.
void append_script_safe(std::string& out, std::string_view json_text) {
  for (std::size_t at = 0; at < json_text.size();) {
    const std::size_t lt = std::min(json_text.find('<', at), json_text.size());
    out.append(json_text.substr(at, lt - at));
    if (lt < json_text.size()) out += "\\u003c";
    at = lt + 1;
  }
}

}  // namespace

std::string to_html(const Explanation& ex, const HtmlOptions& options) {
  // The page's data: {"explanation", "expression", "point", "precision", "title"}, written as it
  // goes (json_writer.hpp), keys in the order nlohmann::json printed them.
  std::string page;
  json_text::Object o(page);
  write_json(o.key("explanation"), ex);
  o.field("expression", options.expression)
      .field("point", options.point)
      .field("precision", ex.precision)
      .field("title", options.title)
      .close();
  std::string out;
  out.reserve(page.size() + 64 * 1024);  // the page's skeleton, CSS and script are ~40 KB
  out += "<!DOCTYPE html>\n<html lang=\"" + escape_html(options.lang) + "\">\n<head>\n";
  out += "<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"tapegrad explain --format html\">\n";
  out += "<title>" + escape_html(options.title) + "</title>\n";
  out += "<style>\n";
  out += html_page_css;
  out += "</style>\n</head>\n<body>\n";
  out += html_page_body;
  out += "<noscript><p class=\"noscript\">This page needs JavaScript to draw the graph and step "
         "through the backward pass; the same explanation as text: <code>tapegrad explain ... "
         "--format text</code>.</p></noscript>\n";
  out += "<script type=\"application/json\" id=\"explain-data\">";
  append_script_safe(out, page);
  out += "</script>\n";
  out += "<script>\n";
  out += html_page_script;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace tapegrad
