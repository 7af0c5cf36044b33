// SPDX-License-Identifier: MIT
// The class page of an explanation (see html.hpp): the HTML skeleton around the explanation's
// JSON, the page's CSS and its script (html_assets.hpp). The script builds the graph and the
// tables from the JSON, so the numbers on the page are the tape's numbers.
#include "autodiff/explain/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <ostream>
#include <nlohmann/json.hpp>
#include <string_view>

#include "autodiff/explain/html_assets.hpp"
#include "autodiff/explain/html_escape.hpp"
#include "autodiff/explain/html_strings.hpp"
#include "autodiff/explain/json.hpp"
#include "autodiff/explain/json_writer.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {

namespace {


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

// The skeleton with each {key} replaced by the page's word for it, escaped; `keys` (the footer)
// is HTML already.
std::string fill_skeleton(const nlohmann::json& words, const std::string& keys) {
  const std::string body = html_page_body;
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = body.find('{', at);
    if (open == std::string::npos) break;
    const std::size_t close = body.find('}', open);
    const std::string key = body.substr(open + 1, close - open - 1);
    out += body.substr(at, open - at);
    out += key == "keys" ? keys : html_escaped(words.at(key).get<std::string>());
    at = close + 1;
  }
  return out + body.substr(at);
}

std::string kbd(const char* key) { return std::string("<kbd>") + key + "</kbd>"; }

// The page, written into `out`; `flush` (if any) is called as the data grows and may hand `out` to
// a stream and clear it. The data is script-safe (append_script_safe) as it goes.
void write_page(std::string& out, const Explanation& ex, const HtmlOptions& options,
                const std::function<void(std::string&)>& flush) {
  const std::string title = options.title.empty() ? tr("The chain rule, step by step") : options.title;
  const std::string lang = options.lang.empty() ? current_language() : options.lang;
  const nlohmann::json words = html_page_strings(ex);
  // The translations are escaped before the markup goes into their {}.
  const std::string keys =
      fmt::format(fmt::runtime(html_escaped(words.at("keys").get<std::string>())), kbd("&#8594;"), kbd("&#8592;"),
                  kbd("Home"), kbd("End"), kbd("Enter"), "<code>tapegrad explain --format html</code>");
  const std::string noscript = fmt::format(fmt::runtime(html_escaped(words.at("noscript").get<std::string>())),
                                           "<code>tapegrad explain ... --format text</code>");
  out += "<!DOCTYPE html>\n<html lang=\"" + html_escaped(lang) + "\">\n<head>\n";
  out += "<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"tapegrad explain --format html\">\n";
  out += "<title>" + html_escaped(title) + "</title>\n";
  out += "<style>\n";
  out += html_page_css;
  out += "</style>\n</head>\n<body>\n";
  out += fill_skeleton(words, keys);
  out += "<noscript><p class=\"noscript\">" + noscript + "</p></noscript>\n";
  out += "<script type=\"application/json\" id=\"explain-data\">";
  // The page's data: {"explanation", "expression", "point", "precision", "title", "words"},
  // written as it goes (json_writer.hpp), keys in the order nlohmann::json printed them, and
  // made script-safe run by run: the JSON is most of the page.
  std::string page;
  const auto pass_on = [&](std::string& text) {
    out.reserve(out.size() + text.size() + 64 * 1024);  // the page's script after it is ~40 KB
    append_script_safe(out, text);
    text.clear();
    if (flush) flush(out);
  };
  json_text::Object o(page);
  if (flush)
    write_json(o.key("explanation"), ex, [&](std::string& text) {
      constexpr std::size_t flush_at = std::size_t(1) << 20;
      if (text.size() >= flush_at) pass_on(text);
    });
  else
    write_json(o.key("explanation"), ex);
  o.field("expression", options.expression)
      .field("point", options.point)
      .field("precision", ex.precision)
      .field("title", title);
  o.key("words") += words.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  o.close();
  pass_on(page);
  out += "</script>\n";
  out += "<script>\n";
  out += html_page_script;
  out += "</script>\n</body>\n</html>\n";
}

}  // namespace

std::string to_html(const Explanation& ex, const HtmlOptions& options) {
  std::string out;
  write_page(out, ex, options, {});
  return out;
}

void write_html(std::ostream& stream, const Explanation& ex, const HtmlOptions& options) {
  std::string out;
  write_page(out, ex, options, [&](std::string& text) {
    stream.write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
  });
  stream.write(out.data(), static_cast<std::streamsize>(out.size()));
}

}  // namespace tapegrad
