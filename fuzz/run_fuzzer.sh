#!/bin/sh
# Builds and runs one of Ember's libFuzzer targets (clang, ASan + UBSan) in a separate build
# directory:
#
#   ./fuzz/run_fuzzer.sh npy [seconds] [build dir]   the .npy loader (default 240 s); seeds: the
#       test files in tests/core/data/npy; memory per input is capped at 64 MiB, so an
#       allocation the input does not justify is reported as a finding
#   ./fuzz/run_fuzzer.sh safetensors [seconds] [build dir]   the safetensors loader (default
#       240 s); seeds: fuzz/corpus/safetensors and the test files in tests/nn/data/serialize;
#       memory per input is capped at 64 MiB as for npy
#   ./fuzz/run_fuzzer.sh api [runs] [build dir]      the tensor API (default 1,000,000 inputs);
#       seeds: fuzz/corpus/api; an allocation above 2 GiB is a finding (the target only asks for
#       memory a refused call would never allocate); ASan may return null for absurd requests
#       (as malloc does) so that the library's own out-of-memory errors are exercised
#
# Seeds are read only; new inputs go to <build>/<target>_corpus; findings are written as
# <build>/<target>-crash-* (and -timeout-, -oom-).
set -eu
target=${1:-}
case "$target" in
  npy | safetensors | api) ;;
  *)
    echo "usage: run_fuzzer.sh npy|safetensors|api [budget] [build dir]" >&2
    exit 2 ;;
esac
build=${3:-build-fuzz}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DEMBER_BUILD_FUZZERS=ON -DEMBER_CUDA=OFF \
    -DEMBER_BUILD_TESTS=OFF -DEMBER_BUILD_BENCH=OFF -DEMBER_BUILD_SAMPLES=OFF
fi
case "$target" in
  npy)
    cmake --build "$build" --target fuzz_npy_load -j2
    mkdir -p "$build/npy_corpus"
    exec "$build/fuzz/fuzz_npy_load" -dict=fuzz/npy.dict -max_total_time="${2:-240}" \
      -malloc_limit_mb=64 -max_len=4096 -print_final_stats=1 \
      -artifact_prefix="$build/npy-" "$build/npy_corpus" tests/core/data/npy ;;
  safetensors)
    cmake --build "$build" --target fuzz_safetensors_load -j2
    mkdir -p "$build/safetensors_corpus"
    exec "$build/fuzz/fuzz_safetensors_load" -dict=fuzz/safetensors.dict \
      -max_total_time="${2:-240}" -malloc_limit_mb=64 -max_len=4096 -print_final_stats=1 \
      -artifact_prefix="$build/safetensors-" "$build/safetensors_corpus" \
      fuzz/corpus/safetensors tests/nn/data/serialize ;;
  api)
    cmake --build "$build" --target fuzz_api -j2
    mkdir -p "$build/api_corpus"
    ASAN_OPTIONS=${ASAN_OPTIONS:-allocator_may_return_null=1} \
      exec "$build/fuzz/fuzz_api" -runs="${2:-1000000}" \
      -rss_limit_mb=4096 -malloc_limit_mb=2048 -max_len=256 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$build/api-" "$build/api_corpus" fuzz/corpus/api ;;
esac
