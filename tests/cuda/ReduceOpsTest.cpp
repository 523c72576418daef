// prod, any, all, var, std, norm, logsumexp, argmax / argmin and allclose on the GPU against
// the CPU backend, whole-tensor and by dims, over inner, outer, split, strided, expanded, empty
// and 0-d inputs and every dtype (a dtype the CPU rejects must be rejected on CUDA too).
//
// Tolerances: bool and integer results (any, all, argmax, integer prod) must be equal. The GPU
// accumulates float in float and the CPU in double, in another order: floating results get
// 50x the base tolerance (as sum's test); prod of many values is kept to small inputs.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <functional>
#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::all_dtypes;
using ember_cuda_test::cuda_matches_cpu;
using ember_cuda_test::Operand;
using ember_cuda_test::random;

struct Shape {
  const char* name;
  std::vector<int64_t> base;
  std::function<Tensor(const Tensor&)> view;
  std::vector<int64_t> dims;  // empty: whole tensor
};

std::vector<Shape> shapes() {
  auto same = [](const Tensor& t) { return t; };
  return {
      {"whole-odd", {100003}, same, {}},
      {"misaligned", {1001}, [](const Tensor& t) { return t.slice(0, 1); }, {}},
      {"inner", {64, 1001}, same, {1}},
      {"outer", {1000, 64}, same, {0}},
      {"outer-split", {5000, 3}, same, {0}},
      {"transposed", {200, 300}, [](const Tensor& t) { return t.t(); }, {1}},
      {"two-dims", {6, 7, 8}, same, {0, 2}},
      {"permuted",
       {6, 7, 8},
       [](const Tensor& t) {
         return t.permute({2, 0, 1});
       },
       {1, 2}},
      {"empty-reduction", {5, 0, 3}, same, {1}},
      {"empty-output", {5, 0, 3}, same, {0}},
      {"0-d", {}, same, {}},
      {"expanded",
       {7},
       [](const Tensor& t) {
         return t.expand({5, 7});
       },
       {0}},
  };
}

struct ReduceCase {
  const char* name;
  // (input, dims or empty for all, keepdim)
  std::function<Tensor(const Tensor&, const std::vector<int64_t>&, bool)> op;
  double lo = -2.0, hi = 2.0;
};

std::vector<ReduceCase> reduce_cases() {
  using Dims = std::vector<int64_t>;
  return {
      {"prod",
       [](const Tensor& t, const Dims& d, bool k) {
         return d.empty() ? t.slice(0, 0, std::min<int64_t>(t.dim() ? t.size(0) : 1, 40)).prod()
                          : t.prod(d[0], k);
       },
       0.5, 1.5},
      {"any",
       [](const Tensor& t, const Dims& d, bool k) { return d.empty() ? t.any() : t.any(d[0], k); },
       0.0, 1.1},
      {"all",
       [](const Tensor& t, const Dims& d, bool k) { return d.empty() ? t.all() : t.all(d[0], k); },
       0.0, 3.0},
      {"var", [](const Tensor& t, const Dims& d,
                 bool k) { return d.empty() ? t.var() : t.var(d, true, k); }},
      {"var-biased", [](const Tensor& t, const Dims& d,
                        bool k) { return d.empty() ? t.var(false) : t.var(d, false, k); }},
      {"std", [](const Tensor& t, const Dims& d,
                 bool k) { return d.empty() ? t.std() : t.std(d, true, k); }},
      {"norm2", [](const Tensor& t, const Dims& d, bool k) { return t.norm(2, d, k); }},
      {"norm1", [](const Tensor& t, const Dims& d, bool k) { return t.norm(1, d, k); }},
      {"norm0", [](const Tensor& t, const Dims& d, bool k) { return t.norm(0, d, k); }},
      {"norm-inf", [](const Tensor& t, const Dims& d, bool k) { return t.norm(INFINITY, d, k); }},
      {"norm--inf", [](const Tensor& t, const Dims& d, bool k) { return t.norm(-INFINITY, d, k); }},
      {"norm3.5", [](const Tensor& t, const Dims& d, bool k) { return t.norm(3.5, d, k); }},
      {"logsumexp",
       [](const Tensor& t, const Dims& d, bool k) {
         return d.empty() ? t.logsumexp({0}, k) : t.logsumexp(d, k);
       },
       -30.0, 30.0},
      {"argmax", [](const Tensor& t, const Dims& d,
                    bool k) { return d.empty() ? t.argmax() : t.argmax(d[0], k); }},
      {"argmin", [](const Tensor& t, const Dims& d,
                    bool k) { return d.empty() ? t.argmin() : t.argmin(d[0], k); }},
  };
}

