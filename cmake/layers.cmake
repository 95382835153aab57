# One static library per folder of src/ (a "layer"), each linking only the
# layers below it, so that the build itself refuses an upward include.
#
#   bluehelmet_layer(store DEPENDS base model SOURCES a.cc b.cc TESTS a_test.cc LIBS SQLite::SQLite3)
#
# TEST_DEPENDS names layers that only the layer's tests use to build their
# fixtures (the SYNTHETIC generator, the importer) or to compare front ends
# (the API's answers against the CLI's): the tests are compiled into
# bluehelmet_tests, not into the layer, so this adds nothing to the layer.
#
# makes the library bh_store. Its sources see, through the include path, only
# the folders of its own layer and of the layers it depends on (directly or
# not): build/<preset>/layers/store/{store,base,model} are symbolic links to
# src/<folder>, and that directory is the library's only include root into
# src/. `#include "cli/cli.h"` in src/store therefore fails to compile with
# "No such file". Layers are declared bottom-up (a layer may only depend on
# layers declared before it), so the graph has no cycles.
#
# The graph is also written to ${CMAKE_BINARY_DIR}/layers.txt, one line per
# layer ("name: dep dep | test-dep"), which cmake/check_layers.cmake reads to check the
# includes of the tests (compiled together into bluehelmet_tests) and the
# graph drawn in docs/architecture.md.

set(BH_LAYER_GRAPH_FILE ${CMAKE_BINARY_DIR}/layers.txt)
file(WRITE ${BH_LAYER_GRAPH_FILE} "")

function(bluehelmet_layer name)
  cmake_parse_arguments(PARSE_ARGV 1 L "" "" "DEPENDS;SOURCES;TESTS;TEST_DEPENDS;LIBS")
  set(closure ${name})
  foreach(dep IN LISTS L_DEPENDS)
    get_property(dep_closure GLOBAL PROPERTY BH_LAYER_CLOSURE_${dep})
    if(NOT dep_closure)
      message(FATAL_ERROR "layer '${name}' depends on '${dep}', which is not declared before it "
                          "(declare layers bottom-up in CMakeLists.txt)")
    endif()
    list(APPEND closure ${dep_closure})
  endforeach()
  list(REMOVE_DUPLICATES closure)
  set_property(GLOBAL PROPERTY BH_LAYER_CLOSURE_${name} ${closure})
  string(REPLACE ";" " " deps_text "${L_DEPENDS}")
  string(REPLACE ";" " " test_deps_text "${L_TEST_DEPENDS}")
  file(APPEND ${BH_LAYER_GRAPH_FILE} "${name}: ${deps_text} | ${test_deps_text}\n")

  set(view ${CMAKE_BINARY_DIR}/layers/${name})
  file(REMOVE_RECURSE ${view})
  file(MAKE_DIRECTORY ${view})
  foreach(layer IN LISTS closure)
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/src/${layer} ${view}/${layer} SYMBOLIC)
  endforeach()

  add_library(bh_${name} STATIC ${L_SOURCES})
  target_include_directories(bh_${name} PRIVATE ${view} PUBLIC ${CMAKE_BINARY_DIR}/generated)
  set(dep_targets "")
  foreach(dep IN LISTS L_DEPENDS)
    list(APPEND dep_targets bh_${dep})
  endforeach()
  target_link_libraries(bh_${name} PUBLIC ${dep_targets} ${L_LIBS} PRIVATE bluehelmet_warnings)
  if(BLUEHELMET_BUILD_TESTS AND L_TESTS)
    target_sources(bluehelmet_tests PRIVATE ${L_TESTS})
  endif()
endfunction()

# A plugin module (base/module.h): a shared object NAME.so in the build
# directory, made of SOURCES (files of the layer LAYER, which see that
# layer's headers) and LIBS, exporting only its entry (the sources are
# compiled with hidden visibility, and the static libraries it links are
# hidden too, so the module keeps its own copies and never binds to the
# executable's).
function(bluehelmet_module name)
  cmake_parse_arguments(PARSE_ARGV 1 M "" "LAYER" "SOURCES;LIBS")
  add_library(${name} MODULE ${M_SOURCES})
  set_target_properties(${name} PROPERTIES PREFIX "" CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
                        LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
  target_include_directories(${name} PRIVATE ${CMAKE_BINARY_DIR}/layers/${M_LAYER} ${CMAKE_BINARY_DIR}/generated)
  target_link_libraries(${name} PRIVATE ${M_LIBS} bluehelmet_warnings)
  target_link_options(${name} PRIVATE -Wl,--exclude-libs,ALL)
endfunction()
