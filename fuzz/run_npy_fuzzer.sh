#!/bin/sh
# Builds and runs the .npy loader fuzzer: ./fuzz/run_npy_fuzzer.sh [seconds] [build dir]
# Seeds: the test files in tests/core/data/npy (read only); new inputs go to <build>/npy_corpus;
# crashes are written as <build>/npy-crash-*. Memory per input is capped at 64 MiB, so an
# allocation the input does not justify is reported as a failure.
set -eu
seconds=${1:-240}
build=${2:-build-fuzz}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DEMBER_BUILD_FUZZERS=ON -DEMBER_CUDA=OFF \
    -DEMBER_BUILD_TESTS=OFF -DEMBER_BUILD_BENCH=OFF -DEMBER_BUILD_SAMPLES=OFF
fi
cmake --build "$build" --target fuzz_npy_load -j2
mkdir -p "$build/npy_corpus"
exec "$build/fuzz/fuzz_npy_load" -dict=fuzz/npy.dict -max_total_time="$seconds" \
  -malloc_limit_mb=64 -max_len=4096 -print_final_stats=1 \
  -artifact_prefix="$build/npy-" "$build/npy_corpus" tests/core/data/npy
