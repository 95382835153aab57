# Warnings as an unexported INTERFACE target (the CLI11 pattern): every
# project target links it; -Werror comes from BLUEHELMET_WERROR (on in CI).
add_library(bluehelmet_warnings INTERFACE)
target_compile_options(bluehelmet_warnings INTERFACE
  -Wall -Wextra -pedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Wimplicit-fallthrough)
if(BLUEHELMET_WERROR)
  target_compile_options(bluehelmet_warnings INTERFACE -Werror)
endif()
