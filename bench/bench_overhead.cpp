// Per-op overhead: the host-side cost of tiny ops, where no arithmetic hides it. Compared with
// libtorch in the same run when available.

#include <ember/ember.h>

#include <cstdio>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

int main() {
  using ember_bench::median_seconds;
  ember::set_num_threads(1);
  std::printf("Per-op overhead (1 thread), microseconds per op\n");
  {
    auto a = ember::ones({1});
    auto b = ember::ones({1});
    const double e = median_seconds([&] { ember_bench::do_not_optimize(a + b); }, 21, 20000);
    double t = 0;
#ifdef EMBER_BENCH_WITH_LIBTORCH
    torch::set_num_threads(1);
    auto ta = torch::ones({1});
    auto tb = torch::ones({1});
    t = median_seconds([&] { ember_bench::do_not_optimize(ta + tb); }, 21, 20000);
#endif
    ember_bench::print_row("a + b, 1 element float32", "us", e * 1e6, t * 1e6, "libtorch");
  }
  {
    auto a = ember::ones({1});
    const double e = median_seconds([&] { ember_bench::do_not_optimize(a * 2.0); }, 21, 20000);
    double t = 0;
#ifdef EMBER_BENCH_WITH_LIBTORCH
    auto ta = torch::ones({1});
    t = median_seconds([&] { ember_bench::do_not_optimize(ta * 2.0); }, 21, 20000);
#endif
    ember_bench::print_row("a * 2.0, 1 element float32", "us", e * 1e6, t * 1e6, "libtorch");
  }
  return 0;
}
