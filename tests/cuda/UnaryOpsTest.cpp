// Unary elementwise ops, activations, clamp and pow with a scalar exponent on the GPU against
// the CPU backend: every dtype (a dtype the CPU rejects must be rejected on CUDA too),
// contiguous, strided, misaligned, expanded, empty and 0-d operands, and in-place forms.
//
// Tolerances: integer and bool results must be equal. Floating results may differ by a few
// ulp: CUDA's libm (sin, log1p, erfc, pow, ...) is not glibc's and nvcc contracts a * b + c
// into fma, so float results get 8x the base tolerance; half and bfloat16 results are rounded
// from float ones and get the base tolerance (one ulp of the storage type).

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
using ember_cuda_test::gpu;
using ember_cuda_test::Operand;
using ember_cuda_test::random;
using ember_cuda_test::view_layouts;

constexpr double kLibmScale = 8.0;

struct UnaryCase {
  const char* name;
  std::function<Tensor(const Tensor&)> op;
  std::function<void(Tensor&)> in_place;  // empty: no in-place form
  double lo = -4.0, hi = 4.0;             // input range
};

std::vector<UnaryCase> unary_cases() {
  return {
      {"neg", [](const Tensor& t) { return neg(t); }, [](Tensor& t) { t.neg_(); }},
      {"abs", [](const Tensor& t) { return abs(t); }, [](Tensor& t) { t.abs_(); }},
      {"sqrt", [](const Tensor& t) { return sqrt(t); }, [](Tensor& t) { t.sqrt_(); }, 0.0, 9.0},
      {"sqrt-negative", [](const Tensor& t) { return sqrt(t); }, nullptr},  // NaN on both
      {"rsqrt", [](const Tensor& t) { return rsqrt(t); }, [](Tensor& t) { t.rsqrt_(); }, 0.0, 9.0},
      {"exp", [](const Tensor& t) { return exp(t); }, [](Tensor& t) { t.exp_(); }},
      {"exp-wide", [](const Tensor& t) { return exp(t); }, nullptr, -120.0, 120.0},
      {"log", [](const Tensor& t) { return log(t); }, [](Tensor& t) { t.log_(); }, 0.0, 50.0},
      {"log1p", [](const Tensor& t) { return log1p(t); }, [](Tensor& t) { t.log1p_(); }, -1.0, 5.0},
      {"sin", [](const Tensor& t) { return sin(t); }, [](Tensor& t) { t.sin_(); }},
      {"cos", [](const Tensor& t) { return cos(t); }, [](Tensor& t) { t.cos_(); }},
      {"tanh", [](const Tensor& t) { return tanh(t); }, [](Tensor& t) { t.tanh_(); }},
      {"sigmoid", [](const Tensor& t) { return sigmoid(t); }, [](Tensor& t) { t.sigmoid_(); },
       -30.0, 30.0},
      {"relu", [](const Tensor& t) { return relu(t); }, [](Tensor& t) { t.relu_(); }},
      {"reciprocal", [](const Tensor& t) { return reciprocal(t); },
       [](Tensor& t) { t.reciprocal_(); }},
      {"sign", [](const Tensor& t) { return sign(t); }, [](Tensor& t) { t.sign_(); }},
      {"floor", [](const Tensor& t) { return floor(t); }, [](Tensor& t) { t.floor_(); }},
      {"ceil", [](const Tensor& t) { return ceil(t); }, [](Tensor& t) { t.ceil_(); }},
      {"round", [](const Tensor& t) { return round(t); }, [](Tensor& t) { t.round_(); }},
      {"round-halves", [](const Tensor& t) { return round(t * 2) / 2; }, nullptr},
      {"isnan", [](const Tensor& t) { return isnan(sqrt(t)); }, nullptr},
      {"logical_not", [](const Tensor& t) { return logical_not(t); }, nullptr},
      {"bitwise_not", [](const Tensor& t) { return bitwise_not(t); },
       [](Tensor& t) { t.bitwise_not_(); }},
      {"gelu", [](const Tensor& t) { return gelu(t); }, nullptr},
      {"gelu-tanh", [](const Tensor& t) { return gelu(t, "tanh"); }, nullptr},
      {"leaky_relu", [](const Tensor& t) { return leaky_relu(t, 0.2); }, nullptr},
      {"clamp", [](const Tensor& t) { return clamp(t, -1, 2); },
       [](Tensor& t) { t.clamp_(-1, 2); }},
      {"clamp_min", [](const Tensor& t) { return clamp_min(t, 1); }, nullptr},
      {"clamp_max", [](const Tensor& t) { return clamp_max(t, 0.5); }, nullptr},
      {"clamp-crossed", [](const Tensor& t) { return clamp(t, 2, -1); }, nullptr},
      {"pow2", [](const Tensor& t) { return pow(t, 2); }, [](Tensor& t) { t.pow_(2); }},
      {"pow3", [](const Tensor& t) { return pow(t, 3); }, nullptr},
      {"pow5", [](const Tensor& t) { return pow(t, 5); }, nullptr},
      {"pow0.5", [](const Tensor& t) { return pow(t, 0.5); }, nullptr, 0.0, 9.0},
      {"pow-0.5", [](const Tensor& t) { return pow(t, -0.5); }, nullptr, 0.1, 9.0},
      {"pow-1", [](const Tensor& t) { return pow(t, -1.0); }, nullptr},
      {"pow-2", [](const Tensor& t) { return pow(t, -2.0); }, nullptr},
      {"pow2.5", [](const Tensor& t) { return pow(t, 2.5); }, nullptr, 0.0, 6.0},
      {"pow-huge", [](const Tensor& t) { return pow(t, 1e300); }, nullptr, 0.0, 2.0},
  };
}

