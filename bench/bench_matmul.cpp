// Matrix multiply throughput: float32 and float64 square products at 64, 256 and 1024 with 1
// and 2 threads. Ember as shipped (BLAS when linked), Ember's own blocked kernel (selected
// through the backend's internal switch, so both come from this one binary) and libtorch,
// timed in interleaved rounds so that machine load affects them alike.
//
// Usage: bench_matmul [rounds] [--cpu]   (default 25 rounds; --cpu: 1 thread, CPU clock)

#include <ember/ember.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <thread>
#include <vector>

#include "BenchUtil.h"
#include "backends/cpu/Gemm.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

// libtorch does not pass its thread count on to OpenBLAS, its BLAS here (and a no-BLAS Ember
// build does not either): set it directly, so that "1 thread" means one thread for every
// column. Weak: absent when no OpenBLAS is loaded.
extern "C" void openblas_set_num_threads(int) __attribute__((weak));

namespace {

using ember::cpu::GemmImpl;

using ember_bench::now_seconds;
using ember_bench::seconds_per_call;

// Seconds per call of each function, best and median over `rounds` rounds that each time
// every function once (`inner` calls in a row) in turn. On a loaded machine the best round is
// the one least disturbed by other processes; the median shows the typical round.
struct Timing {
  double best = 0, median = 0;
};

template <class... F>
std::vector<Timing> interleaved(int rounds, int inner, F&&... fns) {
  constexpr size_t n = sizeof...(F);
  std::vector<std::vector<double>> samples(n);
  auto time_one = [&](size_t i, auto& f) { samples[i].push_back(seconds_per_call(f, inner)); };
  for (int r = 0; r < rounds; ++r) {
    size_t i = 0;
    (time_one(i++, fns), ...);
  }
  std::vector<Timing> out;
  for (auto& s : samples) {
    std::sort(s.begin(), s.end());
    out.push_back({s.front(), s[s.size() / 2]});
  }
  return out;
}

ember::Tensor random_matrix(int64_t n, ember::Dtype dtype, std::mt19937& rng) {
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  std::vector<double> values(static_cast<size_t>(n * n));
  for (double& v : values) v = dist(rng);
  return ember::tensor(values, ember::kDouble).view({n, n}).to(dtype);
}

struct Row {
  const char* dtype;
  int threads;
  int64_t n;
  Timing ember, own, torch;
  double flops;
};

void print_table(const std::vector<Row>& rows, bool best) {
  std::printf("\n%s, GFLOP/s\n", best ? "Best round" : "Median round");
  std::printf("%-7s %4s %5s %10s %10s %10s %12s %12s %10s\n", "dtype", "thr", "n", "ember", "own",
              "libtorch", "ember/torch", "own/torch", "own/ember");
  for (const Row& r : rows) {
    auto g = [&](const Timing& t) {
      const double s = best ? t.best : t.median;
      return s > 0 ? r.flops / s * 1e-9 : 0.0;
    };
    const double e = g(r.ember), o = g(r.own), t = g(r.torch);
    if (t > 0) {
      std::printf("%-7s %4d %5lld %10.1f %10.1f %10.1f %11.2fx %11.2fx %9.2fx\n", r.dtype,
                  r.threads, static_cast<long long>(r.n), e, o, t, e / t, o / t, o / e);
    } else {
      std::printf("%-7s %4d %5lld %10.1f %10.1f %10s %12s %12s %9.2fx\n", r.dtype, r.threads,
                  static_cast<long long>(r.n), e, o, "-", "-", "-", o / e);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 25;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cpu") == 0) {
      ember_bench::use_cpu_clock() = true;
    } else {
      rounds = std::max(3, std::atoi(argv[i]));
    }
  }
  const bool have_blas = ember::cpu::gemm_has_blas();
  std::printf("Matrix multiply C = A @ B (square, contiguous), %d interleaved rounds, %s\n", rounds,
              ember_bench::use_cpu_clock() ? "thread CPU time" : "wall time");
  std::printf("ember = as shipped (%s), own = Ember's blocked kernel (%s)\n",
              have_blas ? "BLAS for these shapes" : "no BLAS in this build: own kernel",
              ember::cpu::gemm_isa_name(ember::cpu::GemmIsa::kAuto));
  std::mt19937 rng(0);
  std::vector<Row> rows;
  for (int threads : {1, 2}) {
    if (ember_bench::use_cpu_clock() && threads > 1) break;
    ember::set_num_threads(threads);
#ifdef EMBER_BENCH_WITH_LIBTORCH
    torch::set_num_threads(threads);
#endif
    if (openblas_set_num_threads != nullptr) openblas_set_num_threads(threads);
    for (ember::Dtype dtype : {ember::kFloat, ember::kDouble}) {
      for (int64_t n : {64, 256, 1024}) {
        const ember::Tensor a = random_matrix(n, dtype, rng);
        const ember::Tensor b = random_matrix(n, dtype, rng);
        Row row{dtype == ember::kFloat ? "float32" : "float64", threads, n, {}, {}, {}, 0};
        row.flops = 2.0 * double(n) * double(n) * double(n);
        // About 2 ms per sample: short enough to fit between other processes' time slices.
        const int inner = std::max(1, static_cast<int>(2e8 / row.flops));
        auto ember_auto = [&] {
          ember::cpu::set_gemm_impl(GemmImpl::kAuto);
          ember_bench::do_not_optimize(ember::mm(a, b));
        };
        auto ember_own = [&] {
          ember::cpu::set_gemm_impl(GemmImpl::kBlocked);
          ember_bench::do_not_optimize(ember::mm(a, b));
        };
#ifdef EMBER_BENCH_WITH_LIBTORCH
        const auto opts =
            torch::TensorOptions().dtype(dtype == ember::kFloat ? torch::kFloat : torch::kDouble);
        const torch::Tensor ta = torch::rand({n, n}, opts) * 2 - 1;
        const torch::Tensor tb = torch::rand({n, n}, opts) * 2 - 1;
        auto torch_mm = [&] { ember_bench::do_not_optimize(torch::mm(ta, tb)); };
        // Ember and libtorch call the same BLAS: interleave them so load hits both alike.
        const auto both = interleaved(rounds, inner, ember_auto, torch_mm);
        row.ember = both[0];
        row.torch = both[1];
#else
        row.ember = interleaved(rounds, inner, ember_auto)[0];
#endif
        if (have_blas) {
          // OpenBLAS's idle threads spin for a while after a call; let them sleep before the
          // own kernel's threads run, or they compete for the same cores.
          std::this_thread::sleep_for(std::chrono::milliseconds(300));
          row.own = interleaved(rounds, inner, ember_own)[0];
        } else {
          row.own = row.ember;
        }
        ember::cpu::set_gemm_impl(GemmImpl::kAuto);
        rows.push_back(row);
      }
    }
  }
  print_table(rows, /*best=*/true);
  print_table(rows, /*best=*/false);
  return 0;
}
