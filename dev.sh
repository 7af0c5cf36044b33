#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One entry point for a new machine: installs what is missing (Debian 12), builds, and runs.
#   ./dev.sh demo       build and run the flagship demo
#   ./dev.sh test       build and run every test through ctest
#   ./dev.sh sanitize   the same tests built with AddressSanitizer and UBSan
#   ./dev.sh bench      build and run the benchmark suite and print its table
#   ./dev.sh fuzz [S]   run every libFuzzer target for S seconds each (default 300), then the
#                       executions per target
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the build needs (compiler, CMake, Eigen, fmt, Boost.Test, Google Benchmark,
# CLI11 and nlohmann-json for the command line, gettext's msgfmt for the translations, Open MPI
# for the distributed reductions).
packages=(build-essential cmake gettext libeigen3-dev libfmt-dev libboost-test-dev libbenchmark-dev
          libcli11-dev nlohmann-json3-dev libopenmpi-dev openmpi-bin)
# What only the tests need besides: clang for the fuzzers, Chromium for the class pages' browser
# tests (with CJK fonts, so that a --lang zh page shows characters, not boxes), Graphviz and gnuplot
# for the pictures, ccache so that the second build costs less.
test_packages=(clang libclang-rt-14-dev chromium fonts-noto-cjk graphviz gnuplot-nox ccache)

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

# Node and npm for the page tests: Debian's, unless a Node.js with npm is installed already (a
# NodeSource nodejs conflicts with Debian's npm package).
install_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  install_missing nodejs npm
}

# puppeteer-core for tests/pages (the versions pinned in its package-lock.json), once.
install_page_test_modules() {
  install_node
  [ -d tests/pages/node_modules/puppeteer-core ] && return 0
  echo "Installing the page tests' npm modules (tests/pages: npm ci)"
  (cd tests/pages && npm ci --no-audit --no-fund)
}

jobs=$(nproc 2>/dev/null || echo 2)
# ccache, when installed, makes a rebuild of unchanged files nearly free; CMake reads the launcher
# from the environment when it configures a build folder. Paths are hashed relative to this
# checkout (and the working directory not at all), so a fresh clone elsewhere reuses the cache.
if command -v ccache >/dev/null && [ -z "${CMAKE_CXX_COMPILER_LAUNCHER:-}" ]; then
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
fi
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
    install_missing "${packages[@]}" "${test_packages[@]}"
    install_page_test_modules
    build default
    ctest --preset default -j "$jobs"
    ;;
  sanitize)
    install_missing "${packages[@]}" "${test_packages[@]}"
    install_page_test_modules
    build sanitize
    ctest --preset sanitize -j "$jobs"
    ;;
  bench)
    install_missing "${packages[@]}"
    exec bench/run.sh
    ;;
  fuzz)
    install_missing libfmt-dev clang libclang-rt-14-dev
    seconds=${2:-300}
    summary=()
    for target in parser csv args; do
      tests/cli/fuzz/run_fuzzer.sh "$PWD" build/fuzz "$target" "$seconds"
      summary+=("$(cat "build/fuzz/$target/summary")")
    done
    echo
    printf '%s\n' "${summary[@]}"
    ;;
  *)
    sed -n '3,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
