// Indexing, joining and splitting: per-op overhead on tiny tensors and throughput on large
// ones, side by side with libtorch when it is available. Microseconds per op.

#include <ember/ember.h>

#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <vector>

#include "BenchUtil.h"

#ifdef EMBER_BENCH_WITH_LIBTORCH
#include <torch/torch.h>
#define EMBER_BENCH_TORCH(...) \
  { __VA_ARGS__ }
#else
#define EMBER_BENCH_TORCH(...)
#endif

#define EMBER_BENCH_STRIP(...) __VA_ARGS__

// Runs the same code against ember (ns = ember) and libtorch (ns = torch).
#define EMBER_BENCH_CASE(label, inner, setup, expr)                                         \
  do {                                                                                      \
    double e = 0, t = 0;                                                                    \
    {                                                                                       \
      namespace ns = ::ember;                                                               \
      using namespace ::ember::indexing;                                                    \
      EMBER_BENCH_STRIP setup;                                                              \
      e = ember_bench::median_seconds(                                                      \
          [&] { ember_bench::do_not_optimize(EMBER_BENCH_STRIP expr); }, 11, inner);        \
    }                                                                                       \
    EMBER_BENCH_TORCH(                                                                      \
        namespace ns = ::torch; using namespace ::torch::indexing; EMBER_BENCH_STRIP setup; \
        t = ember_bench::median_seconds(                                                    \
            [&] { ember_bench::do_not_optimize(EMBER_BENCH_STRIP expr); }, 11, inner);)     \
    ember_bench::print_row(label, "us", e * 1e6, t * 1e6, "libtorch");                      \
  } while (0)

