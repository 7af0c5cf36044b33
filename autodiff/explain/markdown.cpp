// SPDX-License-Identifier: MIT
// The Markdown layout of an explanation (see markdown.hpp).
#include "autodiff/explain/markdown.hpp"

#include <algorithm>
#include <string_view>

#include "autodiff/explain/layout.hpp"

namespace tapegrad {

namespace {

// Characters that Markdown would read as markup inside a table cell or list item.
std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '*' || c == '_' || c == '\\' || c == '`' || c == '[' || c == ']')
      out += '\\';
    out += c;
  }
  return out;
}

void append_table_row(std::string& out, const auto& cells) {
  out += '|';
  for (std::string_view c : cells) {
    out += ' ';
    out += escape(c);
    out += " |";
  }
  out += '\n';
}

void write_markdown(LayoutSink& sink, const Explanation& ex, const MarkdownOptions& options) {
  const auto sections = layout_explanation(ex);
  const std::string hashes(static_cast<std::size_t>(std::clamp(options.heading_level, 1, 6)), '#');
  std::string& out = sink.out;
  for (std::size_t k = 0; k < sections.size(); ++k) {
    const auto& s = sections[k];
    if (k > 0) out += "\n";
    out += k == 0 ? "**" + escape(s.title) + "**\n" : hashes + " " + escape(s.title) + "\n";
    if (!s.header.empty()) {
      out += "\n";
      append_table_row(out, s.header);
      out += "|";
      for (std::size_t c = 0; c < s.header.size(); ++c) out += " --- |";
      out += "\n";
      for (const LayoutRows::Row row : s.rows) {
        append_table_row(out, row);
        sink.row_done();
      }
    }
    if (!s.lines.empty()) out += "\n";
    for (const auto& l : s.lines) {
      out.append(static_cast<std::size_t>(l.level) * 2, ' ');
      out += "- ";
      out += escape(l.text);
      out += "\n";
      sink.row_done();
    }
  }
}

}  // namespace

std::string to_markdown(const Explanation& ex, const MarkdownOptions& options) {
  std::string out;
  LayoutSink sink{out};
  write_markdown(sink, ex, options);
  return out;
}

void write_markdown(std::ostream& stream, const Explanation& ex, const MarkdownOptions& options) {
  std::string buffer;
  buffer.reserve(std::size_t(2) << 20);
  LayoutSink sink{buffer, &stream};
  write_markdown(sink, ex, options);
  stream.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace tapegrad
