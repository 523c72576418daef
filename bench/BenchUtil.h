#pragma once

// Timing helpers for the benchmarks: median of repeated runs after a warm-up, and a small
// table printer. Benchmarks report numbers; they never assert speed.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
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

/// With --cpu, benchmarks time with the calling thread's CPU clock instead of the wall clock: on
/// a shared, loaded machine this leaves out the time other processes hold the core, so
/// single-threaded figures become reproducible. Work on other threads is not counted, so it is
/// only meaningful with one thread.
inline bool& use_cpu_clock() {
  static bool on = false;
  return on;
}

inline double now_seconds() {
  if (use_cpu_clock()) {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// Seconds per call of f over `inner` calls in a row, after a short warm-up.
template <class F>
double seconds_per_call(F& f, int inner) {
  for (int i = 0; i < std::max(1, inner / 4); ++i) f();
  const double t0 = now_seconds();
  for (int i = 0; i < inner; ++i) f();
  return (now_seconds() - t0) / inner;
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

/// Median microseconds per call of each side over alternating rounds (so that load from other
/// processes affects both alike), printed as one row with their ratio. A side that cannot run
/// in this build (no libtorch) is given as an empty function.
inline void compare_row(const std::string& name, int rounds, int inner,
                        std::function<void()> ember_fn, std::function<void()> torch_fn) {
  std::vector<double> e, t;
  for (int r = 0; r < rounds; ++r) {
    if (ember_fn) e.push_back(seconds_per_call(ember_fn, inner) * 1e6);
    if (torch_fn) t.push_back(seconds_per_call(torch_fn, inner) * 1e6);
  }
  std::sort(e.begin(), e.end());
  std::sort(t.begin(), t.end());
  const auto median = [](const std::vector<double>& v) { return v[v.size() / 2]; };
  char ember_col[32] = "-", torch_col[32] = "-", ratio_col[32] = "-";
  if (!e.empty()) std::snprintf(ember_col, sizeof ember_col, "%.3f", median(e));
  if (!t.empty()) std::snprintf(torch_col, sizeof torch_col, "%.3f", median(t));
  if (!e.empty() && !t.empty()) {
    std::snprintf(ratio_col, sizeof ratio_col, "%.2fx", median(e) / median(t));
  }
  std::printf("%-44s %10s %10s %8s\n", name.c_str(), ember_col, torch_col, ratio_col);
}

}  // namespace ember_bench
