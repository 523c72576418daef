// Elementwise throughput on 16M float32 elements: Ember (output allocation included) against
// a plain C++ loop over preallocated buffers and, when available, libtorch in the same run;
// 1 and 2 threads. Prints milliseconds per op and the ratios.

#include <ember/ember.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

namespace {

constexpr int64_t kN = int64_t{1} << 24;

// The loop a C++ programmer would write, split over `threads` std::threads.
template <class F>
void plain_loop(int threads, F f) {
  if (threads == 1) {
    f(int64_t{0}, kN);
    return;
  }
  std::vector<std::thread> pool;
  const int64_t chunk = (kN + threads - 1) / threads;
  for (int t = 0; t < threads; ++t) {
    const int64_t b = t * chunk, e = std::min(kN, b + chunk);
    pool.emplace_back([=] { f(b, e); });
  }
  for (auto& th : pool) th.join();
}

struct Row {
  std::string op;
  int threads;
  double ember, plain, torch, torch_out;
};

}  // namespace

int main(int argc, char** argv) {
  using ember_bench::median_seconds;
  const int repeats = argc > 1 ? std::atoi(argv[1]) : 11;
  std::vector<float> a(kN), b(kN), out(kN);
  for (int64_t i = 0; i < kN; ++i) {
    a[i] = static_cast<float>(std::sin(0.001 * static_cast<double>(i)) * 8.0);
    b[i] = static_cast<float>(std::cos(0.003 * static_cast<double>(i)) * 3.0);
  }
  const ember::Tensor ea = ember::from_blob(a.data(), {kN}, ember::kFloat).clone();
  const ember::Tensor eb = ember::from_blob(b.data(), {kN}, ember::kFloat).clone();
#ifdef EMBER_BENCH_WITH_LIBTORCH
  const torch::Tensor ta = torch::from_blob(a.data(), {kN}, torch::kFloat).clone();
  const torch::Tensor tb = torch::from_blob(b.data(), {kN}, torch::kFloat).clone();
#endif
  float* o = out.data();
  const float* pa = a.data();
  const float* pb = b.data();

  struct Op {
    std::string name;
    std::function<ember::Tensor()> ember;
    std::function<void(int64_t, int64_t)> plain;
#ifdef EMBER_BENCH_WITH_LIBTORCH
    std::function<torch::Tensor()> torch;
    std::function<void()> torch_out;  // into a preallocated output: the kernel alone
#endif
  };
#ifdef EMBER_BENCH_WITH_LIBTORCH
  torch::Tensor tout = torch::empty({kN});
#endif
  std::vector<Op> ops = {
      {"add", [&] { return ea + eb; },
       [&](int64_t s, int64_t e) {
         for (int64_t i = s; i < e; ++i) o[i] = pa[i] + pb[i];
       },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [&] { return ta + tb; }, [&] { torch::add_out(tout, ta, tb); }
#endif
      },
      {"mul", [&] { return ea * eb; },
       [&](int64_t s, int64_t e) {
         for (int64_t i = s; i < e; ++i) o[i] = pa[i] * pb[i];
       },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [&] { return ta * tb; }, [&] { torch::mul_out(tout, ta, tb); }
#endif
      },
      {"exp", [&] { return ember::exp(ea); },
       [&](int64_t s, int64_t e) {
         for (int64_t i = s; i < e; ++i) o[i] = std::exp(pa[i]);
       },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [&] { return torch::exp(ta); }, [&] { torch::exp_out(tout, ta); }
#endif
      },
      {"relu", [&] { return ember::relu(ea); },
       [&](int64_t s, int64_t e) {
         for (int64_t i = s; i < e; ++i) o[i] = pa[i] > 0.0f ? pa[i] : 0.0f;
       },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [&] { return torch::relu(ta); }, [&] { torch::clamp_min_out(tout, ta, 0); }
#endif
      },
      {"sigmoid", [&] { return ember::sigmoid(ea); },
       [&](int64_t s, int64_t e) {
         for (int64_t i = s; i < e; ++i) o[i] = 1.0f / (1.0f + std::exp(-pa[i]));
       },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [&] { return torch::sigmoid(ta); }, [&] { torch::sigmoid_out(tout, ta); }
#endif
      },
  };

  std::vector<Row> rows;
  for (int threads : {1, 2}) {
    ember::set_num_threads(threads);
#ifdef EMBER_BENCH_WITH_LIBTORCH
    torch::set_num_threads(threads);
#endif
    for (const Op& op : ops) {
      Row r{op.name, threads, 0, 0, 0, 0};
      r.ember = median_seconds([&] { ember_bench::do_not_optimize(op.ember()); }, repeats);
      r.plain = median_seconds(
          [&] {
            plain_loop(threads, op.plain);
            ember_bench::do_not_optimize(o[0]);
          },
          repeats);
#ifdef EMBER_BENCH_WITH_LIBTORCH
      r.torch = median_seconds([&] { ember_bench::do_not_optimize(op.torch()); }, repeats);
      r.torch_out = median_seconds([&] { op.torch_out(); }, repeats);
#endif
      rows.push_back(r);
    }
  }

  std::printf("Elementwise, %lld float32 elements, ms per op (median of %d)\n",
              static_cast<long long>(kN), repeats);
  std::printf("(torch_out: libtorch writing into a preallocated tensor, no allocation)\n");
  std::printf("%-8s %7s %9s %9s %9s %9s %12s %12s\n", "op", "threads", "ember", "plain", "libtorch",
              "torch_out", "ember/plain", "ember/torch");
  for (const Row& r : rows) {
    std::printf("%-8s %7d %9.2f %9.2f %9.2f %9.2f %12.2f %12.2f\n", r.op.c_str(), r.threads,
                r.ember * 1e3, r.plain * 1e3, r.torch * 1e3, r.torch_out * 1e3, r.ember / r.plain,
                r.torch > 0 ? r.ember / r.torch : 0.0);
  }
  return 0;
}
