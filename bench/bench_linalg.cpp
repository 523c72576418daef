// Linear algebra beside libtorch: einsum of a batched matmul, solve and cholesky of a batch of
// 64 float32 64x64 matrices (plus inv and det). Both sides get the same data; rows are timed
// in alternating rounds so that load from other processes affects both alike. Ember and
// libtorch each run on 1 thread (OpenBLAS too, which both may call).
//
// Usage: bench_linalg [rounds]   (default 15 rounds)

#include <ember/ember.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#endif

extern "C" void openblas_set_num_threads(int) __attribute__((weak));

namespace {

using ember_bench::compare_row;
using ember_bench::do_not_optimize;

#ifdef EMBER_BENCH_WITH_LIBTORCH
torch::Tensor to_torch(const ember::Tensor& t) {
  const ember::Tensor c = t.contiguous();
  std::vector<int64_t> shape(c.sizes().begin(), c.sizes().end());
  return torch::from_blob(c.data_ptr(), shape, torch::kFloat).clone();
}
#endif

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(3, std::atoi(argv[1])) : 15;
  ember::set_num_threads(1);
  if (openblas_set_num_threads != nullptr) openblas_set_num_threads(1);
#ifdef EMBER_BENCH_WITH_LIBTORCH
  torch::set_num_threads(1);
#endif
  ember::manual_seed(0);
  const int64_t batch = 64, n = 64;
  const ember::Tensor x = ember::randn({batch, n, n});
  const ember::Tensor y = ember::randn({batch, n, n});
  const ember::Tensor a = x * 0.1 + ember::eye(n) * 4;  // well-conditioned
  const ember::Tensor spd = ember::matmul(x, x.transpose(1, 2)) + ember::eye(n) * n;
  const ember::Tensor rhs = ember::randn({batch, n, 8});

  std::function<void()> t_einsum, t_solve, t_cholesky, t_inv, t_det;
#ifdef EMBER_BENCH_WITH_LIBTORCH
  const torch::Tensor tx = to_torch(x), ty = to_torch(y), ta = to_torch(a), tspd = to_torch(spd),
                      trhs = to_torch(rhs);
  t_einsum = [&] { do_not_optimize(torch::einsum("bij,bjk->bik", {tx, ty})); };
  t_solve = [&] { do_not_optimize(torch::linalg_solve(ta, trhs)); };
  t_cholesky = [&] { do_not_optimize(torch::linalg_cholesky(tspd)); };
  t_inv = [&] { do_not_optimize(torch::linalg_inv(ta)); };
  t_det = [&] { do_not_optimize(torch::linalg_det(ta)); };
#endif
  std::printf("Linear algebra (1 thread), median microseconds per call, %d rounds\n", rounds);
  std::printf("%-44s %10s %10s %8s\n", "op", "ember", "libtorch", "ratio");
  compare_row(
      "einsum bij,bjk->bik [64,64,64] f32", rounds, 10,
      [&] {
        do_not_optimize(ember::einsum("bij,bjk->bik", {x, y}));
      },
      t_einsum);
  compare_row(
      "linalg.solve [64,64,64] x [64,64,8] f32", rounds, 10,
      [&] { do_not_optimize(ember::linalg::solve(a, rhs)); }, t_solve);
  compare_row(
      "linalg.cholesky [64,64,64] f32", rounds, 10,
      [&] { do_not_optimize(ember::linalg::cholesky(spd)); }, t_cholesky);
  compare_row(
      "linalg.inv [64,64,64] f32", rounds, 10, [&] { do_not_optimize(ember::linalg::inv(a)); },
      t_inv);
  compare_row(
      "linalg.det [64,64,64] f32", rounds, 10, [&] { do_not_optimize(ember::linalg::det(a)); },
      t_det);
  return 0;
}
