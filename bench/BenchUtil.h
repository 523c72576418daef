#pragma once

// Timing helpers for the benchmarks: median of repeated runs after a warm-up, and a small
// table printer. Benchmarks report numbers; they never assert speed.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace ember_bench {

/// Median seconds per call of f(), over `repeats` batches of `inner` calls, after warm-up.
template <class F>
double median_seconds(F&& f, int repeats = 15, int inner = 1) {
  for (int i = 0; i < std::max(1, inner / 4); ++i) f();
  std::vector<double> samples;
  samples.reserve(static_cast<size_t>(repeats));
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < inner; ++i) f();
    const auto t1 = std::chrono::steady_clock::now();
    samples.push_back(std::chrono::duration<double>(t1 - t0).count() / inner);
  }
  std::nth_element(samples.begin(), samples.begin() + samples.size() / 2, samples.end());
  return samples[samples.size() / 2];
}

/// Keeps the compiler from discarding a computed value.
template <class T>
inline void do_not_optimize(const T& value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

/// Prints one result row: name, Ember's figure, the reference's, and their ratio.
inline void print_row(const std::string& name, const std::string& unit, double ember,
                      double reference, const std::string& reference_name) {
  if (reference > 0) {
    std::printf("%-44s %12.3f %-8s %s %12.3f   ratio %6.2fx\n", name.c_str(), ember, unit.c_str(),
                reference_name.c_str(), reference, ember / reference);
  } else {
    std::printf("%-44s %12.3f %-8s\n", name.c_str(), ember, unit.c_str());
  }
}

}  // namespace ember_bench
