// SPDX-License-Identifier: MIT
// The class page's own body skeleton, CSS and script (written for tapegrad, no third-party code),
// kept apart from html.cpp so that the C++ stays short; the text lives in html_assets.cpp.
#pragma once

namespace tapegrad {

extern const char* const html_page_body;    // the static skeleton: header, controls, panels; its
                                            // {key}s are the page's words (html_strings.hpp)
extern const char* const html_page_css;     // large type, responsive, high-contrast highlights
extern const char* const html_page_script;  // graph layout, tables, step-through and quiz

}  // namespace tapegrad
