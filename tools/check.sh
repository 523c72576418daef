#!/usr/bin/env bash
# Installs what is missing (Debian, as root), then builds and tests Ember: the CPU-only
# configuration, and the CUDA configuration too when nvcc is present (its GPU tests are
# reported as skipped on a machine without a GPU). Also checks formatting.
# This is the test command of README.md; CI runs it through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake ninja-build g++ libfmt-dev libgtest-dev libopenblas-dev nlohmann-json3-dev libcli11-dev clang-format libopenmpi-dev openmpi-bin)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "== installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "== formatting (clang-format, .clang-format at the root)"
git ls-files '*.h' '*.cpp' '*.cu' '*.cuh' | xargs clang-format --dry-run -Werror

jobs=$(nproc)
echo "== CPU-only build and tests"
cmake --preset cpu
cmake --build --preset cpu -j "$jobs"
ctest --preset cpu -j "$jobs"

nvcc_path=$(command -v nvcc || true)
[ -n "$nvcc_path" ] || { [ -x /usr/local/cuda/bin/nvcc ] && nvcc_path=/usr/local/cuda/bin/nvcc; } || true
if [ -n "$nvcc_path" ]; then
  echo "== CUDA build ($nvcc_path) and tests"
  # One architecture keeps the check within its time budget; EMBER_CUDA_ARCHITECTURES
  # overrides it (the library's own default, without this script, is "80;90-real").
  cmake --preset cuda -DCMAKE_CUDA_COMPILER="$nvcc_path" \
    -DCMAKE_CUDA_ARCHITECTURES="${EMBER_CUDA_ARCHITECTURES:-90-real}"
  cmake --build --preset cuda -j "$jobs"
  ctest --preset cuda -j "$jobs"
else
  echo "== no nvcc: CUDA configuration skipped"
fi
echo "== all checks passed"
