// The tutorials' training loops timed beside libtorch in one run, alternating: the same source
// (TrainingLoops.inc) compiled against both libraries. Small loops measure per-op and per-node
// overhead, the 784-wide MLP measures GEMM throughput.
//
// Usage: bench_training [rounds] [--cpu]   (--cpu: thread CPU time, meaningful with 1 thread)

#include <ember/ember.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

namespace ember_side {
namespace T = ::ember;
#include "TrainingLoops.inc"
}  // namespace ember_side

#ifdef EMBER_BENCH_WITH_LIBTORCH
namespace torch_side {
namespace T = ::torch;
#include "TrainingLoops.inc"
}  // namespace torch_side
#endif

namespace {

// One row: the loop `Loop` of each side, built once, timed per call of step().
template <template <class> class Pick>
void row(const char* name, int rounds, int inner) {
  using EmberLoop = typename Pick<void>::EmberLoop;
  auto ember_loop = std::make_unique<EmberLoop>();
  std::function<void()> torch_fn;
#ifdef EMBER_BENCH_WITH_LIBTORCH
  using TorchLoop = typename Pick<void>::TorchLoop;
  auto torch_loop = std::make_unique<TorchLoop>();
  torch_fn = [&] { ember_bench::do_not_optimize(torch_loop->step()); };
#endif
  ember_bench::compare_row(
      name, rounds, inner, [&] { ember_bench::do_not_optimize(ember_loop->step()); }, torch_fn);
}

#ifdef EMBER_BENCH_WITH_LIBTORCH
#define EMBER_BENCH_PICK(Name)          \
  template <class>                      \
  struct Pick##Name {                   \
    using EmberLoop = ember_side::Name; \
    using TorchLoop = torch_side::Name; \
  };
#else
#define EMBER_BENCH_PICK(Name)          \
  template <class>                      \
  struct Pick##Name {                   \
    using EmberLoop = ember_side::Name; \
  };
#endif
EMBER_BENCH_PICK(TanhFullBatch)
EMBER_BENCH_PICK(PerSampleSgd)
EMBER_BENCH_PICK(SineEpoch)
EMBER_BENCH_PICK(WideMlp)

}  // namespace

int main(int argc, char** argv) {
  int rounds = 9;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cpu") == 0) {
      ember_bench::use_cpu_clock() = true;
    } else {
      rounds = std::max(3, std::atoi(argv[i]));
    }
  }
  ember::set_num_threads(1);
  ember::manual_seed(0);
#ifdef EMBER_BENCH_WITH_LIBTORCH
  torch::set_num_threads(1);
  torch::manual_seed(0);
#endif
  std::printf("%-44s %10s %10s %8s\n", "microseconds per call, 1 thread", "ember", "libtorch",
              "ratio");
  row<PickTanhFullBatch>("Tanh 1-32-32-1 full-batch SGD step (n=200)", rounds, 200);
  row<PickPerSampleSgd>("3-10-1 MLP, 100 per-sample SGD steps", rounds, 5);
  row<PickSineEpoch>("SineModel Adam epoch (1000, batch 32)", rounds, 5);
  row<PickWideMlp>("784-512-512-10 CE + Adam step, batch 256", std::max(3, rounds / 3), 3);
  return 0;
}
