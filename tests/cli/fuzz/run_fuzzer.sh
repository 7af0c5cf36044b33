#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds one libFuzzer target with clang++ and runs it for a bounded time over its seed corpus and
# every input that ever crashed or hung it. The targets:
#   parser  the expression parser and evaluator  corpus tests/cli/fuzz_corpus, regressions tests/cli/fuzz_regressions
#   csv     the CSV reader (csv/)                 corpus tests/cli/fuzz_corpus_csv, regressions tests/cli/fuzz_regressions_csv
#   args    the command's argument parsing        corpus tests/cli/fuzz_corpus_args, regressions tests/cli/fuzz_regressions_args
# A ctest test per target (test_cli.fuzz_TARGET) and `./dev.sh fuzz`; exits 77 (skipped) when
# clang++ is not installed. The last line (also in WORK_DIR/TARGET/summary) counts the executions.
#   run_fuzzer.sh SOURCE_DIR WORK_DIR TARGET [SECONDS]
set -euo pipefail
src=$1
work=$2
target=$3
seconds=${4:-10}

flags=()
case "$target" in
  parser)
    sources=(autodiff/errors.cpp autodiff/expression/parse_error.cpp autodiff/expression/lexer.cpp
             autodiff/expression/parser.cpp autodiff/expression/expression.cpp
             autodiff/expression/op_dispatch.cpp i18n/i18n.cpp)
    # The messages go through tr() (i18n/i18n.cpp); the fuzzer loads no translations.
    flags=(-DTAPEGRAD_BUILD_LOCALEDIR='""' -DTAPEGRAD_INSTALL_LOCALEDIR='""')
    dict=expression.dict corpus=fuzz_corpus regressions=fuzz_regressions max_len=4096 ;;
  csv)
    sources=(csv/csv_error.cpp csv/csv_table.cpp i18n/i18n.cpp)
    # The messages go through tr() (i18n/i18n.cpp); the fuzzer loads no translations.
    flags=(-DTAPEGRAD_BUILD_LOCALEDIR='""' -DTAPEGRAD_INSTALL_LOCALEDIR='""')
    dict=csv.dict corpus=fuzz_corpus_csv regressions=fuzz_regressions_csv max_len=4096 ;;
  args)
    sources=(autodiff/errors.cpp autodiff/expression/parse_error.cpp autodiff/expression/lexer.cpp
             autodiff/expression/parser.cpp autodiff/expression/expression.cpp
             autodiff/expression/op_dispatch.cpp i18n/i18n.cpp csv/csv_error.cpp
             cli/app.cpp cli/usage_hints.cpp cli/parse_error_text.cpp cli/point.cpp cli/json_output.cpp)
    # The command's headers see Eigen (optim's objective); the fuzzer loads no translations.
    flags=(-I/usr/include/eigen3 -DTAPEGRAD_BUILD_LOCALEDIR='""' -DTAPEGRAD_INSTALL_LOCALEDIR='""')
    dict=args.dict corpus=fuzz_corpus_args regressions=fuzz_regressions_args max_len=1024 ;;
  *)
    echo "run_fuzzer.sh: unknown target '$target': give parser, csv or args" >&2
    exit 2 ;;
esac

clang=$(command -v clang++ || command -v clang++-14 || true)
if [ -z "$clang" ]; then
  echo "SKIPPED: clang++ is not installed (Debian package clang); the $target fuzzer needs it"
  exit 77
fi

work="$work/$target"
mkdir -p "$work/corpus" "$work/artifacts"
echo "building the $target fuzzer with $clang"
"$clang" -std=c++20 -O1 -g -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$src" "${flags[@]}" "${sources[@]/#/$src/}" "$src/tests/cli/fuzz/${target}_fuzzer.cpp" -lfmt \
  -o "$work/fuzzer"

echo "fuzzing $target for $seconds s"
status=0
"$work/fuzzer" "$work/corpus" "$src/tests/cli/$corpus" "$src/tests/cli/$regressions" \
  -dict="$src/tests/cli/fuzz/$dict" -max_total_time="$seconds" -max_len="$max_len" \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
  2>&1 | tee "$work/log" || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
echo "$target: ${runs:-?} executions in $seconds s" | tee "$work/summary"
if [ "$status" -ne 0 ]; then
  echo
  echo "The $target fuzzer found an input that crashes or hangs it (exit $status). Keep it as a"
  echo "regression test and fix the bug:  cp $work/artifacts/* $src/tests/cli/$regressions/"
  ls -l "$work/artifacts"
  exit 1
fi