TEST(CudaUnaryOps, MatchTheCpuForEveryDtypeAndLayout) {
  EMBER_REQUIRE_CUDA();
  for (const UnaryCase& c : unary_cases()) {
    for (Dtype d : all_dtypes()) {
      for (const auto& l : view_layouts()) {
        const Operand x{random(l.base, d, 11, c.lo, c.hi), l.view};
        EXPECT_TRUE(cuda_matches_cpu([&](const std::vector<Tensor>& v) { return c.op(v[0]); }, {x},
                                     kLibmScale))
            << c.name << " " << d << " " << l.name;
      }
    }
  }
}

TEST(CudaUnaryOps, InPlaceFormsMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  for (const UnaryCase& c : unary_cases()) {
    if (!c.in_place) continue;
    for (Dtype d : all_dtypes()) {
      for (const auto& l : view_layouts(/*with_expanded=*/false)) {
        const Operand x{random(l.base, d, 12, c.lo, c.hi), l.view};
        EXPECT_TRUE(cuda_matches_cpu(
            [&](const std::vector<Tensor>& v) {
              Tensor t = v[0];
              c.in_place(t);
              return t;
            },
            {x}, kLibmScale))
            << c.name << "_ " << d << " " << l.name;
      }
    }
  }
}

TEST(CudaUnaryOps, SpecialValues) {
  EMBER_REQUIRE_CUDA();
  const double inf = INFINITY, nan = NAN;
  const Tensor v = tensor({0.0, -0.0, 1.0, -1.0, inf, -inf, nan, 0.5, -0.5, 2.5, -2.5, 1e-40, 88.7,
                           -88.7, 89.0, -104.0, 710.0});
  for (Dtype d : ember_cuda_test::floating_dtypes()) {
    const Tensor h = v.to(d);
    for (const UnaryCase& c : unary_cases()) {
      EXPECT_TRUE(cuda_matches_cpu([&](const std::vector<Tensor>& t) { return c.op(t[0]); },
                                   {Operand{h}}, kLibmScale))
          << c.name << " " << d;
    }
  }
  // Integer wrap-around: neg and abs of the most negative value are itself.
  const Tensor i = tensor({INT32_MIN, -1, 0, INT32_MAX}, kInt);
  EXPECT_TRUE(ember_test::tensors_equal(neg(i.cuda()).cpu(), neg(i)));
  EXPECT_TRUE(ember_test::tensors_equal(abs(i.cuda()).cpu(), abs(i)));
  EXPECT_TRUE(ember_test::tensors_equal(pow(i.cuda(), 3).cpu(), pow(i, 3)));
}

TEST(CudaUnaryOps, ManyDimensionsAndLargeInputs) {
  EMBER_REQUIRE_CUDA();
  std::vector<int64_t> shape(20, 2);
  const Tensor a = random(shape, kFloat, 1);
  const Tensor perm =
      a.permute({19, 0, 18, 1, 17, 2, 16, 3, 15, 4, 14, 5, 13, 6, 12, 7, 11, 8, 10, 9});
  EXPECT_TRUE(ember_cuda_test::same_on_both(
      exp(a.cuda().permute({19, 0, 18, 1, 17, 2, 16, 3, 15, 4, 14, 5, 13, 6, 12, 7, 11, 8, 10, 9})),
      exp(perm), kLibmScale));
  const Tensor big = random({3, 1 << 22}, kHalf, 2);
  EXPECT_TRUE(ember_cuda_test::same_on_both(sigmoid(big.cuda()), sigmoid(big)));
}

TEST(CudaUnaryOps, ErrorsMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  const Tensor f = random({4}, kFloat, 1).cuda();
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)bitwise_not(f); }, "bitwise_not"));
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)gelu(f, "fast"); }, "approximate"));
  const Tensor b = random({4}, kBool, 1).cuda();
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)neg(b); }, "neg"));
  Tensor i = random({4}, kInt, 1).cuda();
  EXPECT_TRUE(ember_test::throws_error_with([&] { i.sqrt_(); }, "can't be cast"));
}

}  // namespace
