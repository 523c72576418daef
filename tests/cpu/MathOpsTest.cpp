// The math family against PyTorch (tests/reference/gen_math.py): dense float32 / float64
// samples with the edge cases, compared in ULPs; integer operands exactly; dtype promotion
// and PyTorch's errors.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "TestUtils.h"
#include "ember/nn/functional/Activation.h"
#include "ember/nn/modules/Activation.h"

namespace {

using namespace ember;

struct MathCase {
  const char* op;
  Dtype dtype;
  const uint64_t* a;
  const uint64_t* b;
  const uint64_t* c;
  const uint64_t* expected;
  int64_t n;
};

struct IntCase {
  const char* op;
  int64_t a[12];
  int64_t b[12];
  int64_t expected[12];
};

#include "reference/math_data.inc"

Tensor from_bits(const uint64_t* bits, int64_t n, Dtype dtype) {
  Tensor out = empty({n}, dtype);
  for (int64_t i = 0; i < n; ++i) {
    if (dtype == kFloat) {
      const uint32_t b = static_cast<uint32_t>(bits[i]);
      std::memcpy(out.data_ptr<float>() + i, &b, sizeof(float));
    } else {
      std::memcpy(out.data_ptr<double>() + i, bits + i, sizeof(double));
    }
  }
  return out;
}

// Distance in units of the last place between two values of the dtype: 0 for equal values
// (also +0 / -0) and for two NaNs; "infinitely" far when only one is NaN.
int64_t ulps(double actual, double expected, Dtype dtype) {
  if (std::isnan(actual) || std::isnan(expected)) {
    return std::isnan(actual) && std::isnan(expected) ? 0 : std::numeric_limits<int64_t>::max();
  }
  if (actual == expected) return 0;
  if (std::isinf(actual) || std::isinf(expected)) return std::numeric_limits<int64_t>::max();
  auto ordered = [&](double v) -> int64_t {
    if (dtype == kFloat) {
      const float f = static_cast<float>(v);
      int32_t i;
      std::memcpy(&i, &f, sizeof(f));
      return i < 0 ? std::numeric_limits<int32_t>::min() - static_cast<int64_t>(i) : i;
    }
    int64_t i;
    std::memcpy(&i, &v, sizeof(v));
    return i < 0 ? std::numeric_limits<int64_t>::min() - i : i;
  };
  const int64_t d = ordered(actual) - ordered(expected);
  return d < 0 ? -d : d;
}

using Unary = std::function<Tensor(const Tensor&)>;
const std::map<std::string, Unary>& unary_ops() {
  namespace F = nn::functional;
  static const std::map<std::string, Unary> ops = {
      {"erf", [](const Tensor& x) { return x.erf(); }},
      {"erfc", [](const Tensor& x) { return x.erfc(); }},
      {"erfinv", [](const Tensor& x) { return x.erfinv(); }},
      {"asin", [](const Tensor& x) { return x.asin(); }},
      {"acos", [](const Tensor& x) { return x.acos(); }},
      {"atan", [](const Tensor& x) { return x.atan(); }},
      {"sinh", [](const Tensor& x) { return x.sinh(); }},
      {"cosh", [](const Tensor& x) { return x.cosh(); }},
      {"asinh", [](const Tensor& x) { return x.asinh(); }},
      {"acosh", [](const Tensor& x) { return x.acosh(); }},
      {"atanh", [](const Tensor& x) { return x.atanh(); }},
      {"tan", [](const Tensor& x) { return x.tan(); }},
      {"expm1", [](const Tensor& x) { return x.expm1(); }},
      {"log2", [](const Tensor& x) { return x.log2(); }},
      {"log10", [](const Tensor& x) { return x.log10(); }},
      {"exp2", [](const Tensor& x) { return x.exp2(); }},
      {"trunc", [](const Tensor& x) { return x.trunc(); }},
      {"frac", [](const Tensor& x) { return x.frac(); }},
      {"silu", [](const Tensor& x) { return F::silu(x); }},
      {"mish", [](const Tensor& x) { return F::mish(x); }},
      {"log_sigmoid", [](const Tensor& x) { return F::logsigmoid(x); }},
      {"softplus", [](const Tensor& x) { return F::softplus(x); }},
      {"softplus_beta2_threshold5",
       [](const Tensor& x) {
         return F::softplus(x, F::SoftplusFuncOptions().beta(2).threshold(5));
       }},
      {"elu", [](const Tensor& x) { return F::elu(x); }},
      {"elu_alpha0.5", [](const Tensor& x) { return F::elu(x, F::ELUFuncOptions().alpha(0.5)); }},
      {"selu", [](const Tensor& x) { return F::selu(x); }},
      {"hardtanh", [](const Tensor& x) { return F::hardtanh(x); }},
      {"hardtanh_-0.5_2",
       [](const Tensor& x) {
         return F::hardtanh(x, F::HardtanhFuncOptions().min_val(-0.5).max_val(2));
       }},
      {"nan_to_num", [](const Tensor& x) { return x.nan_to_num(); }},
      {"nan_to_num_1_2_-3", [](const Tensor& x) { return x.nan_to_num(1.0, 2.0, -3.0); }},
      {"isinf", [](const Tensor& x) { return x.isinf().to(x.dtype()); }},
      {"isfinite", [](const Tensor& x) { return x.isfinite().to(x.dtype()); }},
  };
  return ops;
}

using Binary = std::function<Tensor(const Tensor&, const Tensor&)>;
const std::map<std::string, Binary>& binary_ops() {
  static const std::map<std::string, Binary> ops = {
      {"atan2", [](const Tensor& a, const Tensor& b) { return atan2(a, b); }},
      {"hypot", [](const Tensor& a, const Tensor& b) { return a.hypot(b); }},
      {"remainder", [](const Tensor& a, const Tensor& b) { return a % b; }},
      {"fmod", [](const Tensor& a, const Tensor& b) { return a.fmod(b); }},
      {"floor_divide", [](const Tensor& a, const Tensor& b) { return floor_divide(a, b); }},
      {"bitwise_xor", [](const Tensor& a, const Tensor& b) { return a ^ b; }},
      {"bitwise_left_shift",
       [](const Tensor& a, const Tensor& b) { return bitwise_left_shift(a, b); }},
      {"bitwise_right_shift",
       [](const Tensor& a, const Tensor& b) { return a.bitwise_right_shift(b); }},
  };
  return ops;
}

// The most ULPs an op may differ from PyTorch: both sides call a libm (glibc's, or SLEEF's
// 1-ULP functions in PyTorch's vectorised loops), each within about 1 ULP of the exact value;
// mish composes three of them.
constexpr int64_t kUlpBudget = 4;

// PyTorch's vectorised float64 sinh and cosh (SLEEF) overflow to inf a little early: at 710
// the exact values (1.117e308) are finite, and so are glibc's.
bool early_overflow(const std::string& op, Dtype dtype, double got, double pytorch) {
  return (op == "sinh" || op == "cosh") && dtype == kDouble && std::isinf(pytorch) &&
         std::isfinite(got) && std::abs(got) > 1e307;
}

TEST(MathOps, MatchPyTorchInUlps) {
  for (const MathCase& c : kMathCases) {
    SCOPED_TRACE(std::string(c.op) + " " + std::string(dtype_name(c.dtype)));
    const Tensor a = from_bits(c.a, c.n, c.dtype);
    const Tensor expected = from_bits(c.expected, c.n, c.dtype);
    Tensor actual;
    if (c.c != nullptr) {
      actual = lerp(a, from_bits(c.b, c.n, c.dtype), from_bits(c.c, c.n, c.dtype));
    } else if (c.b != nullptr) {
      actual = binary_ops().at(c.op)(a, from_bits(c.b, c.n, c.dtype));
    } else {
      actual = unary_ops().at(c.op)(a);
    }
    ASSERT_EQ(actual.dtype(), c.dtype);
    const Tensor got = actual.to(kDouble);
    const Tensor want = expected.to(kDouble);
    const Tensor in = a.to(kDouble);
    int64_t worst = 0;
    for (int64_t i = 0; i < c.n; ++i) {
      const double g = got[i].item<double>();
      const double w = want[i].item<double>();
      if (early_overflow(c.op, c.dtype, g, w)) continue;
      const int64_t d = ulps(g, w, c.dtype);
      worst = std::max(worst, d);
      EXPECT_LE(d, kUlpBudget) << "input " << in[i].item<double>() << ": got " << g << ", PyTorch "
                               << w;
    }
    RecordProperty(std::string(c.op) + "_" + std::string(dtype_name(c.dtype)) + "_max_ulps",
                   std::to_string(worst));
  }
}

TEST(MathOps, IntegerOperandsMatchPyTorch) {
  for (const IntCase& c : kIntCases) {
    SCOPED_TRACE(c.op);
    const Tensor a = tensor(std::vector<int64_t>(c.a, c.a + 12));
    const Tensor b = tensor(std::vector<int64_t>(c.b, c.b + 12));
    const Tensor expected = tensor(std::vector<int64_t>(c.expected, c.expected + 12));
    const Tensor actual = binary_ops().at(c.op)(a, b);
    EXPECT_EQ(actual.dtype(), kLong);
    EXPECT_TRUE(ember_test::tensors_equal(actual, expected));
  }
}

TEST(MathOps, SmallIntegerTypesWrapAsPyTorch) {
  // uint8: shifts past the width give 0; int8 floor division and remainder.
  const Tensor u = tensor({1, 255, 128}, kByte);
  EXPECT_TRUE(ember_test::tensors_equal(bitwise_left_shift(u, tensor({9, 1, 7}, kByte)),
                                        tensor({0, 254, 0}, kByte)));
  EXPECT_TRUE(ember_test::tensors_equal(u.bitwise_right_shift(0), u));
  const Tensor i8 = tensor({-128, 127, -7}, kChar);
  EXPECT_TRUE(ember_test::tensors_equal(floor_divide(i8, 2), tensor({-64, 63, -4}, kChar)));
  EXPECT_TRUE(ember_test::tensors_equal(remainder(i8, 3), tensor({1, 1, 2}, kChar)));
  EXPECT_TRUE(ember_test::tensors_equal(fmod(i8, 3), tensor({-2, 1, -1}, kChar)));
  EXPECT_TRUE(ember_test::tensors_equal(bitwise_xor(tensor({true, false}), tensor({true, true})),
                                        tensor({false, true})));
  EXPECT_TRUE(ember_test::tensors_equal(logical_xor(tensor({0.0, 2.0, 0.0}), tensor({1, 3, 0})),
                                        tensor({true, false, false})));
}

TEST(MathOps, PromotionAsPyTorch) {
  const Tensor i = tensor({7, -7, 3});
  EXPECT_EQ(erf(i).dtype(), kFloat);
  EXPECT_EQ(erf(tensor({true, false})).dtype(), kFloat);
  EXPECT_EQ(atan2(i, i).dtype(), kFloat);
  EXPECT_EQ(trunc(i).dtype(), kLong);
  EXPECT_EQ(remainder(i, 2.5).dtype(), kFloat);
  EXPECT_EQ(floor_divide(i, 2).dtype(), kLong);
  EXPECT_EQ(true_divide(i, 2).dtype(), kFloat);
  EXPECT_EQ(isinf(i).dtype(), kBool);
  EXPECT_EQ(nan_to_num(i).dtype(), kLong);
  EXPECT_EQ(addcmul(i, i, i, 2).dtype(), kLong);
  EXPECT_TRUE(ember_test::tensors_equal(remainder(2, i), tensor({2, -5, 2})));
  EXPECT_TRUE(ember_test::tensors_equal(hardtanh(i), tensor({1, -1, 1})));
  EXPECT_TRUE(ember_test::tensors_close(exp2(i), tensor({128.0f, 0.0078125f, 8.0f})));
  // Half computes in float and rounds once.
  const Tensor h = tensor({0.5, -0.25, 2.0}, kHalf);
  EXPECT_TRUE(ember_test::tensors_equal(erf(h), erf(h.to(kFloat)).to(kHalf)));
  EXPECT_TRUE(ember_test::tensors_equal(silu(h), silu(h.to(kFloat)).to(kHalf)));
}

TEST(MathOps, CompositesMatchPyTorch) {
  const Tensor x = tensor({1.0f, -2.0f});
  const Tensor y = tensor({3.0f, 0.5f});
  EXPECT_TRUE(ember_test::tensors_equal(addcmul(x, x, y, 2), tensor({7.0f, -4.0f})));
  EXPECT_TRUE(ember_test::tensors_close(addcdiv(x, x, y, 2), tensor({1.6666666f, -10.0f})));
  EXPECT_TRUE(ember_test::tensors_close(x.lerp(y, 0.3), tensor({1.6f, -1.25f})));
  EXPECT_TRUE(ember_test::tensors_close(x.lerp(y, tensor({0.2f, 0.9f})), tensor({1.4f, 0.25f})));
  Tensor z = x.clone();
  z.addcmul_(x, y, 2);
  EXPECT_TRUE(ember_test::tensors_equal(z, tensor({7.0f, -4.0f})));
  Tensor w = tensor({-3.0f, 5.5f});
  w.remainder_(2);
  EXPECT_TRUE(ember_test::tensors_equal(w, tensor({1.0f, 1.5f})));
  w.floor_divide_(0.5);
  EXPECT_TRUE(ember_test::tensors_equal(w, tensor({2.0f, 3.0f})));
  Tensor bits = tensor({5, 6});
  bits ^= 3;
  EXPECT_TRUE(ember_test::tensors_equal(bits, tensor({6, 5})));
  bits.bitwise_left_shift_(2);
  EXPECT_TRUE(ember_test::tensors_equal(bits, tensor({24, 20})));
  Tensor s = tensor({-1.0f, 0.5f});
  selu_(s);
  EXPECT_TRUE(ember_test::tensors_close(s, tensor({-1.1113307f, 0.5253505f})));
  Tensor e = tensor({-2.0f, 3.0f});
  nn::functional::hardtanh(e, nn::functional::HardtanhFuncOptions().inplace(true));
  EXPECT_TRUE(ember_test::tensors_equal(e, tensor({-1.0f, 1.0f})));
}

TEST(MathOps, ErrorsAsPyTorch) {
  const Tensor i = tensor({7, -7, 3});
  const Tensor j = tensor({2, 2, 0});
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)remainder(i, j); }, "ZeroDivisionError"));
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)fmod(i, 0); }, "ZeroDivisionError"));
  EXPECT_TRUE(
      ember_test::throws_error_with([&] { (void)floor_divide(i, j); }, "ZeroDivisionError"));
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)(i % 0); }, "ZeroDivisionError"));
  EXPECT_TRUE(
      ember_test::throws_error_with([&] { (void)remainder(tensor({true}), tensor({true})); },
                                    "remainder: not implemented for Bool"));
  EXPECT_TRUE(
      ember_test::throws_error_with([&] { (void)frac(i); }, "frac: not implemented for Long"));
  EXPECT_TRUE(
      ember_test::throws_error_with([&] { (void)hypot(i, i); }, "hypot: not implemented for Long"));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] { (void)bitwise_xor(tensor({1.0}), tensor({1.0})); },
      "bitwise_xor is only implemented on integer and Boolean-type tensors"));
  EXPECT_TRUE(
      ember_test::throws_error_with([&] { (void)bitwise_left_shift(tensor({1.0}), tensor({1.0})); },
                                    "bitwise_left_shift: not implemented for Float"));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] { (void)addcdiv(i, i, j); }, "Integer division with addcdiv is no longer supported"));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] { (void)lerp(tensor({1.0f}), tensor({1.0}, kDouble), 0.5); },
      "expected dtype Float for `end` but got dtype Double"));
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)lerp(i, i, 0.5); },
                                            "lerp: not implemented for Long"));
  EXPECT_TRUE(
      ember_test::throws_error_with([&] { (void)silu(i); }, "silu: not implemented for Long"));
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)hardtanh(tensor({1.0}), 2, 1); },
                                            "min_val cannot be greater than max_val"));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] { (void)nn::Hardtanh(nn::HardtanhOptions().min_val(1).max_val(1)); },
      "max_val must be greater than min_val"));
  Tensor k = i.clone();
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] { (void)k.floor_divide_(2.5); },
      "floor_divide_: result type Float can't be cast to the desired output type Long"));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] { (void)k.erf_(); },
      "erf_: result type Float can't be cast to the desired output type Long"));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] {
        (void)remainder(tensor({1.0, 2.0}), tensor({1.0, 2.0, 3.0}));
      },
      "The size of tensor a (2) must match the size of tensor b (3)"));
}

TEST(MathOps, ModulesPrintAsPyTorch) {
  auto repr = [](const auto& module) {
    std::ostringstream os;
    module->pretty_print(os);
    return os.str();
  };
  EXPECT_EQ(repr(nn::Softplus()), "Softplus(beta=1.0, threshold=20.0)");
  EXPECT_EQ(repr(nn::SiLU()), "SiLU()");
  EXPECT_EQ(repr(nn::Mish()), "Mish()");
  EXPECT_EQ(repr(nn::ELU(nn::ELUOptions().alpha(0.5).inplace(true))),
            "ELU(alpha=0.5, inplace=True)");
  EXPECT_EQ(repr(nn::SELU()), "SELU()");
  EXPECT_EQ(repr(nn::Hardtanh()), "Hardtanh(min_val=-1.0, max_val=1.0)");
  EXPECT_EQ(repr(nn::LogSigmoid()), "LogSigmoid()");
  const Tensor x = tensor({-1.0f, 2.0f});
  EXPECT_TRUE(ember_test::tensors_equal(nn::ELU()->forward(x), elu(x)));
  EXPECT_TRUE(ember_test::tensors_equal(nn::LogSigmoid()->forward(x), log_sigmoid(x)));
}

}  // namespace
