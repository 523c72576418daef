// max/min/argmax/argmin on the GPU against results computed here on the host (ties, NaN,
// many non-coalescing dims), and the Philox uniform_/normal_: distribution, reproducibility
// under manual_seed, strided outputs.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::gpu;
using ember_cuda_test::random;

// ---- max / min with and without indices ------------------------------------------------------

struct Extremum {
  double value;
  int64_t index;
};

// The first maximum (minimum) of v, or the first NaN: PyTorch's semantics.
Extremum host_extremum(const std::vector<double>& v, bool is_max) {
  Extremum e{v.empty() ? 0.0 : v[0], 0};
  for (size_t i = 0; i < v.size(); ++i) {
    if (std::isnan(e.value)) break;
    if (std::isnan(v[i]) || (is_max ? v[i] > e.value : v[i] < e.value)) {
      e = {v[i], static_cast<int64_t>(i)};
    }
  }
  return e;
}

// Values and indices along `dim` computed on the host from a CPU tensor.
std::pair<Tensor, Tensor> host_dim_extremum(const Tensor& in, int64_t dim, bool is_max) {
  const int64_t d = dim < 0 ? dim + in.dim() : dim;
  std::vector<int64_t> perm;
  for (int64_t i = 0; i < in.dim(); ++i) {
    if (i != d) perm.push_back(i);
  }
  perm.push_back(d);
  const Tensor moved = in.permute(perm).to(kDouble).contiguous();
  const int64_t len = in.size(d), rows = in.numel() / std::max<int64_t>(len, 1);
  const double* p = moved.data_ptr<double>();
  std::vector<double> values(static_cast<size_t>(rows));
  std::vector<int64_t> indices(static_cast<size_t>(rows));
  for (int64_t r = 0; r < rows; ++r) {
    const Extremum e = host_extremum(std::vector<double>(p + r * len, p + (r + 1) * len), is_max);
    values[r] = e.value;
    indices[r] = e.index;
  }
  std::vector<int64_t> shape(in.sizes().begin(), in.sizes().end());
  shape[d] = 1;
  return {from_blob(values.data(), {rows}, kDouble).clone().to(in.dtype()).view(shape),
          from_blob(indices.data(), {rows}, kLong).clone().view(shape)};
}

std::pair<Tensor, Tensor> cuda_dim_extremum(const Tensor& in, int64_t dim, bool is_max) {
  auto [values, indices] = is_max ? in.max(dim, /*keepdim=*/true) : in.min(dim, true);
  const Tensor arg = is_max ? in.argmax(dim, true) : in.argmin(dim, true);
  EXPECT_TRUE(ember_test::tensors_equal(arg.cpu(), indices.cpu())) << "argmax/argmin vs max/min";
  return {values, indices};
}

Tensor cuda_all_extremum(const Tensor& in, bool is_max) {
  return (is_max ? in.max() : in.min()).view({1, 1});
}

// Inputs with many ties (small integer range) and, for floats, NaNs in some rows.
Tensor tie_heavy(IntArrayRef shape, Dtype d, uint32_t seed, bool with_nan) {
  Tensor t = random(shape, kDouble, seed, -3.0, 3.0);
  if (is_floating_type(d) || d == kBool) t = t.to(kLong).to(kDouble);
  if (with_nan && is_floating_type(d) && t.numel() > 10) {
    double* p = t.data_ptr<double>();
    p[t.numel() / 3] = std::numeric_limits<double>::quiet_NaN();
    p[t.numel() / 2] = std::numeric_limits<double>::quiet_NaN();
  }
  return t.to(d);
}

