#!/usr/bin/env bash
# The tour: builds the samples (CPU configuration, or the CUDA one with --cuda) and runs each,
# the PyTorch tutorials in C++, in order; plots and model files go to build/<preset>/tour.
# Usage: tools/tour.sh [--cuda]
set -euo pipefail
cd "$(dirname "$0")/.."

preset=cpu
if [ "${1:-}" = "--cuda" ]; then preset=cuda; fi
samples=(tensors autograd_basics gradient_descent not_gate linear_regression mlp classification
         sine_wave)

cmake --preset "$preset" > /dev/null
cmake --build --preset "$preset" --target "${samples[@]}"
out="build/$preset/tour"
mkdir -p "$out"
for sample in "${samples[@]}"; do
  printf '\n======== %s ========\n' "$sample"
  "./build/$preset/samples/$sample" --out "$out"
done
printf '\nThe tour wrote its plots and files to %s:\n' "$(cd "$out" && pwd)"
ls -1 "$out"
