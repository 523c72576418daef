// CUDA kernels whose front ends live on other branches (max/min/argmax, uniform_/normal_),
// called through the kernel table with the plans and generators the front ends would pass,
// and checked against results computed here on the host; plus the registration itself.
// (These use internal headers; once the front ends are merged they can move to the public
// API.)

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"
#include "core/Generator.h"
#include "core/KernelTable.h"
#include "core/ReductionPlan.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"

namespace {

using namespace ember;
using detail::get_kernel;
using detail::Kernel;
using ember_cuda_test::gpu;
using ember_cuda_test::random;

TEST(CudaKernels, RegisteredForThisBranchsOps) {
  EMBER_REQUIRE_CUDA();
  for (Kernel k :
       {Kernel::copy, Kernel::fill, Kernel::range, Kernel::linspace, Kernel::add, Kernel::mul,
        Kernel::div, Kernel::sum, Kernel::max_all, Kernel::min_all, Kernel::max_dim,
        Kernel::min_dim, Kernel::gemm, Kernel::uniform, Kernel::normal}) {
    EXPECT_TRUE(detail::has_kernel(k, kCUDA)) << detail::kernel_name(k);
  }
  // Ops without a CUDA kernel (yet) keep the clear error.
  for (int k = 0; k < detail::kNumKernels; ++k) {
    if (detail::has_kernel(Kernel(k), kCUDA)) continue;
    const std::string expected =
        std::string(detail::kernel_name(Kernel(k))) + ": no kernel registered for cuda";
    EXPECT_TRUE(ember_test::throws_error_with(
        [k] { detail::throw_missing_kernel(Kernel(k), kCUDA); }, expected));
  }
  if (!detail::has_kernel(Kernel::exp, kCUDA)) {
    EXPECT_TRUE(ember_test::throws_error_with([] { get_kernel<Kernel::exp>(kCUDA); },
                                              "exp: no kernel registered for cuda"));
  }
}

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
  const int64_t d = detail::wrap_dim(dim, in.dim());
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
  const uint64_t mask = detail::make_dim_mask({dim}, in.dim());
  const DimVector shape = detail::reduced_shape(in.sizes(), mask, true);
  Tensor values = detail::empty_tensor(shape, in.dtype(), in.device());
  Tensor indices = detail::empty_tensor(shape, kLong, in.device());
  const detail::ReductionPlan plan = detail::make_reduction_plan(in, values, mask);
  if (is_max) {
    get_kernel<Kernel::max_dim>(kCUDA)(plan, values, indices, in);
  } else {
    get_kernel<Kernel::min_dim>(kCUDA)(plan, values, indices, in);
  }
  return {values, indices};
}

Tensor cuda_all_extremum(const Tensor& in, bool is_max) {
  const uint64_t mask = detail::make_dim_mask({}, in.dim());
  Tensor out =
      detail::empty_tensor(detail::reduced_shape(in.sizes(), mask, true), in.dtype(), in.device());
  const detail::ReductionPlan plan = detail::make_reduction_plan(in, out, mask);
  if (is_max) {
    get_kernel<Kernel::max_all>(kCUDA)(plan, out, in);
  } else {
    get_kernel<Kernel::min_all>(kCUDA)(plan, out, in);
  }
  return out;
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

TEST(CudaKernels, MaxMinAlongADimMatchTheHost) {
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

TEST(CudaKernels, WholeTensorMaxMinPropagateNan) {
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

TEST(CudaKernels, ReductionsOverManyDimensionsUseAPermutedCopy) {
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

Tensor draw(const Tensor& out, bool normal, double a, double b) {
  detail::Generator& gen = detail::default_generator(out.device());
  if (normal) {
    get_kernel<Kernel::normal>(kCUDA)(out, gen, a, b);
  } else {
    get_kernel<Kernel::uniform>(kCUDA)(out, gen, a, b);
  }
  return out;
}

TEST(CudaKernels, UniformAndNormalHaveTheRightDistribution) {
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

TEST(CudaKernels, SeedsReproduceSequencesAndCallsDiffer) {
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
  EXPECT_EQ(detail::default_generator(gpu()).current_seed(), 9u);
}

}  // namespace
