#pragma once

// Helpers of the CUDA tests: deterministic random inputs built on the host (no random front
// end needed), the dtypes to sweep, and per-dtype tolerances for CPU <-> CUDA parity.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <cstdint>
#include <functional>
#include <random>
#include <string>
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

/// One operand of a parity check: a host tensor and the view taken of it, applied on each
/// device to that device's copy, so that strided layouts stay strided on the GPU (.cuda()
/// itself makes a contiguous copy).
struct Operand {
  Tensor base;
  std::function<Tensor(const Tensor&)> view = [](const Tensor& t) { return t; };
};

using OpOnOperands = std::function<Tensor(const std::vector<Tensor>&)>;

/// Runs `op` on the operands' host views and on their device views: either both throw an
/// ember::Error or both succeed and the CUDA result matches the CPU one (same_on_both). The
/// device copies are made first, so in-place ops may modify their operands.
inline ::testing::AssertionResult cuda_matches_cpu(const OpOnOperands& op,
                                                   const std::vector<Operand>& operands,
                                                   double rtol_scale = 1.0) {
  std::vector<Tensor> host, device;
  for (const Operand& o : operands) {
    device.push_back(o.view(o.base.cuda()));
    host.push_back(o.view(o.base.clone()));
  }
  Tensor expected;
  std::string cpu_error;
  try {
    expected = op(host);
  } catch (const ember::Error& e) {
    cpu_error = e.what();
    if (cpu_error.empty()) cpu_error = "(empty message)";
  }
  try {
    const Tensor actual = op(device);
    if (!cpu_error.empty()) {
      return ::testing::AssertionFailure()
             << "the CPU threw \"" << cpu_error << "\" but CUDA returned a result";
    }
    return same_on_both(actual, expected, rtol_scale);
  } catch (const ember::Error& e) {
    if (!cpu_error.empty()) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "CUDA threw \"" << e.what() << "\"";
  }
}

/// A named view of a base tensor of shape `base`.
struct ViewLayout {
  const char* name;
  std::vector<int64_t> base;
  std::function<Tensor(const Tensor&)> view;
};

/// Layouts for elementwise and reduction parity: odd and vector-multiple contiguous sizes,
/// 0-d, empty, transposed, misaligned slices, stepped slices and expanded (stride 0) views.
inline std::vector<ViewLayout> view_layouts(bool with_expanded = true) {
  auto same = [](const Tensor& t) { return t; };
  std::vector<ViewLayout> l = {
      {"contiguous", {1031}, same},
      {"vector-multiple", {4096}, same},
      {"0-d", {}, same},
      {"empty", {0, 3}, same},
      {"transposed", {33, 17}, [](const Tensor& t) { return t.t(); }},
      {"misaligned", {1001}, [](const Tensor& t) { return t.slice(0, 1); }},
      {"stepped", {90, 8}, [](const Tensor& t) { return t.slice(0, 0, 90, 3); }},
  };
  if (with_expanded) {
    l.push_back({"expanded", {6}, [](const Tensor& t) { return t.expand({4, 6}); }});
  }
  return l;
}

inline ember::Device gpu(int8_t index = 0) { return ember::Device(ember::kCUDA, index); }

}  // namespace ember_cuda_test
