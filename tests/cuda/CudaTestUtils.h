#pragma once

// Helpers of the CUDA tests: deterministic random inputs built on the host (no random front
// end needed), the dtypes to sweep, and per-dtype tolerances for CPU <-> CUDA parity.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <cstdint>
#include <random>
#include <vector>

#include "TestUtils.h"

namespace ember_cuda_test {

using ember::Dtype;
using ember::Tensor;

inline const std::vector<Dtype>& all_dtypes() {
  static const std::vector<Dtype> d = {ember::kByte, ember::kChar,    ember::kShort, ember::kInt,
                                       ember::kLong, ember::kHalf,    ember::kFloat, ember::kDouble,
                                       ember::kBool, ember::kBFloat16};
  return d;
}

inline const std::vector<Dtype>& floating_dtypes() {
  static const std::vector<Dtype> d = {ember::kHalf, ember::kFloat, ember::kDouble,
                                       ember::kBFloat16};
  return d;
}

/// A CPU tensor of `shape` with reproducible values suited to `dtype`: floats uniform in
/// [lo, hi), integers in [lo, hi] (clamped to the dtype), bool 0/1.
inline Tensor random(ember::IntArrayRef shape, Dtype dtype, uint32_t seed, double lo = -4.0,
                     double hi = 4.0) {
  const int64_t n = ember::compute_numel(shape);
  std::mt19937 rng(seed);
  std::vector<double> v(static_cast<size_t>(n));
  const bool integral = ember::is_integral_type(dtype, false);
  const double l = dtype == ember::kByte ? std::max(lo, 0.0) : lo;
  for (auto& x : v) {
    const double u = std::uniform_real_distribution<double>(l, hi)(rng);
    x = dtype == ember::kBool ? double(rng() % 2) : integral ? std::floor(u) : u;
  }
  Tensor t = ember::from_blob(v.data(), {n}, ember::kDouble).clone();
  return t.to(dtype).view(shape);
}

/// Relative tolerance for comparing results computed in `dtype` on two backends.
inline double tolerance(Dtype dtype) {
  switch (dtype) {
    case ember::kHalf:
      return 2e-3;
    case ember::kBFloat16:
      return 1.6e-2;
    case ember::kFloat:
      return 2e-6;
    case ember::kDouble:
      return 1e-12;
    default:
      return 0.0;
  }
}

/// The CUDA result equals the CPU one within `dtype`'s tolerance (exactly for integers).
inline ::testing::AssertionResult same_on_both(const Tensor& cuda_result, const Tensor& cpu_result,
                                               double rtol_scale = 1.0) {
  if (!cuda_result.is_cuda()) return ::testing::AssertionFailure() << "result is not on CUDA";
  const double rtol = tolerance(cpu_result.dtype()) * rtol_scale;
  return ember_test::tensors_close(cuda_result.cpu(), cpu_result, rtol, rtol);
}

inline ember::Device gpu(int8_t index = 0) { return ember::Device(ember::kCUDA, index); }

}  // namespace ember_cuda_test
