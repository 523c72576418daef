// GPU benchmarks: the workloads of PyTorch's anchor script, pytorch_gpu_anchor.py (PyTorch's
// figures on the same GPU, printed by tools/gpu_check.sh in the same run), on the same kind of
// data (standard normal) and timed the same way: median over repetitions, CUDA events around
// each call. Prints one line per workload: name, median microseconds, derived rate.

#include <ember/ember.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

using namespace ember;

// Median milliseconds of fn() over `reps` calls, each timed with CUDA events.
double bench_ms(const std::function<void()>& fn, int reps = 50, int warmup = 10) {
  for (int i = 0; i < warmup; ++i) fn();
  cuda::synchronize();
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    cuda::Event start(true), end(true);
    start.record();
    fn();
    end.record();
    end.synchronize();
    times.push_back(start.elapsed_time(end));
  }
  std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
  return times[times.size() / 2];
}

void line(const char* name, double ms, const std::string& rate) {
  std::printf("%-34s %12.2f us   %s\n", name, ms * 1e3, rate.c_str());
}

template <class T>
void keep(const T& value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

}  // namespace

int main() {
  if (!cuda::is_available()) {
    std::printf("bench_cuda: no usable GPU\n");
    return 1;
  }
  const Device dev(kCUDA, 0);
  const int64_t n = int64_t(1) << 26;
  manual_seed(0);
  const TensorOptions normal = TensorOptions().device(dev);
  const Tensor x = randn({n}, normal), y = randn({n}, normal), z = randn({n}, normal);
  const double bytes = 4.0 * static_cast<double>(n);

  double ms = bench_ms([&] { keep(x.clone()); });
  const double copy_bw = 2 * bytes / ms / 1e6;
  line("d2d_copy_2^26", ms, fmt::format("{:.0f} GB/s (read+write)", copy_bw));
  ms = bench_ms([&] { keep(x + y); });
  line("add_2^26", ms,
       fmt::format("{:.0f} GB/s = {:.0f}% of copy", 3 * bytes / ms / 1e6,
                   100 * 3 * bytes / ms / 1e6 / copy_bw));
  ms = bench_ms([&] { keep(x * y + z); });
  line("mul_add_2ops_2^26", ms,
       fmt::format("{:.0f} GB/s effective (two kernels)", 5 * bytes / ms / 1e6));
  // A sum only reads: its read bandwidth is compared with all the traffic of the copy.
  ms = bench_ms([&] { keep(x.sum()); });
  line("sum_2^26", ms,
       fmt::format("{:.0f} GB/s read = {:.0f}% of copy", bytes / ms / 1e6,
                   100 * bytes / ms / 1e6 / copy_bw));

  struct Mm {
    int64_t size;
    Dtype dtype;
    const char* name;
  };
  for (const Mm& m :
       {Mm{4096, kFloat, "matmul_fp32_4096"}, Mm{8192, kBFloat16, "matmul_bf16_8192"}}) {
    const Tensor a = randn({m.size, m.size}, normal.dtype(m.dtype));
    const Tensor b = randn({m.size, m.size}, normal.dtype(m.dtype));
    ms = bench_ms([&] { keep(a.matmul(b)); }, 20);
    const double flops = 2.0 * static_cast<double>(m.size) * m.size * m.size;
    line(m.name, ms, fmt::format("{:.1f} TFLOP/s", flops / ms / 1e9));
  }

  // Host-side cost of a tiny op: the time to issue it, not to run it.
  const Tensor one = ones({1}, dev), two = ones({1}, dev);
  for (int i = 0; i < 1000; ++i) keep(one + two);
  cuda::synchronize();
  const int iters = 20000;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < iters; ++i) keep(one + two);
  const auto t1 = std::chrono::steady_clock::now();
  cuda::synchronize();
  const double host_us = std::chrono::duration<double, std::micro>(t1 - t0).count() / iters;
  std::printf("%-34s %12.2f us   per op, host side, no sync\n", "add_1elem_host_cost", host_us);

  const cuda::MemoryStats s = cuda::memory_stats();
  std::printf("allocator: %llu cudaMalloc calls, %llu cached allocations served\n",
              static_cast<unsigned long long>(s.num_device_alloc),
              static_cast<unsigned long long>(s.num_allocs));
  return 0;
}
