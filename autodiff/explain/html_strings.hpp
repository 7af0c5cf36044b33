// SPDX-License-Identifier: MIT
// The words of the class page (html.hpp) in the chosen language: every label, heading and message
// its skeleton and script show, translated with tr()/trn() so that `--lang ru|zh` reaches them.
#pragma once

#include <nlohmann/json.hpp>

#include "autodiff/explain/explain.hpp"

namespace tapegrad {

// An object of key → text. A text may hold {} placeholders, which the page's script fills in
// order (the explanation's names and numbers); a translation may reorder them as {0}, {1}.
// Texts whose grammar depends on a count are resolved here for this explanation's counts; the
// ones that vary from step to step ("arrows", "more_rows") are objects of count → text.
nlohmann::json html_page_strings(const Explanation& ex);

}  // namespace tapegrad
