#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds and runs the benchmark suite and prints its table (called by `./dev.sh bench`).
#   bench/run.sh [extra Google Benchmark flags, e.g. --benchmark_filter=chain]
# Installs the peer libraries from Debian if they are missing (as root, or with sudo), builds the
# `bench` preset (Release, -march=native), runs every variant (each gradient is checked against
# the hand-coded one before it is timed; a wrong one fails the run), writes the JSON to
# build/bench/results.json and prints the Markdown table from it.
# Environment: BENCH_REPETITIONS (default 3), BENCH_MIN_TIME in seconds (default 0.2).
set -euo pipefail
cd "$(dirname "$0")/.."

# libtorch's matrix products go through the system BLAS, which on Debian is the unoptimised
# reference BLAS unless an optimised one is installed: the single-threaded OpenBLAS keeps the
# comparison fair (and single-threaded, like every variant here).
peers=(libadolc-dev libtrilinos-sacado-dev libtrilinos-kokkos-dev libtorch-dev libopenblas0-serial)
missing=()
for p in "${peers[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing the peer libraries the benchmark compares against: ${missing[*]}"
  sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  if "${sudo[@]}" apt-get update -qq &&
     DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
       "${missing[@]}"; then :
  else
    echo "Could not install ${missing[*]}: the variants of the missing peers are skipped." >&2
  fi
fi

jobs=$(nproc 2>/dev/null || echo 2)
# Configure quietly, but say which peers were found and which are skipped.
cmake --preset bench | { grep -E '^-- bench:' || true; }
cmake --build --preset bench -j "$jobs" --target tapegrad_bench tapegrad_bench_report

out=build/bench
# ADOL-C reads .adolcrc from the working directory: buffers of 2²¹ entries, so the largest tapes
# here (1.8 million locations) stay in memory; its defaults (2¹⁹) spill them to files. ADOL-C
# allocates these buffers for every recording, which its peak heap shows; larger ones (> 32 MiB)
# would be fresh mmaps each time, slowing every ADOL-C gradient.
cat > "$out/.adolcrc" <<'RC'
"OBUFSIZE" = "2097152"
"LBUFSIZE" = "2097152"
"VBUFSIZE" = "2097152"
"TBUFSIZE" = "2097152"
"TBUFNUM" = "32"
RC
(cd "$out" && ./bench/tapegrad_bench \
  --benchmark_repetitions="${BENCH_REPETITIONS:-3}" \
  --benchmark_min_time="${BENCH_MIN_TIME:-0.2}" \
  --benchmark_out=results.json --benchmark_out_format=json "$@")
echo
"$out/bench/tapegrad_bench_report" "$out/results.json"
