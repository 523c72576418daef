// Convolutional network work timed beside libtorch in one run, alternating: conv2d forward +
// backward (3 -> 32 channels on 32x3x32x32, and a 64 -> 64 layer on 16x16), max_pool2d and
// batch_norm forward + backward, and a LeNet Adam step at batch 64; the same source
// (CnnWork.inc) compiled against both libraries. Ember convolves by im2col + its GEMM, and
// 3x3 layers at stride 1 with 8 or more channels by Winograd's F(2x2, 3x3);
// libtorch's CPU path depends on its build (printed at the start: oneDNN/mkldnn or its own
// im2col + BLAS, NNPACK).
//
// Usage: bench_cnn [rounds] [--threads N]   (default 1 thread for each library; 0: their own)

#include <ember/ember.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

namespace ember_side {
namespace T = ::ember;
#include "CnnWork.inc"
}  // namespace ember_side

#ifdef EMBER_BENCH_WITH_LIBTORCH
namespace torch_side {
namespace T = ::torch;
#include "CnnWork.inc"
}  // namespace torch_side
#endif

namespace {

template <class EmberWork, class TorchWork>
void row(const char* name, int rounds, int inner) {
  auto ember_work = std::make_unique<EmberWork>();
  std::function<void()> torch_fn;
#ifdef EMBER_BENCH_WITH_LIBTORCH
  auto torch_work = std::make_unique<TorchWork>();
  torch_fn = [&] { ember_bench::do_not_optimize(torch_work->step()); };
#endif
  ember_bench::compare_row(
      name, rounds, inner, [&] { ember_bench::do_not_optimize(ember_work->step()); }, torch_fn);
}

#ifdef EMBER_BENCH_WITH_LIBTORCH
#define EMBER_BENCH_ROW(Name, label, rounds, inner) \
  row<ember_side::Name, torch_side::Name>(label, rounds, inner)
#else
#define EMBER_BENCH_ROW(Name, label, rounds, inner) \
  row<ember_side::Name, void>(label, rounds, inner)
#endif

}  // namespace

int main(int argc, char** argv) {
  int rounds = 7;
  int threads = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else {
      rounds = std::max(3, std::atoi(argv[i]));
    }
  }
  if (threads > 0) ember::set_num_threads(threads);
  ember::manual_seed(0);
#ifdef EMBER_BENCH_WITH_LIBTORCH
  if (threads > 0) torch::set_num_threads(threads);
  torch::manual_seed(0);
  // Which convolution paths libtorch was built with (USE_MKLDNN, USE_NNPACK, its BLAS).
  // Its conv2d takes oneDNN (mkldnn) when built with it and the user has not turned it off
  // (at::globalContext().userEnabledMkldnn()); otherwise its im2col + GEMM "slow" path.
  std::printf("libtorch %s, %d threads; mkldnn %s, %s by the context; build settings:\n",
              TORCH_VERSION, torch::get_num_threads(), at::hasMKLDNN() ? "available" : "absent",
              at::globalContext().userEnabledMkldnn() ? "enabled" : "disabled");
  const std::string config = at::show_config();
  for (const char* key : {"USE_MKLDNN", "USE_NNPACK", "BLAS_INFO", "USE_OPENMP"}) {
    const size_t at = config.find(key);
    if (at != std::string::npos) {
      std::printf("  %s\n", config.substr(at, config.find_first_of(",\n", at) - at).c_str());
    }
  }
#endif
  std::printf(
      "ember: im2col + GEMM (3x3 at stride 1 with 8+ channels: Winograd F(2x2,3x3)); %d threads\n",
      ember::get_num_threads());
  std::printf("%-44s %10s %10s %8s\n", "microseconds per call", "ember", "libtorch", "ratio");
  EMBER_BENCH_ROW(ConvRgb, "conv2d fwd+bwd 32x3x32x32, 3->32, 3x3", rounds, 3);
  EMBER_BENCH_ROW(Conv64, "conv2d fwd+bwd 32x64x16x16, 64->64, 3x3", rounds, 3);
  EMBER_BENCH_ROW(MaxPool, "max_pool2d 2x2 fwd+bwd 32x64x32x32", rounds, 3);
  EMBER_BENCH_ROW(BatchNorm, "batch_norm fwd+bwd 32x64x16x16 (training)", rounds, 3);
  EMBER_BENCH_ROW(LeNetStep, "LeNet Adam step, batch 64", rounds, 5);
  return 0;
}
