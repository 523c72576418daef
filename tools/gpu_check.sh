#!/usr/bin/env bash
# The GPU check: builds the CUDA configuration, runs the whole test suite (CPU and `cuda`
# tests), the CUDA tests under compute-sanitizer, and the GPU benchmarks side by side with
# PyTorch on the same GPU, in one go, within a fixed time budget (each step has its own
# timeout; all together under 10 minutes), and ends with one summary table.
#
#   tools/gpu_check.sh build   configure and build build-gpu/ (sm_90, fmt header-only, static
#                              GoogleTest, libember.so + libember_cuda.so) and pack what the
#                              run needs into build-gpu/bundle/ (about 50 MiB): works without
#                              a GPU
#   tools/gpu_check.sh run     run everything from build-gpu/bundle/ (needs a GPU, the CUDA
#                              libraries and, for the comparison, python3 with PyTorch)
#   tools/gpu_check.sh [all]   build (unless a bundle exists), then run
#
# Options:
#   --dry-run        print each step, its command and its time budget, and check the bundle and
#                    the sanitizer filters (every filter pattern must match a test); runs
#                    nothing that needs a GPU
#   --build-dir DIR  default build-gpu
#   --log-dir DIR    full output of every step (default: <build-dir>/gpu-check-logs)
#   --anchor PATH    PyTorch's side of the benchmarks (default: the copy in the bundle, which
#                    `build` takes from ../shared/tools/ or .device/)
#   --jobs N         build parallelism (default 2)
#   --archs LIST     CMAKE_CUDA_ARCHITECTURES (default 90-real)
# The bundle does not depend on absolute paths: the test binaries find their data in
# bundle/bin/data/ (see tests/TestUtils.h), and `run` works from any folder.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=all
dry_run=0
build_dir="$root/build-gpu"
log_dir=""
anchor=""
jobs=2
archs=90-real
while [ $# -gt 0 ]; do
  case "$1" in
    build|run|all) mode=$1 ;;
    --dry-run) dry_run=1 ;;
    --build-dir) build_dir=$(cd "$root" && realpath -m "$2"); shift ;;
    --log-dir) log_dir=$(realpath -m "$2"); shift ;;
    --anchor) anchor=$(realpath -m "$2"); shift ;;
    --jobs) jobs=$2; shift ;;
    --archs) archs=$2; shift ;;
    *) echo "gpu_check: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
bundle="$build_dir/bundle"
log_dir="${log_dir:-$build_dir/gpu-check-logs}"
test_binaries=(ember_core_tests ember_cpu_tests ember_cuda_tests)
start=$(date +%s)
elapsed() { echo "$(($(date +%s) - start))s"; }
section() { printf '\n==== %s (at %s)\n' "$1" "$(elapsed)"; }

# ---- The plan: every step of `run` with its time budget in seconds --------------------------
# Sanitizer filters name the suites of tests/cuda/*.cpp. memcheck: everything but the caching
# allocator's own tests and the 2 GiB test. racecheck/synccheck: the kernels with shared
# memory and barriers: whole-tensor and along-dim reductions (sum; var, std, logsumexp,
# argmax/argmin in CudaReduceOps; max/min/argmax/argmin in CudaMaxMinRandom), softmax,
# log_softmax and cumsum (CudaAlongDim) and the elementwise binary ops.
memcheck_filter='-CudaAllocator.*:*Huge*'
shared_memory_filter='CudaReduce.*:CudaReduceOps.NaNInfinitiesAndLargeMeans:CudaAlongDim.*'
shared_memory_filter+=':CudaMaxMinRandom.MaxMinAlongADimMatchTheHost'
shared_memory_filter+=':CudaMaxMinRandom.WholeTensorMaxMinPropagateNan:CudaElementwise.Binary*'
steps=(tests_core tests_cpu tests_cuda memcheck racecheck synccheck bench_ember bench_pytorch)
declare -A budget=([tests_core]=20 [tests_cpu]=40 [tests_cuda]=120 [memcheck]=150
  [racecheck]=45 [synccheck]=45 [bench_ember]=40 [bench_pytorch]=80)
