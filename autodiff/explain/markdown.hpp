// SPDX-License-Identifier: MIT
// The Markdown layout of an explanation: a heading per section, GitHub-flavoured tables for the
// forward and backward passes, lists for the sums and the gradient. Same content as to_text.
#pragma once

#include <iosfwd>
#include <string>

#include "autodiff/explain/explain.hpp"

namespace tapegrad {

struct MarkdownOptions {
  int heading_level = 3;  // ### for sections; the summary line is bold
};

std::string to_markdown(const Explanation& ex, const MarkdownOptions& options = {});
// The same text to a stream, a megabyte at a time.
void write_markdown(std::ostream& out, const Explanation& ex, const MarkdownOptions& options = {});

}  // namespace tapegrad