namespace {

// A pseudo-random pattern with about half the bytes set.
std::vector<uint8_t> mask_bytes(int64_t n) {
  std::vector<uint8_t> out(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) out[i] = ((static_cast<uint64_t>(i) * 2654435761u) >> 7) & 1;
  return out;
}

// The same bool mask for either library (both take uint8 host data and convert).
template <class T, class Bytes>
T bool_mask(const Bytes& bytes, std::vector<int64_t> shape) {
  if constexpr (std::is_same_v<T, ember::Tensor>) {
    return ember::tensor(bytes).reshape(shape).to(ember::kBool);
  } else {
#ifdef EMBER_BENCH_WITH_LIBTORCH
    return torch::tensor(bytes).reshape(shape).to(torch::kBool);
#endif
  }
}

std::vector<int64_t> picks(int64_t n, int64_t range) {
  std::vector<int64_t> out(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) out[i] = (i * 7919) % range;
  return out;
}

void run(int threads) {
  ember::set_num_threads(threads);
#ifdef EMBER_BENCH_WITH_LIBTORCH
  torch::set_num_threads(threads);
#endif
  std::printf("\n== %d thread(s) ==\n-- per-op overhead, tiny tensors --\n", threads);
  EMBER_BENCH_CASE("x.index({1}) [4,4]", 20000, (auto x = ns::ones({4, 4})), (x.index({1})));
  EMBER_BENCH_CASE("x.index({Slice(1, 3), None}) [4,4]", 20000, (auto x = ns::ones({4, 4})),
                   (x.index({Slice(1, 3), None})));
  EMBER_BENCH_CASE("x.index({idx}) [4,4], 2 rows", 20000,
                   (auto x = ns::ones({4, 4}); auto i = ns::tensor({2, 0})), (x.index({i})));
  const std::vector<uint8_t> small_mask = mask_bytes(16), big_mask = mask_bytes(1 << 22);
  EMBER_BENCH_CASE("x.index({mask}) [4,4]", 20000,
                   (auto x = ns::ones({4, 4}); auto m = bool_mask<ns::Tensor>(small_mask, {4, 4})),
                   (x.index({m})));
  EMBER_BENCH_CASE("x.index_put_({idx}, 1.0) [4,4]", 20000,
                   (auto x = ns::ones({4, 4}); auto i = ns::tensor({2, 0})),
                   (x.index_put_({i}, 1.0)));
  EMBER_BENCH_CASE("x.index_put_({mask}, 0.0) [4,4]", 20000,
                   (auto x = ns::ones({4, 4}); auto m = bool_mask<ns::Tensor>(small_mask, {4, 4})),
                   (x.index_put_({m}, 0.0)));
  EMBER_BENCH_CASE("index_select(0, idx) [4,4]", 20000,
                   (auto x = ns::ones({4, 4}); auto i = ns::tensor({2, 0})),
                   (x.index_select(0, i)));
  EMBER_BENCH_CASE("cat({a, b}) [4,4]", 20000,
                   (auto a = ns::ones({4, 4}); auto b = ns::ones({4, 4})), (ns::cat({a, b})));
  EMBER_BENCH_CASE("stack({a, b}) [4]", 20000, (auto a = ns::ones({4}); auto b = ns::ones({4})),
                   (ns::stack({a, b})));
  EMBER_BENCH_CASE("split(2) [8]", 20000, (auto a = ns::ones({8})), (a.split(2)));
  EMBER_BENCH_CASE("masked_fill(mask, 0) [16]", 20000,
                   (auto a = ns::ones({16}); auto m = bool_mask<ns::Tensor>(small_mask, {16})),
                   (a.masked_fill(m, 0.0)));
  EMBER_BENCH_CASE("nonzero [16]", 20000, (auto a = ns::ones({16})), (a.nonzero()));

  std::printf("-- throughput, large tensors --\n");
  const std::vector<int64_t> rows = picks(50000, 100000);
  EMBER_BENCH_CASE("x.index({rows}) [100000,64] f32, 50000 rows", 5,
                   (auto x = ns::ones({100000, 64}); auto i = ns::tensor(rows)), (x.index({i})));
  EMBER_BENCH_CASE("x.index_select(0, rows) same", 5,
                   (auto x = ns::ones({100000, 64}); auto i = ns::tensor(rows)),
                   (x.index_select(0, i)));
  EMBER_BENCH_CASE("x.index({Slice(), cols}) [4096,1024], 512 cols", 5,
                   (auto x = ns::ones({4096, 1024}); auto i = ns::tensor(picks(512, 1024))),
                   (x.index({Slice(), i})));
  EMBER_BENCH_CASE("x.index({r, c}) [2048,2048], 1M points", 5,
                   (auto x = ns::ones({2048, 2048}); auto r = ns::tensor(picks(1 << 20, 2048));
                    auto c = ns::tensor(picks(1 << 20, 2047))),
                   (x.index({r, c})));
  EMBER_BENCH_CASE("x.index_put_({r, c}, v) same", 5,
                   (auto x = ns::ones({2048, 2048}); auto r = ns::tensor(picks(1 << 20, 2048));
                    auto c = ns::tensor(picks(1 << 20, 2047)); auto v = ns::ones({1 << 20})),
                   (x.index_put_({r, c}, v)));
  EMBER_BENCH_CASE("x.index({mask}) [4M] f32, random half true", 5,
                   (auto x = ns::arange(1 << 22).to(ns::kFloat);
                    auto m = bool_mask<ns::Tensor>(big_mask, {1 << 22})),
                   (x.index({m})));
  EMBER_BENCH_CASE("x.index_put_({mask}, 0.0) [4M] f32", 5,
                   (auto x = ns::arange(1 << 22).to(ns::kFloat);
                    auto m = bool_mask<ns::Tensor>(big_mask, {1 << 22})),
                   (x.index_put_({m}, 0.0)));
  EMBER_BENCH_CASE("masked_fill [4M] f32", 5,
                   (auto x = ns::arange(1 << 22).to(ns::kFloat);
                    auto m = bool_mask<ns::Tensor>(big_mask, {1 << 22})),
                   (x.masked_fill(m, 0.0)));
  EMBER_BENCH_CASE("nonzero [4M] f32, random half non-zero", 5,
                   (auto x = bool_mask<ns::Tensor>(big_mask, {1 << 22}).to(ns::kFloat)),
                   (x.nonzero()));
  EMBER_BENCH_CASE("gather(1, idx) [2048,2048] f32", 5,
                   (auto x = ns::ones({2048, 2048});
                    auto i = ns::tensor(picks(1 << 22, 2048)).reshape({2048, 2048})),
                   (x.gather(1, i)));
  EMBER_BENCH_CASE("scatter_add(1, idx, src) [2048,2048] f32", 5,
                   (auto x = ns::zeros({2048, 2048}); auto s = ns::ones({2048, 2048});
                    auto i = ns::tensor(picks(1 << 22, 2048)).reshape({2048, 2048})),
                   (x.scatter_add(1, i, s)));
  EMBER_BENCH_CASE("cat({a, b}, 0) 2x [2048,2048] f32", 5,
                   (auto a = ns::ones({2048, 2048}); auto b = ns::ones({2048, 2048})),
                   (ns::cat({a, b}, 0)));
  EMBER_BENCH_CASE("cat({a, b}, 1) 2x [2048,2048] f32", 5,
                   (auto a = ns::ones({2048, 2048}); auto b = ns::ones({2048, 2048})),
                   (ns::cat({a, b}, 1)));
  EMBER_BENCH_CASE("cat({a.t(), b.t()}, 1) 2x [2048,2048] f32", 5,
                   (auto a = ns::ones({2048, 2048}); auto b = ns::ones({2048, 2048})),
                   (ns::cat({a.t(), b.t()}, 1)));
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  run(1);
  if (threads > 1) run(threads);
  return 0;
}
