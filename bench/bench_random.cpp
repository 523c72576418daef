// Random number generation on the CPU: milliseconds per call for 2^20 elements, and (with
// libtorch) a check that both produced the same values from the same seed.

#include <ember/ember.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <string>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

namespace {

constexpr int64_t kN = int64_t{1} << 20;

struct Case {
  std::string name;
  std::function<ember::Tensor()> ember_fn;
#ifdef EMBER_BENCH_WITH_LIBTORCH
  std::function<torch::Tensor()> torch_fn;
#endif
};

}  // namespace

int main() {
  using ember_bench::median_seconds;
  ember::set_num_threads(1);
  std::vector<Case> cases = {
      {"rand, float32", [] { return ember::rand({kN}); },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [] { return torch::rand({kN}); }
#endif
      },
      {"randn, float32", [] { return ember::randn({kN}); },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [] { return torch::randn({kN}); }
#endif
      },
      {"randn, float64", [] { return ember::randn({kN}, ember::kDouble); },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [] { return torch::randn({kN}, torch::kDouble); }
#endif
      },
      {"randn, float16", [] { return ember::randn({kN}, ember::kHalf); },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [] { return torch::randn({kN}, torch::kHalf); }
#endif
      },
      {"normal_(0.3, 2.7), transposed float32",
       [] {
         return ember::empty({1024, 1024}).t().normal_(0.3, 2.7);
       },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [] {
         return torch::empty({1024, 1024}).t().normal_(0.3, 2.7);
       }
#endif
      },
      {"uniform_(-2, 3), float32", [] { return ember::empty({kN}).uniform_(-2, 3); },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [] { return torch::empty({kN}).uniform_(-2, 3); }
#endif
      },
      {"randint(0, 1000), int64", [] { return ember::randint(0, 1000, {kN}); },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [] { return torch::randint(0, 1000, {kN}); }
#endif
      },
      {"randperm, int64", [] { return ember::randperm(kN); },
#ifdef EMBER_BENCH_WITH_LIBTORCH
       [] { return torch::randperm(kN); }
#endif
      },
  };
  std::printf("Random numbers (1 thread), 2^20 elements, milliseconds per call\n");
  for (const Case& c : cases) {
    const double e = median_seconds([&] { ember_bench::do_not_optimize(c.ember_fn()); }, 9);
    double t = 0;
    std::string same;
#ifdef EMBER_BENCH_WITH_LIBTORCH
    torch::set_num_threads(1);
    t = median_seconds([&] { ember_bench::do_not_optimize(c.torch_fn()); }, 9);
    ember::manual_seed(17);
    torch::manual_seed(17);
    const ember::Tensor a = c.ember_fn().contiguous();
    const torch::Tensor b = c.torch_fn().contiguous();
    same = static_cast<size_t>(b.nbytes()) == a.nbytes() &&
                   std::memcmp(a.data_ptr(), b.data_ptr(), a.nbytes()) == 0
               ? "  identical values"
               : "  VALUES DIFFER";
#endif
    ember_bench::print_row(c.name + same, "ms", e * 1e3, t * 1e3, "libtorch");
  }
  return 0;
}
