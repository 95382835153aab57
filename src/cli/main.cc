// bluehelmet: the thin main. All logic lives in bluehelmet_core.
#include <unistd.h>

#include <iostream>

#include "base/mapped_file.h"
#include "cli/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // A CSV cut short while it is imported: one line and exit 1 (invalid
  // data), not the signal (base/mapped_file.h).
  bh::MappedFile::ExitOnTruncation(1, "bluehelmet: ");
  return bh::RunCli(argc, argv, std::cout, std::cerr, isatty(STDERR_FILENO) != 0);
}
