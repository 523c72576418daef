// Per-call cost of small nn modules, where the engine's overhead is what a small model pays:
// nn::Linear(1, 5) forward on the sine tutorial's batch shape, with and without autograd
// recording. Compared with libtorch in the same run when available, in alternating rounds.
//
// Usage: bench_nn [rounds] [--cpu]   (default 15 rounds; --cpu times with the thread's CPU clock)

#include <ember/ember.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

int main(int argc, char** argv) {
  int rounds = 15;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cpu") == 0) {
      ember_bench::use_cpu_clock() = true;
    } else {
      rounds = std::max(3, std::atoi(argv[i]));
    }
  }
  ember::set_num_threads(1);
  std::printf("%-44s %10s %10s %8s\n", "microseconds per call", "ember", "libtorch", "ratio");

  ember::nn::Linear linear(1, 5);
  ember::Tensor x1 = ember::randn({1, 1});
  ember::Tensor x32 = ember::randn({32, 1});
#ifdef EMBER_BENCH_WITH_LIBTORCH
  torch::set_num_threads(1);
  torch::nn::Linear torch_linear(1, 5);
  torch::Tensor t1 = torch::randn({1, 1});
  torch::Tensor t32 = torch::randn({32, 1});
#endif
  auto torch_side = [&](std::function<void()> f) {
#ifdef EMBER_BENCH_WITH_LIBTORCH
    return f;
#else
    (void)f;
    return std::function<void()>();
#endif
  };

  ember_bench::compare_row(
      "Linear(1, 5) forward, x [1, 1], recorded", rounds, 20000,
      [&] { ember_bench::do_not_optimize(linear(x1)); }, torch_side([&] {
#ifdef EMBER_BENCH_WITH_LIBTORCH
        ember_bench::do_not_optimize(torch_linear(t1));
#endif
      }));
  ember_bench::compare_row(
      "Linear(1, 5) forward, x [32, 1], recorded", rounds, 20000,
      [&] { ember_bench::do_not_optimize(linear(x32)); }, torch_side([&] {
#ifdef EMBER_BENCH_WITH_LIBTORCH
        ember_bench::do_not_optimize(torch_linear(t32));
#endif
      }));
  ember_bench::compare_row(
      "Linear(1, 5) forward, x [32, 1], no grad", rounds, 20000,
      [&] {
        ember::NoGradGuard no_grad;
        ember_bench::do_not_optimize(linear(x32));
      },
      torch_side([&] {
#ifdef EMBER_BENCH_WITH_LIBTORCH
        torch::NoGradGuard no_grad;
        ember_bench::do_not_optimize(torch_linear(t32));
#endif
      }));
  ember_bench::compare_row(
      "Linear(1, 5) forward + backward, x [32, 1]", rounds, 5000,
      [&] { linear(x32).sum().backward(); }, torch_side([&] {
#ifdef EMBER_BENCH_WITH_LIBTORCH
        torch_linear(t32).sum().backward();
#endif
      }));
  return 0;
}
