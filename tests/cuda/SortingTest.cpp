// Sorting, selection, counting and scans on the GPU against the CPU backend: sort (stable, NaN
// last, both directions, inner and outer dims, every dtype), topk, kthvalue, median, mode,
// quantile, unique, bincount, histc, searchsorted, cummax/cummin, cumprod, logcumsumexp. Ties
// are resolved alike on both backends (stable order), so indices are compared exactly.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <cmath>
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

// Floats with repeats and NaNs (about one in ten), so stability and NaN order are exercised.
Tensor with_ties_and_nans(IntArrayRef shape, Dtype dtype, uint32_t seed) {
  Tensor t = random(shape, kDouble, seed, -3, 3).floor();
  if (is_floating_type(dtype)) {
    t = t.masked_fill(random(shape, kDouble, seed + 1, 0, 1).lt(0.1), NAN);
  }
  return t.to(dtype);
}

TEST(CudaSorting, SortMatchesCpu) {
  EMBER_REQUIRE_CUDA();
  for (Dtype dtype : all_dtypes()) {
    for (const std::vector<int64_t>& shape :
         std::vector<std::vector<int64_t>>{{1000}, {7, 300}, {300, 7}, {3, 4, 5}, {100003}}) {
      const Tensor x = with_ties_and_nans(shape, dtype, 11);
      for (int64_t dim : {int64_t{0}, int64_t{-1}}) {
        for (bool descending : {false, true}) {
          SCOPED_TRACE(::testing::Message() << dtype << " dim " << dim << " desc " << descending);
          EXPECT_TRUE(cuda_matches_cpu(
              [&](const std::vector<Tensor>& v) { return std::get<0>(v[0].sort(dim, descending)); },
              {Operand{x}}));
          EXPECT_TRUE(cuda_matches_cpu(
              [&](const std::vector<Tensor>& v) { return std::get<1>(v[0].sort(dim, descending)); },
              {Operand{x}}));
        }
      }
    }
  }
}

TEST(CudaSorting, SelectionMatchesCpu) {
  EMBER_REQUIRE_CUDA();
  const Tensor x = with_ties_and_nans({6, 50}, kFloat, 3);
  const Tensor d = random({6, 50}, kDouble, 5);
  const std::vector<std::function<Tensor(const Tensor&)>> ops = {
      [](const Tensor& t) { return std::get<1>(t.topk(7)); },
      [](const Tensor& t) { return std::get<0>(t.topk(7, 0, false)); },
      [](const Tensor& t) { return std::get<1>(t.kthvalue(9, 1)); },
      [](const Tensor& t) { return std::get<1>(t.median(1)); },
      [](const Tensor& t) { return std::get<0>(t.nanmedian(0, true)); },
      [](const Tensor& t) { return std::get<1>(t.mode(1)); },
      [](const Tensor& t) { return t.median(); },
      [](const Tensor& t) { return std::get<1>(t.cummax(1)); },
      [](const Tensor& t) { return std::get<0>(t.cummin(0)); },
      [](const Tensor& t) { return t.argsort(0, true); },
  };
  for (size_t i = 0; i < ops.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "op " << i);
    EXPECT_TRUE(
        cuda_matches_cpu([&](const std::vector<Tensor>& v) { return ops[i](v[0]); }, {Operand{x}}));
  }
  EXPECT_TRUE(cuda_matches_cpu(
      [](const std::vector<Tensor>& v) { return v[0].quantile(0.3, 1, false, "linear"); },
      {Operand{d}}));
  EXPECT_TRUE(
      cuda_matches_cpu([](const std::vector<Tensor>& v) { return v[0].cumprod(1); }, {Operand{d}}));
  EXPECT_TRUE(cuda_matches_cpu([](const std::vector<Tensor>& v) { return v[0].logcumsumexp(0); },
                               {Operand{d}}));
}

TEST(CudaSorting, CountingMatchesCpu) {
  EMBER_REQUIRE_CUDA();
  const Tensor ints = random({5000}, kLong, 7, 0, 99);
  const Tensor floats = with_ties_and_nans({40, 25}, kFloat, 9);
  for (int part = 0; part < 3; ++part) {
    EXPECT_TRUE(cuda_matches_cpu(
        [&](const std::vector<Tensor>& v) {
          auto r = unique(v[0], true, true, true);
          return part == 0 ? std::get<0>(r) : part == 1 ? std::get<1>(r) : std::get<2>(r);
        },
        {Operand{floats}}));
  }
  EXPECT_TRUE(cuda_matches_cpu(
      [](const std::vector<Tensor>& v) { return std::get<2>(unique(v[0], true, false, true)); },
      {Operand{ints}}));
  EXPECT_TRUE(cuda_matches_cpu([](const std::vector<Tensor>& v) { return v[0].bincount(); },
                               {Operand{ints}}));
  EXPECT_TRUE(cuda_matches_cpu(
      [](const std::vector<Tensor>& v) { return v[0].to(kFloat).histc(10, 0, 100); },
      {Operand{ints}}));
  const Tensor boundaries = std::get<0>(random({4, 30}, kFloat, 2).sort(1));
  const Tensor values = random({4, 9}, kFloat, 4);
  for (bool right : {false, true}) {
    EXPECT_TRUE(cuda_matches_cpu(
        [&](const std::vector<Tensor>& v) { return searchsorted(v[0], v[1], false, right); },
        {Operand{boundaries}, Operand{values}}));
  }
}

}  // namespace
