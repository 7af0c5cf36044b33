#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the parser's libFuzzer target with clang++ and runs it for a bounded time over the seed
# corpus (tests/cli/fuzz_corpus) and every input that ever crashed it (tests/cli/fuzz_regressions).
# A ctest test (test_cli.fuzz_parser); exits 77 (skipped) when clang++ is not installed.
#   run_fuzzer.sh SOURCE_DIR WORK_DIR [SECONDS]
set -euo pipefail
src=$1
work=$2
seconds=${3:-25}

clang=$(command -v clang++ || command -v clang++-14 || true)
if [ -z "$clang" ]; then
  echo "SKIPPED: clang++ is not installed (Debian package clang); the parser fuzzer needs it"
  exit 77
fi

mkdir -p "$work/corpus" "$work/artifacts"
sources=(autodiff/errors.cpp autodiff/expression/parse_error.cpp autodiff/expression/lexer.cpp
         autodiff/expression/parser.cpp autodiff/expression/expression.cpp autodiff/expression/op_dispatch.cpp
         tests/cli/fuzz/parser_fuzzer.cpp)
echo "building the fuzzer with $clang"
"$clang" -std=c++20 -O1 -g -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$src" "${sources[@]/#/$src/}" -lfmt -o "$work/parser_fuzzer"

echo "fuzzing for $seconds s"
status=0
"$work/parser_fuzzer" "$work/corpus" "$src/tests/cli/fuzz_corpus" "$src/tests/cli/fuzz_regressions" \
  -dict="$src/tests/cli/fuzz/expression.dict" -max_total_time="$seconds" -max_len=4096 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
  || status=$?
if [ $status -ne 0 ]; then
  echo
  echo "The fuzzer found an input that crashes the parser (exit $status). Keep it as a regression"
  echo "test and fix the bug:  cp $work/artifacts/* $src/tests/cli/fuzz_regressions/"
  ls -l "$work/artifacts"
  exit 1
fi