TEST(CudaReduceOps, MatchTheCpuForEveryDtypeAndLayout) {
  EMBER_REQUIRE_CUDA();
  for (const ReduceCase& c : reduce_cases()) {
    for (Dtype d : all_dtypes()) {
      for (const Shape& s : shapes()) {
        for (bool keepdim : {false, true}) {
          const Operand x{random(s.base, d, 31, c.lo, c.hi), s.view};
          EXPECT_TRUE(cuda_matches_cpu(
              [&](const std::vector<Tensor>& v) { return c.op(v[0], s.dims, keepdim); }, {x}, 50.0))
              << c.name << " " << d << " " << s.name << " keepdim " << keepdim;
        }
      }
    }
  }
}

TEST(CudaReduceOps, NaNInfinitiesAndLargeMeans) {
  EMBER_REQUIRE_CUDA();
  const double inf = INFINITY, nan = NAN;
  const std::vector<Tensor> inputs = {
      tensor({1.0, nan, 3.0}),  tensor({inf, 1.0, 2.0}), tensor({-inf, -inf}),
      tensor({inf, -inf, 0.0}), tensor({0.0, -0.0}),     tensor({1e4, 1e4 + 1, 1e4 + 2, 1e4 + 3})};
  for (Dtype d : ember_cuda_test::floating_dtypes()) {
    for (const Tensor& t : inputs) {
      for (const ReduceCase& c : reduce_cases()) {
        EXPECT_TRUE(
            cuda_matches_cpu([&](const std::vector<Tensor>& v) { return c.op(v[0], {0}, false); },
                             {Operand{t.to(d)}}, 50.0))
            << c.name << " " << d << " " << t;
      }
    }
  }
}

TEST(CudaReduceOps, AllCloseAndEqualMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : all_dtypes()) {
    const Tensor a = random({33, 17}, d, 1);
    Tensor b = a.clone();
    const Tensor ac = a.cuda(), bc = b.cuda();
    EXPECT_EQ(allclose(ac, bc), allclose(a, b)) << d;
    EXPECT_EQ(equal(ac, bc), equal(a, b)) << d;
    EXPECT_TRUE(equal(ac.t(), bc.t())) << d;
    const Tensor c = random({33, 17}, d, 2);
    EXPECT_EQ(allclose(ac, c.cuda()), allclose(a, c)) << d;
    EXPECT_EQ(equal(ac, c.cuda()), equal(a, c)) << d;
    EXPECT_EQ(allclose(ac, ac.slice(0, 0, 1)), allclose(a, a.slice(0, 0, 1))) << d;  // broadcast
  }
  const Tensor x = tensor({1.0, NAN, 3.0}).cuda();
  EXPECT_FALSE(allclose(x, x));
  EXPECT_TRUE(allclose(x, x, 1e-5, 1e-8, /*equal_nan=*/true));
  const Tensor y = random({1 << 20}, kFloat, 3);
  Tensor z = y.clone();
  z[(1 << 20) - 1].fill_(100.0);
  EXPECT_TRUE(allclose(y.cuda(), y.cuda() + 1e-9));
  EXPECT_FALSE(allclose(y.cuda(), z.cuda()));
  EXPECT_TRUE(allclose(zeros({0}, ember_cuda_test::gpu()), zeros({0}, ember_cuda_test::gpu())));
}