TEST(CudaMaxMinRandom, MaxMinAlongADimMatchTheHost) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : ember_cuda_test::all_dtypes()) {
    for (bool is_max : {true, false}) {
      const std::vector<std::pair<Tensor, int64_t>> inputs = {
          {tie_heavy({100003}, d, 1, true), 0},       // one long reduction, split
          {tie_heavy({64, 999}, d, 2, true), 1},      // inner
          {tie_heavy({999, 64}, d, 3, true), 0},      // outer
          {tie_heavy({40, 30}, d, 4, false).t(), 1},  // transposed
          {tie_heavy({6, 7, 8}, d, 5, false), 1},     // middle dim
          {tie_heavy({6, 1, 8}, d, 6, false), 1},     // size-1 dim: index 0
          {tie_heavy({5, 4}, d, 7, false).slice(1, 1, 4, 2), 1},
      };
      for (const auto& [h, dim] : inputs) {
        const auto [values, indices] = cuda_dim_extremum(h.cuda(), dim, is_max);
        const auto [ev, ei] = host_dim_extremum(h, dim, is_max);
        EXPECT_TRUE(ember_test::tensors_equal(values.cpu(), ev))
            << d << (is_max ? " max " : " min ") << h.sizes() << " dim " << dim;
        EXPECT_TRUE(ember_test::tensors_equal(indices.cpu(), ei))
            << d << (is_max ? " argmax " : " argmin ") << h.sizes() << " dim " << dim;
      }
    }
  }
}

TEST(CudaMaxMinRandom, WholeTensorMaxMinPropagateNan) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : ember_cuda_test::all_dtypes()) {
    const Tensor h = tie_heavy({3, 50001}, d, 8, false);
    for (bool is_max : {true, false}) {
      const Tensor flat = h.to(kDouble).contiguous();
      std::vector<double> v(flat.data_ptr<double>(), flat.data_ptr<double>() + flat.numel());
      double best = host_extremum(v, is_max).value;
      const Tensor expected = from_blob(&best, {1, 1}, kDouble).clone().to(d);
      EXPECT_TRUE(ember_test::tensors_equal(cuda_all_extremum(h.cuda(), is_max).cpu(), expected))
          << d << (is_max ? " max" : " min");
    }
  }
  Tensor with_nan = tensor({1.0f, 5.0f, NAN, -2.0f}).cuda();
  EXPECT_TRUE(std::isnan(cuda_all_extremum(with_nan, true).cpu().item<float>()));
  EXPECT_TRUE(std::isnan(cuda_all_extremum(with_nan, false).cpu().item<float>()));
  const auto [v, i] = cuda_dim_extremum(with_nan, 0, true);
  EXPECT_EQ(i.item<int64_t>(), 2);
  const Tensor neg_inf = full({1000}, -INFINITY).cuda();
  const auto [v2, i2] = cuda_dim_extremum(neg_inf, 0, true);
  EXPECT_EQ(i2.item<int64_t>(), 0);
  EXPECT_EQ(v2.item<float>(), -INFINITY);
}

TEST(CudaMaxMinRandom, ReductionsOverManyDimensionsUseAPermutedCopy) {
  EMBER_REQUIRE_CUDA();
  // 17 kept dims alternating between broadcast (stride 0) and real strides do not coalesce
  // (built on each device: a copy to the GPU would be dense).
  std::vector<int64_t> base_shape(9, 2);
  base_shape.push_back(5);
  std::vector<int64_t> expanded(17, 2);
  expanded.push_back(5);
  auto interleave = [&](Tensor x) {
    for (int64_t i = 8; i >= 1; --i) x = x.unsqueeze(i);
    return x.expand(expanded);
  };
  const Tensor base = random(base_shape, kFloat, 9);
  const Tensor h = interleave(base), c = interleave(base.cuda());
  const auto [values, indices] = cuda_dim_extremum(c, -1, true);
  const auto [ev, ei] = host_dim_extremum(h, -1, true);
  EXPECT_TRUE(ember_test::tensors_equal(values.cpu(), ev));
  EXPECT_TRUE(ember_test::tensors_equal(indices.cpu(), ei));
  EXPECT_TRUE(ember_cuda_test::same_on_both(c.sum({-1}), h.sum({-1}), 10.0));
}

// ---- Philox random numbers -------------------------------------------------------------------

Tensor draw(Tensor out, bool normal, double a, double b) {
  if (normal) {
    out.normal_(a, b);
  } else {
    out.uniform_(a, b);
  }
  return out;
}

