// Optimiser step time: Adam and SGD with momentum over the parameters of a 784-512-512-10 MLP
// (weights and biases, float32, fixed gradients), Ember beside libtorch in the same run, in
// alternating rounds so that load from other processes affects both alike.
//
// Usage: bench_optim [rounds] [threads] [--cpu]   (default 15 rounds, 1 thread; --cpu: thread
// CPU clock, which leaves out the time other processes hold the core; 1 thread only)

#include <ember/ember.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

namespace {

using ember_bench::compare_row;

// The MLP's parameter shapes: (out, in) weights and their biases.
const std::vector<std::vector<int64_t>> kShapes = {{512, 784}, {512},     {512, 512},
                                                   {512},      {10, 512}, {10}};

std::vector<ember::Tensor> ember_params() {
  std::vector<ember::Tensor> params;
  for (const auto& shape : kShapes) {
    ember::Tensor p = ember::randn(shape).requires_grad_();
    p.mutable_grad() = ember::randn(shape) * 1e-3;
    params.push_back(p);
  }
  return params;
}

#ifdef EMBER_BENCH_WITH_LIBTORCH
std::vector<torch::Tensor> torch_params() {
  std::vector<torch::Tensor> params;
  for (const auto& shape : kShapes) {
    torch::Tensor p = torch::randn(shape).requires_grad_();
    p.mutable_grad() = torch::randn(shape) * 1e-3;
    params.push_back(p);
  }
  return params;
}
#endif

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> numbers;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cpu") == 0) {
      ember_bench::use_cpu_clock() = true;
    } else {
      numbers.push_back(std::atoi(argv[i]));
    }
  }
  const int rounds = numbers.size() > 0 ? std::max(3, numbers[0]) : 15;
  const int threads =
      ember_bench::use_cpu_clock() ? 1 : (numbers.size() > 1 ? std::max(1, numbers[1]) : 1);
  ember::set_num_threads(threads);
  ember::manual_seed(0);

  int64_t count = 0;
  for (const auto& shape : kShapes) {
    int64_t n = 1;
    for (int64_t s : shape) n *= s;
    count += n;
  }

  auto ember_adam_params = ember_params();
  auto ember_sgd_params = ember_params();
  ember::optim::Adam ember_adam(ember_adam_params, ember::optim::AdamOptions(1e-3));
  ember::optim::SGD ember_sgd(ember_sgd_params, ember::optim::SGDOptions(0.01).momentum(0.9));
  std::function<void()> torch_adam_step, torch_sgd_step;
#ifdef EMBER_BENCH_WITH_LIBTORCH
  torch::set_num_threads(threads);
  torch::manual_seed(0);
  auto torch_adam_params = torch_params();
  auto torch_sgd_params = torch_params();
  torch::optim::Adam torch_adam(torch_adam_params, torch::optim::AdamOptions(1e-3));
  torch::optim::SGD torch_sgd(torch_sgd_params, torch::optim::SGDOptions(0.01).momentum(0.9));
  torch_adam_step = [&] { torch_adam.step(); };
  torch_sgd_step = [&] { torch_sgd.step(); };
#endif

  std::printf(
      "\nOptimiser step over a 784-512-512-10 MLP (%lld float32 parameters, 6 tensors), "
      "%d thread(s)\nmedian microseconds per step (%s), %d rounds\n",
      static_cast<long long>(count), threads,
      ember_bench::use_cpu_clock() ? "thread CPU time" : "wall time", rounds);
  std::printf("%-44s %10s %10s %8s\n", "optimiser", "ember", "libtorch", "ratio");
  compare_row(
      "Adam (lr 1e-3)", rounds, 50, [&] { ember_adam.step(); }, torch_adam_step);
  compare_row(
      "SGD (lr 0.01, momentum 0.9)", rounds, 50, [&] { ember_sgd.step(); }, torch_sgd_step);
  return 0;
}
