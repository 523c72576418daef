// Per-op overhead: the host-side cost of tiny ops, where no arithmetic hides it. Compared with
// libtorch in the same run when available; both are timed in interleaved rounds so that load
// from other processes affects them alike.
//
// Usage: bench_overhead [rounds] [--cpu]   (default 21 rounds; --cpu: thread CPU clock)

#include <ember/ember.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "BenchUtil.h"
#include "core/ops/ElementwiseOps.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

namespace {

constexpr int kInner = 20000;

using ember_bench::now_seconds;
using ember_bench::seconds_per_call;

// Microseconds per call of `ember_fn` and `torch_fn` in alternating rounds: the median round
// and the best one (the least disturbed by other processes on a loaded machine).
template <class E, class T>
void row(const std::string& name, int rounds, E&& ember_fn, T&& torch_fn, bool have_torch) {
  std::vector<double> e, t;
  for (int r = 0; r < rounds; ++r) {
    e.push_back(seconds_per_call(ember_fn, kInner) * 1e6);
    if (have_torch) t.push_back(seconds_per_call(torch_fn, kInner) * 1e6);
  }
  std::sort(e.begin(), e.end());
  std::sort(t.begin(), t.end());
  const double em = e[e.size() / 2], eb = e.front();
  if (have_torch) {
    const double tm = t[t.size() / 2], tb = t.front();
    std::printf("%-36s %8.3f %9.3f %7.2fx   %8.3f %9.3f %7.2fx\n", name.c_str(), em, tm, em / tm,
                eb, tb, eb / tb);
  } else {
    std::printf("%-36s %8.3f %9s %8s   %8.3f\n", name.c_str(), em, "-", "-", eb);
  }
}

}  // namespace

int main(int argc, char** argv) {
  using ember_bench::do_not_optimize;
  int rounds = 21;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cpu") == 0) {
      ember_bench::use_cpu_clock() = true;
    } else {
      rounds = std::max(3, std::atoi(argv[i]));
    }
  }
  ember::set_num_threads(1);
  bool have_torch = false;
#ifdef EMBER_BENCH_WITH_LIBTORCH
  torch::set_num_threads(1);
  have_torch = true;
  torch::Tensor ta = torch::ones({1}), tb = torch::ones({1}), tm = torch::ones({2, 2});
  torch::NoGradGuard no_grad;
#define TORCH(expr) [&] { expr; }
#else
#define TORCH(expr) [] {}
#endif
  std::printf("Per-op overhead (1 thread), microseconds per op, %d rounds of %d calls, %s\n",
              rounds, kInner, ember_bench::use_cpu_clock() ? "thread CPU time" : "wall time");
  std::printf("%-36s %8s %9s %8s   %8s %9s %8s\n", "", "median:", "", "", "best:", "", "");
  std::printf("%-36s %8s %9s %8s   %8s %9s %8s\n", "op", "ember", "libtorch", "ratio", "ember",
              "libtorch", "ratio");
  ember::Tensor a = ember::ones({1}), b = ember::ones({1}), m = ember::ones({2, 2});

  row(
      "a + b, 1 element float32", rounds, [&] { do_not_optimize(a + b); },
      TORCH(do_not_optimize(ta + tb)), have_torch);
  row(
      "a + 1 (int scalar), 1 element", rounds, [&] { do_not_optimize(a + 1); },
      TORCH(do_not_optimize(ta + 1)), have_torch);
  row(
      "a * 2.0 (float scalar), 1 element", rounds, [&] { do_not_optimize(a * 2.0); },
      TORCH(do_not_optimize(ta * 2.0)), have_torch);
  // exp's front end is exactly this call (unary_op through the kernel table); it is made here
  // so that the benchmark builds before the unary ops' part of the project is merged.
  using ember::detail::Kernel;
  if (ember::detail::has_kernel(Kernel::exp, ember::kCPU)) {
    row(
        "exp(a), 1 element", rounds,
        [&] {
          do_not_optimize(
              ember::detail::unary_op<Kernel::exp>("exp", a, ember::detail::ResultKind::kFloating));
        },
        TORCH(do_not_optimize(torch::exp(ta))), have_torch);
  } else {
    std::printf("%-36s (no exp kernel in this build)\n", "exp(a), 1 element");
  }
  row(
      "a.add_(b), 1 element", rounds, [&] { a.add_(b); }, TORCH(ta.add_(tb)), have_torch);
  row(
      "a.sum(), 1 element", rounds, [&] { do_not_optimize(a.sum()); },
      TORCH(do_not_optimize(ta.sum())), have_torch);
  row(
      "a.view({1, 1})", rounds,
      [&] {
        do_not_optimize(a.view({1, 1}));
      },
      TORCH(do_not_optimize(ta.view({1, 1}))), have_torch);
  row(
      "a.t() on 2x2", rounds, [&] { do_not_optimize(m.t()); }, TORCH(do_not_optimize(tm.t())),
      have_torch);
  row(
      "mm(m, m), 2x2 float32", rounds, [&] { do_not_optimize(ember::mm(m, m)); },
      TORCH(do_not_optimize(torch::mm(tm, tm))), have_torch);
  row(
      "matmul(m, m), 2x2 float32", rounds, [&] { do_not_optimize(ember::matmul(m, m)); },
      TORCH(do_not_optimize(torch::matmul(tm, tm))), have_torch);
#undef TORCH
  return 0;
}
