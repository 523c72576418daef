#!/usr/bin/env bash
# The GPU check: builds the CUDA configuration, runs the whole test suite (CPU and `cuda`
# tests), the CUDA tests under compute-sanitizer, and the GPU benchmarks side by side with
# PyTorch on the same GPU, in one go (about 5 minutes on an H100).
#
#   tools/gpu_check.sh build   configure and build build-gpu/ (sm_90, fmt header-only, static
#                              GoogleTest, libember.so) and pack what the run needs into
#                              build-gpu/bundle/ (about 30 MiB): works without a GPU
#   tools/gpu_check.sh run     run everything from build-gpu/bundle/ (needs a GPU, the CUDA
#                              libraries and, for the comparison, python3 with PyTorch)
#   tools/gpu_check.sh [all]   build (unless a bundle exists), then run
#
# Options: --build-dir DIR (default build-gpu), --anchor PATH (PyTorch's side of the
# benchmarks; default: the copy in the bundle, taken from .device/ when the build ran), --jobs N (build parallelism, default 2),
# --archs LIST (CMAKE_CUDA_ARCHITECTURES, default 90-real).
# The bundle does not depend on absolute paths: carry build-gpu/bundle to the GPU machine at
# the same place relative to the repository and run `tools/gpu_check.sh run` there.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=all
build_dir="$root/build-gpu"
anchor=""
jobs=2
archs=90-real
while [ $# -gt 0 ]; do
  case "$1" in
    build|run|all) mode=$1 ;;
    --build-dir) build_dir=$(cd "$root" && realpath -m "$2"); shift ;;
    --anchor) anchor=$(realpath -m "$2"); shift ;;
    --jobs) jobs=$2; shift ;;
    --archs) archs=$2; shift ;;
    *) echo "gpu_check: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
bundle="$build_dir/bundle"
test_binaries=(ember_core_tests ember_cpu_tests ember_cuda_tests)
start=$(date +%s)
elapsed() { echo "$(( $(date +%s) - start ))s"; }
section() { printf '\n==== %s (at %s)\n' "$1" "$(elapsed)"; }

