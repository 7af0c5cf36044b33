// SPDX-License-Identifier: MIT
// The class page of an explanation (see html.hpp): the HTML skeleton around the explanation's
// JSON, the page's CSS and its script (html_assets.hpp). The script builds the graph and the
// tables from the JSON, so the numbers on the page are the tape's numbers.
#include "autodiff/explain/html.hpp"

#include <nlohmann/json.hpp>

#include "autodiff/explain/html_assets.hpp"
#include "autodiff/explain/json.hpp"

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
// so every '<' becomes the JSON escape \u003c (which JSON.parse reads back as '<').
std::string script_safe(const std::string& json_text) {
  std::string out;
  out.reserve(json_text.size());
  for (char c : json_text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string to_html(const Explanation& ex, const HtmlOptions& options) {
  nlohmann::json page{{"title", options.title},
                      {"expression", options.expression},
                      {"point", options.point},
                      {"precision", ex.precision},
                      {"explanation", to_json(ex)}};
  const std::string data = script_safe(page.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  std::string out;
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
  out += "<script type=\"application/json\" id=\"explain-data\">" + data + "</script>\n";
  out += "<script>\n";
  out += html_page_script;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace tapegrad
