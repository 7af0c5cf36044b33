#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One entry point for a new machine: installs what is missing (Debian 12), builds, and runs.
#   ./dev.sh demo       build and run the flagship demo
#   ./dev.sh test       build and run every test through ctest
#   ./dev.sh sanitize   the same tests built with AddressSanitizer and UBSan
#   ./dev.sh bench      build and run the benchmark suite and print its table
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the build needs (compiler, CMake, Eigen, fmt, Boost.Test, Google Benchmark,
# CLI11 and nlohmann-json for the command line, clang for the parser's fuzzer).
packages=(build-essential cmake libeigen3-dev libfmt-dev libboost-test-dev libbenchmark-dev
          libcli11-dev nlohmann-json3-dev clang libclang-rt-14-dev libopenmpi-dev openmpi-bin)

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

jobs=$(nproc 2>/dev/null || echo 2)
build() {  # build PRESET [TARGET...]
  local preset=$1; shift
  cmake --preset "$preset" >/dev/null
  if [ $# -gt 0 ]; then
    cmake --build --preset "$preset" -j "$jobs" --target "$@"
  else
    cmake --build --preset "$preset" -j "$jobs"
  fi
}

case "${1:-}" in
  demo)
    install_missing "${packages[@]}"
    build default lesson_demo
    ./build/default/examples/lesson_demo
    ;;
  test)
    install_missing "${packages[@]}"
    build default
    ctest --preset default -j "$jobs"
    ;;
  sanitize)
    install_missing "${packages[@]}"
    build sanitize
    ctest --preset sanitize -j "$jobs"
    ;;
  bench)
    install_missing "${packages[@]}"
    exec bench/run.sh
    ;;
  *)
    sed -n '3,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
