// SPDX-License-Identifier: MIT
// The descent page: plain HTML and a little CSS, readable on a projector (large type, high
// contrast) and on a phone (the tables scroll sideways, the picture shrinks to the width).
#include "cli/descent_page.hpp"

#include <fmt/format.h>

#include "autodiff/explain/html_escape.hpp"

namespace tapegrad::cli {
namespace {


constexpr const char* style = R"(
body { font-family: "DejaVu Sans", "Noto Sans CJK SC", sans-serif; margin: 0; color: #111827; background: #fff; }
main { max-width: 96rem; margin: 0 auto; padding: 1rem 1.2rem 2rem; }
h1 { font-size: 1.8rem; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.35rem; margin: 1.6rem 0 0.5rem; }
.expression code { font-size: 1.3rem; background: #f1f5f9; border: 1px solid #cbd5e1; border-radius: 0.3rem; padding: 0.1rem 0.4rem; }
.picture svg { display: block; max-width: 100%; height: auto; margin: 0.8rem auto; }
.note { color: #991b1b; }
.heading { font-size: 1.15rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 1.1rem; margin: 0.4rem 0; }
th, td { border: 1px solid #cbd5e1; padding: 0.25rem 0.6rem; white-space: nowrap; }
th { background: #e5e7eb; }
td { text-align: right; font-variant-numeric: tabular-nums; }
td.gap { text-align: center; color: #6b7280; }
ul.lines { padding-left: 1.2rem; font-size: 1.1rem; }
@media (max-width: 600px) { h1 { font-size: 1.35rem; } table { font-size: 0.95rem; } }
)";

void print_table(const DescentTable& table, const std::string& id, std::ostream& out) {
  out << "<div class=\"table-wrap\"><table id=\"" << id << "\">\n<thead><tr>";
  for (const std::string& h : table.header) out << "<th scope=\"col\">" << html_escaped(h) << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out << "<tr>";
    if (row.size() == 1 && table.header.size() > 1)  // "…": records left out here
      out << fmt::format("<td class=\"gap\" colspan=\"{}\">{}</td>", table.header.size(), html_escaped(row.front()));
    else
      for (const std::string& cell : row) out << "<td>" << html_escaped(cell) << "</td>";
    out << "</tr>\n";
  }
  out << "</tbody></table></div>\n";
}

}  // namespace

std::string svg_element(const std::string& file_text) {
  const auto begin = file_text.find("<svg");
  const auto end = file_text.rfind("</svg>");
  if (begin == std::string::npos || end == std::string::npos || end < begin) return "";
  return file_text.substr(begin, end + 6 - begin);
}

void print_descent_page(const DescentPage& page, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"" << html_escaped(page.language) << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << html_escaped(page.title) << "</title>\n<style>" << style << "</style>\n</head>\n<body>\n<main>\n"
      << "<h1>" << html_escaped(page.title) << "</h1>\n"
      << "<p class=\"expression\"><code id=\"expression\">" << html_escaped(page.expression) << "</code></p>\n";
  if (!page.data.empty()) out << "<p>" << html_escaped(page.data) << "</p>\n";
  if (!page.svg.empty())
    out << "<figure class=\"picture\" id=\"picture\">\n" << page.svg << "\n</figure>\n";
  else if (!page.picture_note.empty())
    out << "<p class=\"note\" id=\"picture-note\">" << html_escaped(page.picture_note) << "</p>\n";
  for (std::size_t i = 0; i < page.runs.size(); ++i) {
    const DescentPageRun& run = page.runs[i];
    out << fmt::format("<section class=\"run\" id=\"run-{}\">\n", i + 1);
    if (i < page.run_titles.size()) out << "<h2>" << html_escaped(page.run_titles[i]) << "</h2>\n";
    out << "<p class=\"heading\">" << html_escaped(run.heading) << "</p>\n";
    print_table(run.table, fmt::format("steps-{}", i + 1), out);
    if (!run.omitted_note.empty()) out << "<p>" << html_escaped(run.omitted_note) << "</p>\n";
    out << "<ul class=\"lines\">\n";
    for (const std::string& line : run.lines) out << "<li>" << html_escaped(line) << "</li>\n";
    out << "</ul>\n</section>\n";
  }
  if (!page.summary.header.empty()) {
    out << "<h2>" << html_escaped(page.summary_title) << "</h2>\n";
    print_table(page.summary, "summary", out);
  }
  out << "</main>\n</body>\n</html>\n";
}

}  // namespace tapegrad::cli
