# The C++ sources are formatted as .clang-format says: run as the CTest test
# FormatTest,
#   cmake -DROOT=<repo> -P check_format.cmake
# `clang-format --dry-run -Werror` over src/, bench/ and fuzz/; each file it
# would change is named with the first lines it would change. `make format`
# rewrites them. Debian 12's clang-format (14) is the reference version:
# scripts/install-deps.sh installs it.
cmake_minimum_required(VERSION 3.25)
if(NOT DEFINED ROOT)
  message(FATAL_ERROR "check_format.cmake: -DROOT=<repository> is required")
endif()
find_program(CLANG_FORMAT NAMES clang-format clang-format-14)
if(NOT CLANG_FORMAT)
  message(FATAL_ERROR "clang-format not found: install Debian's clang-format (scripts/install-deps.sh)")
endif()
file(GLOB_RECURSE files ${ROOT}/src/*.h ${ROOT}/src/*.cc ${ROOT}/bench/*.cc ${ROOT}/bench/*.h
     ${ROOT}/fuzz/*.cc ${ROOT}/fuzz/*.h)
list(LENGTH files n)
execute_process(COMMAND ${CLANG_FORMAT} --style=file --dry-run -Werror ${files}
                WORKING_DIRECTORY ${ROOT} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  string(REGEX MATCHALL "[^\n]*: error: code should be clang-formatted[^\n]*" lines "${err}")
  list(LENGTH lines count)
  list(SUBLIST lines 0 20 first)
  string(REPLACE ";" "\n" first "${first}")
  message(FATAL_ERROR "${first}\n${count} place(s) in ${n} files are not formatted as .clang-format says: run 'make format'")
endif()
message("format: ${n} files formatted as .clang-format says")
