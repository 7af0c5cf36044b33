// SPDX-License-Identifier: MIT
// The entry point of the `tapegrad` command: everything happens in run_tapegrad (cli/app.hpp).
#include <iostream>

#include "cli/app.hpp"

int main(int argc, char** argv) {
  return tapegrad::cli::run_tapegrad(argc, argv, std::cout, std::cerr);
}