do_build() {
  section "build ($archs) in $build_dir"
  mkdir -p "$build_dir"
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMBER_CUDA=ON \
    -DCMAKE_CUDA_ARCHITECTURES="$archs" -DEMBER_FMT_HEADER_ONLY=ON -DEMBER_BLAS=OFF \
    -DBUILD_SHARED_LIBS=ON -DCMAKE_BUILD_RPATH_USE_ORIGIN=ON -DEMBER_BUILD_SAMPLES=OFF \
    >"$build_dir/configure.log" 2>&1 || { cat "$build_dir/configure.log"; return 1; }
  cmake --build "$build_dir" -j "$jobs" --target "${test_binaries[@]}" bench_cuda || return 1
  # The bundle: the binaries, libember and its CUDA backend (loaded from beside it) under their
  # sonames, and PyTorch's anchor script.
  rm -rf "$bundle"
  mkdir -p "$bundle/bin" "$bundle/lib"
  for b in "${test_binaries[@]}"; do cp "$build_dir/tests/$b" "$bundle/bin/"; done
  cp "$build_dir/bench/bench_cuda" "$bundle/bin/"
  local lib soname
  for lib in libember.so libember_cuda.so; do
    soname=$(objdump -p "$build_dir/$lib" | awk '/SONAME/ {print $2}')
    cp -L "$build_dir/$lib" "$bundle/lib/${soname:-$lib}"
  done
  strip --strip-unneeded "$bundle"/bin/* "$bundle"/lib/* 2>/dev/null || true
  for a in "$root/tools/pytorch_gpu_anchor.py" "$root/.device/pytorch_gpu_anchor.py"; do
    if [ -f "$a" ]; then cp "$a" "$bundle/"; break; fi
  done
  echo "bundle: $(du -sh "$bundle" | cut -f1) in $bundle"
}

run_tests() {
  local failed=0 out
  for b in "${test_binaries[@]}"; do
    section "tests: $b"
    out=$("$bundle/bin/$b" --gtest_color=no 2>&1)
    local rc=$?
    printf '%s\n' "$out" | grep -E '^\[  (FAILED|SKIPPED) |^\[  PASSED|^\[==========\] [0-9]+ tests' | sort -u
    printf '%s\n' "$out" | grep -B2 -A12 -E '^[^ ]+:[0-9]+: Failure' | head -150
    if [ $rc -ne 0 ]; then failed=1; fi
    if [ "$b" = ember_cuda_tests ] &&
      printf '%s\n' "$out" | grep -q 'SKIPPED \] CudaDevice.QueriesAndCurrentDevice'; then
      echo "!! the CUDA tests were skipped: no usable GPU?"
      failed=1
    fi
  done
  return $failed
}

find_sanitizer() {
  local c
  for c in compute-sanitizer /usr/local/cuda/bin/compute-sanitizer \
    /usr/local/cuda/compute-sanitizer/compute-sanitizer; do
    if command -v "$c" >/dev/null 2>&1; then echo "$c"; return 0; fi
  done
  return 1
}

run_sanitizer() {
  local cs failed=0
  if ! cs=$(find_sanitizer); then
    section "compute-sanitizer: not found (skipped)"
    return 0
  fi
  # Caching off so that each tensor is its own allocation with exact bounds; the caching
  # tests and the 2 GiB test are left out.
  local filter='-CudaAllocator.*:*Huge*'
  section "compute-sanitizer --tool memcheck"
  EMBER_CUDA_NO_CACHING=1 timeout 240 "$cs" --tool memcheck --error-exitcode 99 \
    --print-limit 20 "$bundle/bin/ember_cuda_tests" --gtest_color=no --gtest_brief=1 \
    --gtest_filter="$filter" 2>&1 | tail -40
  [ "${PIPESTATUS[0]}" -eq 0 ] || failed=1
  # Shared-memory hazards and barrier misuse in the reduction kernels.
  local kernels='CudaReduce.*:CudaKernels.MaxMin*:CudaKernels.Whole*:CudaElementwise.Binary*'
  for tool in racecheck synccheck; do
    section "compute-sanitizer --tool $tool"
    timeout 90 "$cs" --tool "$tool" --error-exitcode 99 --print-limit 20 \
      "$bundle/bin/ember_cuda_tests" --gtest_color=no --gtest_brief=1 \
      --gtest_filter="$kernels" 2>&1 | tail -20
    [ "${PIPESTATUS[0]}" -eq 0 ] || failed=1
  done
  return $failed
}

run_benchmarks() {
  local a="${anchor:-$bundle/pytorch_gpu_anchor.py}"
  section "benchmarks: Ember"
  local ember_out torch_out=""
  ember_out=$(timeout 180 "$bundle/bin/bench_cuda" 2>&1)
  printf '%s\n' "$ember_out"
  section "benchmarks: PyTorch (anchor $a)"
  if [ -f "$a" ] && command -v python3 >/dev/null; then
    torch_out=$(timeout 240 python3 "$a" 2>&1)
    printf '%s\n' "$torch_out"
  else
    echo "no anchor script or python3: PyTorch's figures are missing"
  fi
  section "comparison"
  EMBER_OUT="$ember_out" TORCH_OUT="$torch_out" python3 - <<'PY'
import os, re
def parse(text):
    rows = {}
    for line in text.splitlines():
        m = re.match(r"^(\S+)\s+([\d.]+) us\s+(.*)$", line)
        if m:
            rows[m.group(1)] = (float(m.group(2)), m.group(3))
    return rows
e, t = parse(os.environ["EMBER_OUT"]), parse(os.environ["TORCH_OUT"])
def pct(text):
    m = re.search(r"= (\d+)% of", text)
    return float(m.group(1)) if m else None
print(f"{'workload':32s} {'Ember us':>12s} {'PyTorch us':>12s} {'Ember/PyTorch':>14s}  target")
for name, (us, rate) in e.items():
    tus = t.get(name, (None, ""))[0]
    ratio = f"{us / tus:.2f}x" if tus else "-"
    target = ""
    if name == "add_2^26" and pct(rate) is not None:
        target = f">= 90% of copy: {pct(rate):.0f}% {'PASS' if pct(rate) >= 90 else 'FAIL'}"
    elif name == "sum_2^26" and pct(rate) is not None:
        target = f">= 85% of copy: {pct(rate):.0f}% {'PASS' if pct(rate) >= 85 else 'FAIL'}"
    elif name.startswith("matmul") and tus:
        target = f"within 5% of PyTorch: {'PASS' if us <= 1.05 * tus else 'FAIL'}"
    elif name == "add_1elem_host_cost" and tus:
        target = f"<= PyTorch: {'PASS' if us <= tus else 'FAIL'}"
    print(f"{name:32s} {us:12.2f} {tus if tus else float('nan'):12.2f} {ratio:>14s}  {target}")
PY
}

status=0
if [ "$mode" = build ] || { [ "$mode" = all ] && [ ! -x "$bundle/bin/ember_cuda_tests" ]; }; then
  do_build || { echo "gpu_check: build failed"; exit 1; }
fi
if [ "$mode" = build ]; then exit 0; fi
if [ ! -x "$bundle/bin/ember_cuda_tests" ]; then
  echo "gpu_check: no bundle in $bundle (run 'tools/gpu_check.sh build' first)" >&2
  exit 1
fi
# libember from the bundle; the CUDA libraries from the toolkit if the loader lacks them.
cuda_libs=""
for d in /usr/local/cuda/lib64 /usr/local/cuda/lib; do
  [ -d "$d" ] && cuda_libs="$cuda_libs:$d"
done
export LD_LIBRARY_PATH="$bundle/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}$cuda_libs"
section "GPU"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null ||
  echo "nvidia-smi not available"
run_tests || status=1
run_sanitizer || status=1
run_benchmarks
section "done: $( [ $status -eq 0 ] && echo all checks passed || echo SOME CHECKS FAILED )"
exit $status
