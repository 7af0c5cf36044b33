# SPDX-License-Identifier: MIT
# tapegrad_add_test_suite(NAME SOURCES... LIBS...): one Boost.Test executable per folder of
# tests/, and one CTest test per source file, so ctest names the failing suite. Each source file
# holds BOOST_AUTO_TEST_SUITE(<its file name without .cpp>).
function(tapegrad_add_test_suite name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
  add_executable(${name} ${CMAKE_SOURCE_DIR}/tests/test_main.cpp ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} Boost::unit_test_framework tapegrad_warnings)
  target_compile_definitions(${name} PRIVATE BOOST_TEST_DYN_LINK)
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR})
  foreach(source ${ARG_SOURCES})
    get_filename_component(suite ${source} NAME_WE)
    add_test(NAME ${name}.${suite} COMMAND ${name} --run_test=${suite} --report_level=short)
  endforeach()
endfunction()
