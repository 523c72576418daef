#!/bin/sh
# Builds and runs the tensor API fuzzer: ./fuzz/run_api_fuzzer.sh [runs] [build dir]
# Seeds: fuzz/corpus/api (read only); new inputs go to <build>/api_corpus; findings are written
# as <build>/api-crash-* (and -timeout-, -oom-). An allocation above 2 GiB is a finding: the
# target only asks for memory a refused call would never allocate. ASan may return null for
# absurd requests (as malloc does) so that the library's own out-of-memory errors are
# exercised.
set -eu
runs=${1:-1000000}
build=${2:-build-fuzz}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DEMBER_BUILD_FUZZERS=ON -DEMBER_CUDA=OFF \
    -DEMBER_BUILD_TESTS=OFF -DEMBER_BUILD_BENCH=OFF -DEMBER_BUILD_SAMPLES=OFF
fi
cmake --build "$build" --target fuzz_api -j2
mkdir -p "$build/api_corpus"
ASAN_OPTIONS=${ASAN_OPTIONS:-allocator_may_return_null=1} \
  exec "$build/fuzz/fuzz_api" -runs="$runs" \
  -rss_limit_mb=4096 -malloc_limit_mb=2048 -max_len=256 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$build/api-" "$build/api_corpus" fuzz/corpus/api
