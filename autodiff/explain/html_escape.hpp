// SPDX-License-Identifier: MIT
// Text made safe inside HTML (element content and quoted attribute values) and inside Graphviz's
// HTML-like labels: & < > " ' become entities. One function for the class page, the DOT graph and
// the command's descent page.
#pragma once

#include <string>
#include <string_view>

namespace tapegrad {

std::string html_escaped(std::string_view text);

}  // namespace tapegrad
