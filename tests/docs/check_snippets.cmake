# SPDX-License-Identifier: MIT
# Run by ctest: every ```cpp block of README.md, docs/*.md and the folders' README.md files must
# follow a marker line, so that no block can escape the tests:
#   <!-- doc-test: tests/docs/FILE.cpp -->   the block appears in FILE.cpp line for line, once
#                                            its #include lines are dropped and leading spaces
#                                            ignored — the docs cannot drift from code that
#                                            compiles and runs;
#   <!-- doc-test: none (REASON) -->         the block is not a program (a declaration copied
#                                            from a header, say), and REASON says so.
# The blocks are found by their fence lines rather than a regular expression over the text,
# because a block's comments may hold backticks.
cmake_minimum_required(VERSION 3.25)  # while(TRUE), break() and continue() in script mode
# CMake lists are split at ';', so semicolons become SEMI before any list operation.
file(GLOB docs ${SOURCE_DIR}/README.md ${SOURCE_DIR}/docs/*.md ${SOURCE_DIR}/*/README.md
     ${SOURCE_DIR}/*/*/README.md)
list(FILTER docs EXCLUDE REGEX "^${SOURCE_DIR}/build")
set(checked 0)
set(opted_out 0)
set(problems "")
foreach(doc ${docs})
  file(RELATIVE_PATH where ${SOURCE_DIR} ${doc})
  file(READ ${doc} text)
  string(REPLACE ";" "SEMI" text "${text}")
  # Indented fences and markers (in a list item) count too.
  string(REGEX REPLACE "\n[ \t]+" "\n" text "\n${text}")
  while(TRUE)
    string(FIND "${text}" "\n```cpp\n" open)
    if(open EQUAL -1)
      break()
    endif()
    string(SUBSTRING "${text}" 0 ${open} before)
    # The end mark keeps an empty line from being an empty match, which CMake refuses.
    string(REGEX MATCH "[^\n]*END$" marker "${before}END")
    string(REGEX REPLACE "END$" "" marker "${marker}")
    math(EXPR body "${open} + 8")
    string(SUBSTRING "${text}" ${body} -1 text)
    string(FIND "${text}" "\n```" close)
    if(close EQUAL -1)
      string(APPEND problems "${where}: a ```cpp block is not closed\n")
      break()
    endif()
    string(SUBSTRING "${text}" 0 ${close} code)
    string(SUBSTRING "${text}" ${close} -1 text)
    string(FIND "${code}\n" "\n" end_of_line)
    string(SUBSTRING "${code}" 0 ${end_of_line} first_line)
    if(marker MATCHES "^<!-- doc-test: none \\([^)]+\\) -->$")
      math(EXPR opted_out "${opted_out} + 1")
      continue()
    endif()
    if(NOT marker MATCHES "^<!-- doc-test: ([^ ]+\\.cpp) -->$")
      string(APPEND problems "${where}: the block that starts `${first_line}` has no marker line "
             "before it: add <!-- doc-test: tests/docs/FILE.cpp --> and paste it into a test "
             "there, or <!-- doc-test: none (why it is not a program) -->\n")
      continue()
    endif()
    set(named ${CMAKE_MATCH_1})
    set(snippets_file ${SOURCE_DIR}/${named})
    if(NOT EXISTS ${snippets_file})
      string(APPEND problems "${where}: the marker names ${named}, which does not exist\n")
      continue()
    endif()
    file(READ ${snippets_file} snippets)
    string(REPLACE ";" "SEMI" snippets "${snippets}")
    string(REGEX REPLACE "\n[ \t]+" "\n" snippets "\n${snippets}")
    string(REGEX REPLACE "(^|\n)#include [^\n]*" "" code "${code}")
    string(STRIP "${code}" code)
    string(FIND "${snippets}" "${code}" at)
    if(at EQUAL -1)
      string(REPLACE "SEMI" ";" shown "${code}")
      string(APPEND problems "${where}: this block is not in ${named} (copy it there, or "
             "fix the doc):\n${shown}\n")
      continue()
    endif()
    math(EXPR checked "${checked} + 1")
  endwhile()
endforeach()
if(NOT problems STREQUAL "")
  string(REPLACE "SEMI" ";" problems "${problems}")
  message(FATAL_ERROR "${problems}")
endif()
if(checked EQUAL 0)
  message(FATAL_ERROR "no block marked <!-- doc-test: FILE.cpp --> was found")
endif()
message(STATUS "${checked} doc blocks match their tests; ${opted_out} are marked as not code")