TEST(CudaMaxMinRandom, UniformAndNormalHaveTheRightDistribution) {
  EMBER_REQUIRE_CUDA();
  cuda::manual_seed(123);
  for (Dtype d : ember_cuda_test::floating_dtypes()) {
    const Tensor u = draw(empty({1 << 20}, TensorOptions().device(gpu()).dtype(d)), false, 0, 1)
                         .cpu()
                         .to(kDouble);
    const double* p = u.data_ptr<double>();
    double lo = 1, hi = 0, sum = 0, sq = 0;
    for (int64_t i = 0; i < u.numel(); ++i) {
      lo = std::min(lo, p[i]);
      hi = std::max(hi, p[i]);
      sum += p[i];
      sq += p[i] * p[i];
    }
    const double mean = sum / u.numel(), var = sq / u.numel() - mean * mean;
    EXPECT_GE(lo, 0.0) << d;
    EXPECT_LT(hi, 1.0) << d;
    EXPECT_NEAR(mean, 0.5, 0.01) << d;
    EXPECT_NEAR(var, 1.0 / 12.0, 0.01) << d;

    const Tensor z = draw(empty({1 << 20}, TensorOptions().device(gpu()).dtype(d)), true, 2.0, 3.0)
                         .cpu()
                         .to(kDouble);
    const double* q = z.data_ptr<double>();
    sum = sq = 0;
    for (int64_t i = 0; i < z.numel(); ++i) {
      ASSERT_TRUE(std::isfinite(q[i])) << d;
      sum += q[i];
      sq += q[i] * q[i];
    }
    const double zmean = sum / z.numel(), zvar = sq / z.numel() - zmean * zmean;
    EXPECT_NEAR(zmean, 2.0, 0.02) << d;
    EXPECT_NEAR(zvar, 9.0, 0.1) << d;
  }
  const Tensor range = draw(empty({10000}, gpu()), false, -5.0, -3.0).cpu();
  EXPECT_GE(range.to(kDouble).data_ptr<double>()[0], -5.0);
  EXPECT_TRUE(ember_test::throws_error_with(
      [] { draw(empty({4}, TensorOptions().device(gpu()).dtype(kInt)), false, 0, 1); },
      "not implemented for"));
}

TEST(CudaMaxMinRandom, SeedsReproduceSequencesAndCallsDiffer) {
  EMBER_REQUIRE_CUDA();
  cuda::manual_seed(7);
  const Tensor a1 = draw(empty({1001}, gpu()), false, 0, 1).cpu();
  const Tensor b1 =
      draw(empty({3, 5}, TensorOptions().device(gpu()).dtype(kDouble)), true, 0, 1).cpu();
  cuda::manual_seed_all(7);
  const Tensor a2 = draw(empty({1001}, gpu()), false, 0, 1).cpu();
  const Tensor b2 =
      draw(empty({3, 5}, TensorOptions().device(gpu()).dtype(kDouble)), true, 0, 1).cpu();
  EXPECT_TRUE(ember_test::tensors_equal(a1, a2));
  EXPECT_TRUE(ember_test::tensors_equal(b1, b2));
  const Tensor a3 = draw(empty({1001}, gpu()), false, 0, 1).cpu();
  EXPECT_FALSE(ember_test::tensors_equal(a1, a3));  // the offset moved on
  cuda::manual_seed(8);
  EXPECT_FALSE(ember_test::tensors_equal(draw(empty({1001}, gpu()), false, 0, 1).cpu(), a1));
  // A non-contiguous output gets the values a contiguous one of its shape would.
  cuda::manual_seed(9);
  const Tensor contiguous = draw(empty({5, 7}, gpu()), true, 0, 1).cpu();
  cuda::manual_seed(9);
  const Tensor strided = draw(empty({7, 5}, gpu()).t(), true, 0, 1);
  EXPECT_FALSE(strided.is_contiguous());
  EXPECT_TRUE(ember_test::tensors_equal(strided.cpu(), contiguous));
}

}  // namespace
