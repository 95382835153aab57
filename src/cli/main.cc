// bluehelmet: the thin main. All logic lives in bluehelmet_core.
#include <unistd.h>

#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return bh::RunCli(argc, argv, std::cout, std::cerr, isatty(STDERR_FILENO) != 0);
}