// cumsum, softmax and log_softmax along every dim of 1-, 2- and 3-d inputs.
TEST(CudaAlongDim, CumsumSoftmaxLogSoftmaxMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  struct In {
    std::vector<int64_t> base;
    std::function<Tensor(const Tensor&)> view;
  };
  auto same = [](const Tensor& t) { return t; };
  const std::vector<In> ins = {{{1031}, same},
                               {{}, same},
                               {{0, 5}, same},
                               {{7, 300}, same},
                               {{3, 2000}, same},
                               {{5, 6, 7}, same},
                               {{40, 33}, [](const Tensor& t) { return t.t(); }},
                               {{4, 3, 70000}, same},
                               {{6, 1024}, same},
                               {{11, 32}, same},
                               {{3, 33}, same},
                               {{5, 1}, same}};
  using Along = std::function<Tensor(const Tensor&, int64_t)>;
  const std::vector<std::pair<const char*, Along>> ops = {
      {"cumsum", [](const Tensor& t, int64_t d) { return t.cumsum(d); }},
      {"softmax", [](const Tensor& t, int64_t d) { return softmax(t, d); }},
      {"log_softmax", [](const Tensor& t, int64_t d) { return log_softmax(t, d); }},
  };
  for (const auto& [name, op] : ops) {
    for (Dtype d : all_dtypes()) {
      for (const In& in : ins) {
        const int64_t nd = static_cast<int64_t>(in.base.size());
        for (int64_t dim = -std::max<int64_t>(nd, 1); dim < std::max<int64_t>(nd, 1); ++dim) {
          const Operand x{random(in.base, d, 41, -3.0, 3.0), in.view};
          // cumsum of 70000 floats: the orders of the sums differ, hence the wide tolerance.
          EXPECT_TRUE(cuda_matches_cpu([&](const std::vector<Tensor>& v) { return op(v[0], dim); },
                                       {x}, 50.0))
              << name << " " << d << " " << IntArrayRef(in.base) << " dim " << dim;
        }
      }
    }
  }
  // Stability: huge and infinite inputs.
  const Tensor t = tensor({{1000.0, 1001.0, -INFINITY}, {INFINITY, 0.0, 1.0}, {NAN, 0.0, 1.0}});
  for (Dtype d : ember_cuda_test::floating_dtypes()) {
    for (int64_t dim : {0, 1}) {
      EXPECT_TRUE(cuda_matches_cpu([&](const std::vector<Tensor>& v) { return softmax(v[0], dim); },
                                   {Operand{t.to(d)}}))
          << d;
      EXPECT_TRUE(cuda_matches_cpu(
          [&](const std::vector<Tensor>& v) { return log_softmax(v[0], dim); }, {Operand{t.to(d)}}))
          << d;
    }
  }
  // Integer cumsum wraps in int64 exactly as on the CPU.
  const Tensor big = full({1000}, INT64_MAX / 3, kLong);
  EXPECT_TRUE(ember_test::tensors_equal(big.cuda().cumsum(0).cpu(), big.cumsum(0)));
}

// softmax and log_softmax over every path of the CUDA kernels: rows of every length class of
// the warp-per-row kernel (1 to 1024 values: 1, 2, 4, ... 32 values per lane, lengths just
// below, at and above each class), block-per-row rows beyond 1024, and along outer dims with
// few and many columns (tiles narrower than a warp, partial tiles) and short and long dims;
// contiguous and transposed inputs; float, double, half and bfloat16.
TEST(CudaAlongDim, SoftmaxEveryRowLengthAndLayout) {
  EMBER_REQUIRE_CUDA();
  struct In {
    std::vector<int64_t> base;
    int64_t dim;
    bool transposed;
  };
  std::vector<In> ins;
  for (int64_t n : {1,   2,   3,   31,  32,  33,  63,   64,   65,   127,  128,  129,
                    255, 256, 257, 511, 512, 513, 1000, 1023, 1024, 1025, 2048, 4099}) {
    ins.push_back({{5, n}, 1, false});  // along the innermost dim
    ins.push_back({{n, 3}, 0, false});  // along an outer dim, 3 columns
  }
  ins.push_back({{2, 7, 33}, 1, false});     // 33 columns: a full and a partial tile
  ins.push_back({{3, 1000, 2}, 1, false});   // long dim, 2 columns
  ins.push_back({{4, 5, 100}, 0, false});    // outer dim 0 of a 3-d input
  ins.push_back({{37, 3000}, 1, true});      // transposed views: rows of 37 values...
  ins.push_back({{1100, 6}, 1, true});       // ...and of 1100
  ins.push_back({{1100, 6}, 0, true});       // ...and along the view's outer dim
  ins.push_back({{2, 3, 4, 5}, -2, false});  // negative dim
  for (Dtype d : ember_cuda_test::floating_dtypes()) {
    for (const In& in : ins) {
      const Operand x{random(in.base, d, 43, -6.0, 6.0),
                      [t = in.transposed](const Tensor& v) { return t ? v.transpose(0, 1) : v; }};
      for (bool log : {false, true}) {
        EXPECT_TRUE(cuda_matches_cpu(
            [&](const std::vector<Tensor>& v) {
              return log ? log_softmax(v[0], in.dim) : softmax(v[0], in.dim);
            },
            {x}, 50.0))
            << (log ? "log_softmax " : "softmax ") << d << " " << IntArrayRef(in.base) << " dim "
            << in.dim << (in.transposed ? " transposed" : "");
      }
    }
  }
}

}  // namespace