declare -A result took note
cmd=()

total_budget() {
  local s t=0
  for s in "${steps[@]}"; do t=$((t + budget[$s])); done
  echo "$t"
}

find_sanitizer() {
  local c
  for c in compute-sanitizer /usr/local/cuda/bin/compute-sanitizer \
    /usr/local/cuda/compute-sanitizer/compute-sanitizer; do
    if command -v "$c" >/dev/null 2>&1; then echo "$c"; return 0; fi
  done
  return 1
}

anchor_path() { echo "${anchor:-$bundle/pytorch_gpu_anchor.py}"; }

# The command of a step (in the array `cmd`), as printed by --dry-run and run by run_step.
set_step_command() {
  local cs
  cs=$(find_sanitizer || echo compute-sanitizer)
  local cuda_tests=("$bundle/bin/ember_cuda_tests" --gtest_color=no --gtest_brief=1)
  case "$1" in
    tests_core) cmd=("$bundle/bin/ember_core_tests" --gtest_color=no) ;;
    tests_cpu) cmd=("$bundle/bin/ember_cpu_tests" --gtest_color=no) ;;
    tests_cuda) cmd=("$bundle/bin/ember_cuda_tests" --gtest_color=no) ;;
    memcheck)
      cmd=(env EMBER_CUDA_NO_CACHING=1 "$cs" --tool memcheck --error-exitcode 99 --print-limit 20
        "${cuda_tests[@]}" "--gtest_filter=$memcheck_filter") ;;
    racecheck | synccheck)
      cmd=("$cs" --tool "$1" --error-exitcode 99 --print-limit 20 "${cuda_tests[@]}"
        "--gtest_filter=$shared_memory_filter") ;;
    bench_ember) cmd=("$bundle/bin/bench_cuda") ;;
    bench_pytorch) cmd=(python3 "$(anchor_path)") ;;
  esac
}

