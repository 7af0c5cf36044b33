# SPDX-License-Identifier: MIT
# Runs an example on a copy of its CSV cut off in the middle of a row, and expects what a user
# should see: exit code 1 and a message on stderr naming the file — not an abort (SIGABRT) from an
# uncaught exception. -DEXAMPLE=binary -DCSV=the intact file -DWORK=a scratch folder.
file(MAKE_DIRECTORY ${WORK})
file(READ ${CSV} text LIMIT 1000)  # 1000 bytes end inside a row of iris.csv
file(WRITE ${WORK}/truncated.csv "${text}")
execute_process(COMMAND ${EXAMPLE} ${WORK} ${WORK}/truncated.csv
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code STREQUAL "1")
  message(FATAL_ERROR "expected exit code 1, got '${code}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT err MATCHES "error: .*truncated.csv")
  message(FATAL_ERROR "expected an error naming truncated.csv on stderr, got:\n${err}")
endif()
