// The math family on the GPU against the CPU backend: every dtype (a dtype the CPU rejects must
// be rejected on CUDA too), the usual layouts, special values and in-place forms. Tolerances
// as in UnaryOpsTest.cpp: CUDA's libm is not glibc's, so float results get 8x the base
// tolerance. Integer divisors are kept away from zero (the CPU refuses them with
// "ZeroDivisionError", CUDA does not check, as PyTorch's kernels).

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
using ember_cuda_test::view_layouts;

constexpr double kLibmScale = 8.0;

struct MathCase {
  const char* name;
  std::function<Tensor(const std::vector<Tensor>&)> op;
  int inputs = 1;
  double lo = -4.0, hi = 4.0;
};

// A divisor without zeros in any dtype: |b| + 1.
Tensor away_from_zero(const Tensor& b) { return b.dtype() == kBool ? b : abs(b) + 1; }

std::vector<MathCase> math_cases() {
  using V = const std::vector<Tensor>&;
  return {
      {"erf", [](V v) { return erf(v[0]); }},
      {"erfc", [](V v) { return erfc(v[0]); }},
      {"erfinv", [](V v) { return erfinv(v[0]); }, 1, -1.0, 1.0},
      {"asin", [](V v) { return asin(v[0]); }, 1, -1.0, 1.0},
      {"acos", [](V v) { return acos(v[0]); }, 1, -1.0, 1.0},
      {"atan", [](V v) { return atan(v[0]); }},
      {"sinh", [](V v) { return sinh(v[0]); }},
      {"cosh", [](V v) { return cosh(v[0]); }},
      {"asinh", [](V v) { return asinh(v[0]); }},
      {"acosh", [](V v) { return acosh(v[0]); }, 1, 1.0, 6.0},
      {"atanh", [](V v) { return atanh(v[0]); }, 1, -1.0, 1.0},
      {"tan", [](V v) { return tan(v[0]); }, 1, -1.5, 1.5},
      {"expm1", [](V v) { return expm1(v[0]); }},
      {"log2", [](V v) { return log2(v[0]); }, 1, 0.0, 9.0},
      {"log10", [](V v) { return log10(v[0]); }, 1, 0.0, 9.0},
      {"exp2", [](V v) { return exp2(v[0]); }},
      {"trunc", [](V v) { return trunc(v[0]); }},
      {"frac", [](V v) { return frac(v[0]); }},
      {"isinf", [](V v) { return isinf(v[0] / 0.0); }},
      {"isfinite", [](V v) { return isfinite(log(v[0])); }},
      {"nan_to_num", [](V v) { return nan_to_num(log(v[0]) / v[0]); }},
      {"nan_to_num-values", [](V v) { return nan_to_num(log(v[0]) / v[0], 1.0, 2.0, -3.0); }},
      {"softplus", [](V v) { return softplus(v[0], 2, 3); }},
      {"silu", [](V v) { return silu(v[0]); }},
      {"mish", [](V v) { return mish(v[0]); }},
      {"elu", [](V v) { return elu(v[0], 0.7); }},
      {"selu", [](V v) { return selu(v[0]); }},
      {"hardtanh", [](V v) { return hardtanh(v[0], -1.5, 2); }},
      {"log_sigmoid", [](V v) { return log_sigmoid(v[0]); }},
      {"atan2", [](V v) { return atan2(v[0], v[1]); }, 2},
      {"hypot", [](V v) { return hypot(v[0], v[1]); }, 2},
      {"remainder", [](V v) { return remainder(v[0], away_from_zero(v[1])); }, 2},
      {"remainder-negative", [](V v) { return remainder(v[0], -away_from_zero(v[1])); }, 2},
      {"fmod", [](V v) { return fmod(v[0], away_from_zero(v[1])); }, 2},
      {"floor_divide", [](V v) { return floor_divide(v[0], away_from_zero(v[1])); }, 2},
      {"logical_xor", [](V v) { return logical_xor(v[0], v[1]); }, 2},
      {"bitwise_xor", [](V v) { return bitwise_xor(v[0], v[1]); }, 2},
      {"bitwise_left_shift", [](V v) { return bitwise_left_shift(v[0], v[1]); }, 2},
      {"bitwise_right_shift", [](V v) { return bitwise_right_shift(v[0], v[1]); }, 2},
      {"lerp", [](V v) { return lerp(v[0], v[1], 0.3); }, 2},
      {"lerp-tensor", [](V v) { return lerp(v[0], v[1], v[2]); }, 3},
      {"addcmul", [](V v) { return addcmul(v[0], v[1], v[2], 2); }, 3},
      {"addcdiv", [](V v) { return addcdiv(v[0], v[1], away_from_zero(v[2]), 0.5); }, 3},
  };
}

