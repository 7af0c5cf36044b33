# SPDX-License-Identifier: MIT
# The test po.catalogs_cover_the_sources (po/CMakeLists.txt): extracts the messages of tr(),
# trf() and trn() from the sources into POT and checks with msgcmp that ru.po and zh.po have each.
file(GLOB_RECURSE sources ${SOURCE_DIR}/autodiff/*.cpp ${SOURCE_DIR}/autodiff/*.hpp
     ${SOURCE_DIR}/csv/*.cpp ${SOURCE_DIR}/csv/*.hpp ${SOURCE_DIR}/optim/*.cpp ${SOURCE_DIR}/optim/*.hpp
     ${SOURCE_DIR}/plot/*.cpp ${SOURCE_DIR}/plot/*.hpp
     ${SOURCE_DIR}/cli/*.cpp ${SOURCE_DIR}/cli/*.hpp)
# C.UTF-8 and a header (which declares the charset): without either xgettext drops the UTF-8 of
# msgids such as "∂/∂{}" or "—".
set(ENV{LC_ALL} C.UTF-8)
execute_process(COMMAND ${XGETTEXT} --language=C++ --from-code=UTF-8 --keyword=tr --keyword=trf
                        --keyword=trn:1,2 --no-location -o ${POT} ${sources}
                RESULT_VARIABLE extracted ERROR_VARIABLE warnings)
if(NOT extracted EQUAL 0)
  message(FATAL_ERROR "xgettext failed: ${warnings}")
endif()
set(missing "")
foreach(lang ru zh)
  execute_process(COMMAND ${MSGCMP} --use-untranslated ${PO_DIR}/${lang}.po ${POT}
                  RESULT_VARIABLE compared ERROR_VARIABLE report)
  # Entries only in the catalog ("not used") are warnings: they come through helpers xgettext
  # does not know (count_of, say).
  if(NOT compared EQUAL 0)
    string(APPEND missing "${lang}.po:\n${report}\n")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "messages without a translation (add them to the .po files):\n${missing}")
endif()
