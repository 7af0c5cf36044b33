# SPDX-License-Identifier: MIT
# Run by ctest: every ```cpp block of README.md and docs/*.md that follows a line
# `<!-- doc-test: tests/docs/doc_snippets.cpp -->` must appear in SNIPPETS, line for line, once
# its #include lines are dropped and leading spaces ignored — so the docs cannot drift from code
# that compiles and runs.
# CMake lists are split at ';', so semicolons become SEMI before any list operation.
file(READ ${SNIPPETS} snippets)
string(REPLACE ";" "SEMI" snippets "${snippets}")
string(REGEX REPLACE "\n[ \t]+" "\n" snippets "\n${snippets}")
file(GLOB docs ${SOURCE_DIR}/docs/*.md)
set(checked 0)
foreach(doc ${SOURCE_DIR}/README.md ${docs})
  file(READ ${doc} text)
  string(REPLACE ";" "SEMI" text "${text}")
  string(REGEX MATCHALL "<!-- doc-test: [^\n]*-->\n```cpp\n[^`]*```" blocks "${text}")
  foreach(block IN LISTS blocks)
    string(REGEX REPLACE "^<!-- doc-test: [^\n]*-->\n```cpp\n" "" code "${block}")
    string(REGEX REPLACE "```$" "" code "${code}")
    string(REGEX REPLACE "(^|\n)#include [^\n]*" "" code "${code}")
    string(REGEX REPLACE "\n[ \t]+" "\n" code "\n${code}")
    string(STRIP "${code}" code)
    string(FIND "${snippets}" "${code}" at)
    if(at EQUAL -1)
      string(REPLACE "SEMI" ";" shown "${code}")
      message(FATAL_ERROR "${doc}: this block is not in ${SNIPPETS} (copy it there, or fix the doc):\n${shown}")
    endif()
    math(EXPR checked "${checked} + 1")
  endforeach()
endforeach()
if(checked EQUAL 0)
  message(FATAL_ERROR "no block marked <!-- doc-test --> was found")
endif()
message(STATUS "${checked} doc blocks match ${SNIPPETS}")
