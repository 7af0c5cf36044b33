# SPDX-License-Identifier: MIT
# tapegrad_module(NAME SOURCES... DEPS...): the library target of one module folder, exported
# as tapegrad::NAME, with the folder's own headers installed under include/tapegrad/<folder>/
# (autodiff/explain/ installs to include/tapegrad/autodiff/explain/), so that the include paths
# are the same in the source tree and after `cmake --install`.
include(GNUInstallDirs)
function(tapegrad_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(tapegrad_${name} STATIC ${ARG_SOURCES})
  add_library(tapegrad::${name} ALIAS tapegrad_${name})
  set_target_properties(tapegrad_${name} PROPERTIES EXPORT_NAME ${name} POSITION_INDEPENDENT_CODE ON)
  target_include_directories(tapegrad_${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/tapegrad>)
  target_link_libraries(tapegrad_${name} PUBLIC ${ARG_DEPS})
  target_link_libraries(tapegrad_${name} PRIVATE $<BUILD_INTERFACE:tapegrad_warnings>)
  target_compile_features(tapegrad_${name} PUBLIC cxx_std_20)
  install(TARGETS tapegrad_${name} EXPORT tapegradTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  file(GLOB headers ${CMAKE_CURRENT_SOURCE_DIR}/*.hpp)
  install(FILES ${headers} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tapegrad/${folder})
endfunction()