TEST(CudaMathOps, MatchTheCpuForEveryDtypeAndLayout) {
  EMBER_REQUIRE_CUDA();
  for (const MathCase& c : math_cases()) {
    for (Dtype d : all_dtypes()) {
      for (const auto& l : view_layouts()) {
        std::vector<Operand> operands;
        for (int i = 0; i < c.inputs; ++i) {
          operands.push_back(Operand{random(l.base, d, 21 + i, c.lo, c.hi), l.view});
        }
        EXPECT_TRUE(cuda_matches_cpu(c.op, operands, kLibmScale))
            << c.name << " " << d << " " << l.name;
      }
    }
  }
}

TEST(CudaMathOps, SpecialValues) {
  EMBER_REQUIRE_CUDA();
  const double inf = INFINITY, nan = NAN;
  const Tensor v = tensor({0.0, -0.0, 1.0, -1.0, inf, -inf, nan, 0.5, -0.5, 2.5, -2.5, 1e-40, 88.7,
                           -88.7, 1e30, -1e30, 3.0});
  const Tensor w = tensor({2.0, 3.0, -0.0, inf, 1.0, -2.5, 0.5, nan, -inf, 1e-3, 7.0, -1.0, 2.0,
                           0.0, 1e30, 0.25, -3.0});
  for (Dtype d : ember_cuda_test::floating_dtypes()) {
    for (const MathCase& c : math_cases()) {
      if (std::string(c.name).find("remainder") != std::string::npos) continue;
      EXPECT_TRUE(cuda_matches_cpu(c.op, {Operand{v.to(d)}, Operand{w.to(d)}, Operand{w.to(d)}},
                                   kLibmScale))
          << c.name << " " << d;
    }
    // The divisions with zero and infinite divisors (IEEE results on both).
    const Tensor a = v.to(d), b = w.to(d);
    EXPECT_TRUE(
        ember_cuda_test::same_on_both(remainder(a.cuda(), b.cuda()), remainder(a, b), kLibmScale))
        << d;
    EXPECT_TRUE(ember_cuda_test::same_on_both(fmod(a.cuda(), b.cuda()), fmod(a, b), kLibmScale))
        << d;
  }
  // Integer shifts past the width and negative shifts.
  const Tensor a = tensor({-5, 5, -5, 5, 1, -1}, kLong);
  const Tensor s = tensor({0, 63, 64, 70, -1, 1}, kLong);
  EXPECT_TRUE(ember_test::tensors_equal(bitwise_left_shift(a.cuda(), s.cuda()).cpu(),
                                        bitwise_left_shift(a, s)));
  EXPECT_TRUE(ember_test::tensors_equal(bitwise_right_shift(a.cuda(), s.cuda()).cpu(),
                                        bitwise_right_shift(a, s)));
}

TEST(CudaMathOps, InPlaceFormsMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  const Tensor base = random({33, 17}, kFloat, 5, 0.1, 0.9);
  auto check = [&](const char* name, const std::function<void(Tensor&)>& f) {
    Tensor h = base.clone();
    Tensor g = base.cuda();
    f(h);
    f(g);
    EXPECT_TRUE(ember_cuda_test::same_on_both(g, h, kLibmScale)) << name;
  };
  check("erfinv_", [](Tensor& t) { t.erfinv_(); });
  check("atanh_", [](Tensor& t) { t.atanh_(); });
  check("frac_", [](Tensor& t) { t.frac_(); });
  check("remainder_", [](Tensor& t) { t.remainder_(0.3); });
  check("atan2_", [](Tensor& t) { t.atan2_(t * 2); });
  check("lerp_", [](Tensor& t) { t.lerp_(t * 3, 0.75); });
  check("addcdiv_", [](Tensor& t) { t.addcdiv_(t, t + 1, 2); });
  check("nan_to_num_", [](Tensor& t) { t.nan_to_num_(); });
  check("elu_", [](Tensor& t) { elu_(t.sub_(0.5)); });
  check("hardtanh_", [](Tensor& t) { hardtanh_(t, 0.2, 0.6); });
}

}  // namespace