# Every pattern of a gtest filter (positive and negative) must match at least one test of the
# CUDA binary: a renamed suite must not silently leave kernels unchecked.
check_filter() {
  local filter=$1 pattern count ok=0
  filter=${filter#-}
  IFS=':' read -ra patterns <<<"$filter"
  for pattern in "${patterns[@]}"; do
    count=$("$bundle/bin/ember_cuda_tests" --gtest_list_tests --gtest_filter="$pattern" 2>/dev/null |
      grep -c '^  ')
    if [ "$count" -eq 0 ]; then
      echo "!! filter pattern '$pattern' matches no test of ember_cuda_tests"
      ok=1
    else
      echo "   filter pattern '$pattern': $count test(s)"
    fi
  done
  return $ok
}

check_bundle() {
  local ok=0 b
  for b in "${test_binaries[@]}" bench_cuda; do
    [ -x "$bundle/bin/$b" ] || { echo "!! missing $bundle/bin/$b"; ok=1; }
  done
  [ -d "$bundle/bin/data/core/npy" ] || { echo "!! missing the test data in $bundle/bin/data"; ok=1; }
  [ -f "$(anchor_path)" ] || echo "-- no PyTorch anchor at $(anchor_path): its figures will be missing"
  return $ok
}

do_build() {
  section "build ($archs) in $build_dir"
  mkdir -p "$build_dir"
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMBER_CUDA=ON \
    -DCMAKE_CUDA_ARCHITECTURES="$archs" -DEMBER_FMT_HEADER_ONLY=ON -DEMBER_BLAS=OFF \
    -DBUILD_SHARED_LIBS=ON -DCMAKE_BUILD_RPATH_USE_ORIGIN=ON -DEMBER_BUILD_SAMPLES=OFF \
    >"$build_dir/configure.log" 2>&1 || { cat "$build_dir/configure.log"; return 1; }
  cmake --build "$build_dir" -j "$jobs" --target "${test_binaries[@]}" bench_cuda || return 1
  # The bundle: the binaries, their test data, libember and libember_cuda, PyTorch's anchor.
  rm -rf "$bundle"
  mkdir -p "$bundle/bin/data" "$bundle/lib"
  for b in "${test_binaries[@]}"; do cp "$build_dir/tests/$b" "$bundle/bin/"; done
  cp "$build_dir/bench/bench_cuda" "$bundle/bin/"
  local layer_data
  for layer_data in "$root"/tests/*/data; do
    [ -d "$layer_data" ] || continue
    cp -r "$layer_data" "$bundle/bin/data/$(basename "$(dirname "$layer_data")")"
  done
  # libember and its CUDA backend (loaded from beside it) under their sonames.
  local lib soname
  for lib in libember.so libember_cuda.so; do
    soname=$(objdump -p "$build_dir/$lib" | awk '/SONAME/ {print $2}')
    cp -L "$build_dir/$lib" "$bundle/lib/${soname:-$lib}"
  done
  strip --strip-unneeded "$bundle"/bin/* "$bundle"/lib/* 2>/dev/null || true
  local a
  for a in "$root/../shared/tools/pytorch_gpu_anchor.py" "$root/.device/pytorch_gpu_anchor.py"; do
    if [ -f "$a" ]; then cp "$a" "$bundle/"; break; fi
  done
  [ -f "$bundle/pytorch_gpu_anchor.py" ] ||
    echo "gpu_check: no pytorch_gpu_anchor.py in ../shared/tools or .device: pass --anchor to run"
  echo "bundle: $(du -sh "$bundle" | cut -f1) in $bundle"
}

# Runs one step under its budget; records PASS / FAIL / TIMEOUT, the time taken and a note.
run_step() {
  local s=$1 t0 rc log="$log_dir/$1.log"
  section "$s (budget ${budget[$s]}s)"
  t0=$(date +%s)
  set_step_command "$s"
  timeout --kill-after=5 "${budget[$s]}" "${cmd[@]}" >"$log" 2>&1
  rc=$?
  took[$s]=$(($(date +%s) - t0))
  case $rc in
    0) result[$s]=PASS ;;
    124 | 137) result[$s]=TIMEOUT ;;
    *) result[$s]="FAIL (rc $rc)" ;;
  esac
  case "$s" in
    tests_*)
      grep -E '^\[  (FAILED|SKIPPED) |^\[  PASSED|^\[==========\] [0-9]+ tests' "$log" | sort -u |
        head -60
      grep -B2 -A12 -E '^[^ ]+:[0-9]+: Failure' "$log" | head -150
      note[$s]="$(grep -oE '^\[  PASSED  \] [0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0) passed,"
      # gtest names failed and skipped tests twice (as they end and in its summary).
      note[$s]+=" $(grep -oE '^\[  FAILED  \] [A-Za-z][^ ]*' "$log" | sort -u | wc -l) failed,"
      note[$s]+=" $(grep -oE '^\[  SKIPPED \] [A-Za-z][^ ]*' "$log" | sort -u | wc -l) skipped"
      if [ "$s" = tests_cuda ] && grep -q 'SKIPPED \] CudaDevice.QueriesAndCurrentDevice' "$log"; then
        echo "!! the CUDA tests were skipped: no usable GPU?"
        grep -m1 'no usable GPU' "$log"
        result[$s]="FAIL (skipped)"
      fi ;;
    memcheck | racecheck | synccheck)
      tail -25 "$log"
      note[$s]=$(grep -m1 -oE 'ERROR SUMMARY: [0-9]+ errors?' "$log" || echo "no summary") ;;
    bench_*) cat "$log" ;;
  esac
}

# The benchmark rows of the summary, from both logs: Ember's time, PyTorch's, and the targets
# (add >= 90% of the copy's bandwidth; sum's read bandwidth >= 85% of the copy's bandwidth, a
# sum only reads; matmul within 5% of PyTorch; host cost of a tiny add <= PyTorch's).
benchmark_rows() {
  EMBER_OUT="$(cat "$log_dir/bench_ember.log" 2>/dev/null)" \
    TORCH_OUT="$(cat "$log_dir/bench_pytorch.log" 2>/dev/null)" python3 - <<'PY'
import os, re
def parse(text):
    rows = {}
    for line in text.splitlines():
        m = re.match(r"^(\S+)\s+([\d.]+) us\s+(.*)$", line)
        if m:
            rows[m.group(1)] = float(m.group(2))
    return rows
e, t = parse(os.environ["EMBER_OUT"]), parse(os.environ["TORCH_OUT"])
copy = e.get("d2d_copy_2^26")
for name, us in e.items():
    tus = t.get(name)
    target = ""
    if name == "add_2^26" and copy:
        pct = 100 * (3 / 2) * copy / us  # 3n bytes moved vs the copy's 2n in its time
        target = f"{pct:.0f}% of copy bw (>= 90%) {'PASS' if pct >= 90 else 'FAIL'}"
    elif name == "sum_2^26" and copy:
        pct = 100 * (1 / 2) * copy / us  # n bytes read vs the copy's 2n moved
        target = f"{pct:.0f}% of copy bw (>= 85%) {'PASS' if pct >= 85 else 'FAIL'}"
    elif name.startswith("matmul") and tus:
        target = f"{us / tus:.3f}x PyTorch (<= 1.05) {'PASS' if us <= 1.05 * tus else 'FAIL'}"
    elif name == "add_1elem_host_cost" and tus:
        target = f"{us / tus:.2f}x PyTorch (<= 1) {'PASS' if us <= tus else 'FAIL'}"
    theirs = f"{tus:.2f}" if tus else "-"
    print(f"  {name:30s} {us:12.2f} us  PyTorch {theirs:>10s} us  {target}")
PY
}

summary() {
  section "summary"
  printf '  %-14s %8s %8s  %-16s %s\n' step budget took result note
  local s
  for s in "${steps[@]}"; do
    printf '  %-14s %7ss %8s  %-16s %s\n' "$s" "${budget[$s]}" "${took[$s]:+${took[$s]}s}" \
      "${result[$s]:-not run}" "${note[$s]:-}"
  done
  benchmark_rows
  echo "  logs: $log_dir"
}

dry_run_plan() {
  section "dry run: the plan of 'run' (nothing is started)"
  local s failed=0
  for s in "${steps[@]}"; do
    set_step_command "$s"
    printf '  %-14s %4ss  %s\n' "$s" "${budget[$s]}" "${cmd[*]}"
  done
  printf '  %-14s %4ss  (under 600s)\n' total "$(total_budget)"
  [ "$(total_budget)" -lt 600 ] || { echo "!! the budgets add up to 10 minutes or more"; failed=1; }
  section "bundle $bundle"
  check_bundle || failed=1
  section "sanitizer filters"
  if [ -x "$bundle/bin/ember_cuda_tests" ]; then
    check_filter "$memcheck_filter" || failed=1
    check_filter "$shared_memory_filter" || failed=1
  fi
  return $failed
}

if [ "$mode" = build ] || { [ "$mode" = all ] && [ ! -x "$bundle/bin/ember_cuda_tests" ]; }; then
  [ $dry_run -eq 1 ] && { echo "gpu_check: --dry-run does not build"; exit 2; }
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
if [ $dry_run -eq 1 ]; then
  dry_run_plan
  exit $?
fi

mkdir -p "$log_dir"
status=0
check_bundle || status=1
section "sanitizer filters"
check_filter "$memcheck_filter" || status=1
check_filter "$shared_memory_filter" || status=1
section "GPU"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null ||
  echo "nvidia-smi not available"
for s in "${steps[@]}"; do
  case "$s" in
    memcheck | racecheck | synccheck)
      if ! find_sanitizer >/dev/null; then
        result[$s]="SKIPPED"
        note[$s]="compute-sanitizer not found"
        continue
      fi ;;
    bench_pytorch)
      if [ ! -f "$(anchor_path)" ] || ! command -v python3 >/dev/null; then
        result[$s]="SKIPPED"
        note[$s]="no anchor script or python3"
        continue
      fi ;;
  esac
  run_step "$s"
  # The benchmarks' own figures are judged in the summary; a failing step fails the check.
  [ "${result[$s]}" = PASS ] || status=1
done
summary
section "done: $([ $status -eq 0 ] && echo all checks passed || echo SOME CHECKS FAILED)"
exit $status
