// Elementwise ops: bad inputs give PyTorch's errors (message content checked), and the
// behaviours the reference table cannot express (operators, in-place rules, threads).

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::tensors_close;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

const Tensor kBools = tensor({true, false});
const Tensor kLongs = tensor({1, -2});
const Tensor kFloats = tensor({1.5, -2.5});

TEST(ElementwiseErrors, UnaryDtypes) {
  EXPECT_TRUE(throws_error_with([] { neg(kBools); },
                                "Negation, the `-` operator, on a bool tensor is not supported"));
  EXPECT_TRUE(throws_error_with([] { (void)-kBools; }, "use the `~` or `logical_not()`"));
  EXPECT_TRUE(throws_error_with([] { abs(kBools); }, "abs: not implemented for Bool on cpu"));
  EXPECT_TRUE(throws_error_with([] { relu(kBools); }, "Boolean inputs not supported for relu"));
  EXPECT_TRUE(throws_error_with([] { floor(kBools); }, "floor: not implemented for Bool"));
  EXPECT_TRUE(throws_error_with([] { ceil(kBools); }, "ceil: not implemented for Bool"));
  EXPECT_TRUE(throws_error_with([] { round(kBools); }, "round: not implemented for Bool"));
  EXPECT_TRUE(throws_error_with(
      [] { bitwise_not(kFloats); },
      "bitwise_not is only implemented on integer and Boolean-type tensors, got Float"));
  EXPECT_TRUE(throws_error_with([] { (void)~kFloats; }, "bitwise_not is only implemented on"));
}

TEST(ElementwiseErrors, InPlaceResultTypeMustFit) {
  EXPECT_TRUE(throws_error_with([] { kLongs.clone().sqrt_(); },
                                "sqrt_: result type Float can't be cast to the desired output "
                                "type Long"));
  EXPECT_TRUE(throws_error_with([] { kBools.clone().exp_(); }, "can't be cast"));
  EXPECT_TRUE(throws_error_with([] { kBools.clone().square_(); },
                                "result type Long can't be cast to the desired output type Bool"));
  EXPECT_TRUE(throws_error_with([] { kBools.clone().neg_(); }, "Negation"));
  Tensor t = kLongs.clone();
  EXPECT_TRUE(throws_error_with([&] { t.pow_(2.0); }, "pow_: result type Float can't be cast"));
  EXPECT_TRUE(throws_error_with([&] { t.pow_(tensor({2.0, 3.0})); }, "can't be cast"));
  EXPECT_TRUE(throws_error_with([&] { t.clamp_(0.5); },
                                "clamp_: result type Float can't be cast to the desired output "
                                "type Long"));
  EXPECT_TRUE(throws_error_with([&] { t.clamp_min_(0.5); }, "clamp_min_: result type Float"));
  EXPECT_TRUE(tensors_equal(t, kLongs)) << "a failed in-place op changed its input";
}

TEST(ElementwiseErrors, InPlaceShapeAndOverlap) {
  Tensor t = tensor({1.0, 2.0});
  EXPECT_TRUE(throws_error_with(
      [&] {
        t.pow_(tensor({{2.0}, {3.0}}));
      },
      "output with shape [2] doesn't match the broadcast shape [2, 2]"));
  Tensor expanded = zeros({1}).expand({3});
  EXPECT_TRUE(throws_error_with([&] { expanded.exp_(); },
                                "more than one element of the written-to tensor refers to a "
                                "single memory location"));
  Tensor leaf = ones({2}).requires_grad_();
  EXPECT_TRUE(throws_error_with([&] { leaf.relu_(); },
                                "a leaf Variable that requires grad is being used in an in-place "
                                "operation"));
  EXPECT_TRUE(throws_error_with([&] { leaf.clamp_(0.0); }, "a leaf Variable that requires grad"));
}

TEST(ElementwiseErrors, Pow) {
  EXPECT_TRUE(throws_error_with([] { pow(kLongs, -1); },
                                "Integers to negative integer powers are not allowed."));
  EXPECT_TRUE(throws_error_with([] { kBools.pow(-2); }, "Integers to negative integer powers"));
  EXPECT_TRUE(throws_error_with([] { kLongs.clone().pow_(-1); }, "negative integer powers"));
  EXPECT_TRUE(throws_error_with([] { pow(kBools, kBools); }, "pow: not implemented for Bool"));
  EXPECT_TRUE(throws_error_with([] { pow(kBools, true); }, "pow: not implemented for Bool"));
  EXPECT_TRUE(throws_error_with([] { pow(tensor({2}, kChar), 300); },
                                "value cannot be converted to type int8_t without overflow"));
  EXPECT_TRUE(throws_error_with([] { pow(tensor({2.0}, kHalf), 1e6); },
                                "value cannot be converted to type ember::Half without overflow"));
  EXPECT_TRUE(throws_error_with([] { pow(tensor({2}, kInt), int64_t{1} << 40); },
                                "value cannot be converted to type int without overflow"));
  // float32 takes any double exponent, as PyTorch.
  EXPECT_TRUE(tensors_equal(pow(tensor({2.0f, 0.5f}), 1e300), tensor({INFINITY, 0.0f})));
  EXPECT_TRUE(tensors_equal(pow(tensor({2.0f, 0.5f}), -1e300), tensor({0.0f, INFINITY})));
  EXPECT_TRUE(throws_error_with(
      [] {
        pow(kFloats, tensor({1.0, 2.0, 3.0}));
      },
      "must match the size"));
}

TEST(ElementwiseErrors, Clamp) {
  EXPECT_TRUE(throws_error_with([] { clamp(kFloats, std::nullopt, std::nullopt); },
                                "torch.clamp: At least one of 'min' or 'max' must not be None"));
  EXPECT_TRUE(throws_error_with([] { kFloats.clone().clamp_(std::nullopt); },
                                "At least one of 'min' or 'max'"));
  EXPECT_TRUE(throws_error_with([] { clamp(tensor({1}, kChar), -1000, 1000); },
                                "value cannot be converted to type int8_t without overflow"));
  EXPECT_TRUE(throws_error_with([] { clamp(tensor({1}, kByte), -256); },
                                "value cannot be converted to type uint8_t without overflow"));
  EXPECT_TRUE(throws_error_with([] { clamp(tensor({1}, kInt), int64_t{1} << 40); },
                                "type int without overflow"));
  EXPECT_TRUE(throws_error_with([] { clamp(kFloats, 1e300); },
                                "value cannot be converted to type float without overflow"));
  EXPECT_TRUE(throws_error_with([] { clamp_max(tensor({1.0}, kHalf), 1e5); }, "type ember::Half"));
  EXPECT_TRUE(throws_error_with([] { clamp(kBools, false); }, "clamp: not implemented for Bool"));
}

TEST(ElementwiseErrors, Activations) {
  EXPECT_TRUE(throws_error_with([] { gelu(kFloats, "foo"); },
                                "approximate argument must be either none or tanh"));
  EXPECT_TRUE(throws_error_with([] { gelu(kLongs); }, "gelu: not implemented for Long on cpu"));
  EXPECT_TRUE(
      throws_error_with([] { leaky_relu(kLongs); }, "leaky_relu: not implemented for Long"));
  EXPECT_TRUE(throws_error_with([] { leaky_relu(kBools, 0.1); }, "not implemented for Bool"));
  EXPECT_TRUE(throws_error_with([] { leaky_relu(kFloats, 1e300); },
                                "value cannot be converted to type float without overflow"));
}

TEST(ElementwiseErrors, ComparisonLogicalBitwise) {
  EXPECT_TRUE(throws_error_with(
      [] {
        eq(zeros({2, 3}), zeros({4}));
      },
      "The size of tensor a (3) must match the size of tensor b (4)"));
  EXPECT_TRUE(throws_error_with([] { logical_and(zeros({2}), zeros({3})); }, "must match"));
  EXPECT_TRUE(throws_error_with(
      [] { (void)(kFloats & kLongs); },
      "bitwise_and is only implemented on integer and Boolean-type tensors, got Float"));
  EXPECT_TRUE(throws_error_with([] { (void)(kLongs | 1.5); },
                                "bitwise_or is only implemented on integer and Boolean-type"));
  EXPECT_TRUE(throws_error_with([] { maximum(zeros({2}), zeros({3})); }, "must match"));
  EXPECT_TRUE(throws_error_with([] { eq(Tensor(), kFloats); }, "undefined tensor"));
}

TEST(ElementwiseErrors, Where) {
  EXPECT_TRUE(throws_error_with([] { where(kFloats, kFloats, kFloats); },
                                "where expected condition to be a boolean tensor, but got a "
                                "tensor with dtype Float"));
  EXPECT_TRUE(throws_error_with([] { where(kBools, zeros({3}), zeros({2})); }, "must match"));
  EXPECT_TRUE(throws_error_with(
      [] {
        where(kBools, tensor({1, 2}, kChar), 200);
      },
      "value cannot be converted to type int8_t without overflow"));
  EXPECT_TRUE(throws_error_with(
      [] {
        where(kBools, 1e6, tensor({1.0, 2.0}, kHalf));
      },
      "type ember::Half without overflow"));
  EXPECT_TRUE(throws_error_with([] { where(kBools, Tensor(), kFloats); }, "undefined tensor"));
}

// ~ is bitwise not (as libtorch's operator~), which for bool is logical not.
TEST(ElementwiseOperators, TildeIsBitwiseNot) {
  EXPECT_TRUE(tensors_equal(~tensor({1, 2}), tensor({-2, -3})));
  EXPECT_TRUE(tensors_equal(~tensor({0, 255}, kByte), tensor({255, 0}, kByte)));
  EXPECT_TRUE(tensors_equal(~kBools, tensor({false, true})));
  Tensor b = kBools.clone();
  b.bitwise_not_();
  EXPECT_TRUE(tensors_equal(b, tensor({false, true})));
  EXPECT_TRUE(tensors_equal(-kFloats, tensor({-1.5, 2.5})));
}

// logical_not_ writes the bool result back in self's dtype.
TEST(ElementwiseOperators, LogicalNotInPlaceKeepsDtype) {
  Tensor t = tensor({0.0, 2.0, NAN});
  t.logical_not_();
  EXPECT_TRUE(tensors_equal(t, tensor({1.0, 0.0, 0.0})));
}

// Signs of zero as PyTorch 1.13 gives them (the reference table compares -0 equal to +0).
TEST(ElementwiseOperators, SignedZeros) {
  const Tensor neg0 = tensor({-0.0f}), pos0 = tensor({0.0f});
  auto signbit = [](const Tensor& t) { return std::signbit(t.item<float>()); };
  EXPECT_TRUE(signbit(relu(neg0)));
  EXPECT_TRUE(signbit(clamp_min(neg0, 0.0)));
  EXPECT_TRUE(signbit(leaky_relu(neg0)));
  EXPECT_FALSE(signbit(abs(neg0)));
  EXPECT_FALSE(signbit(maximum(neg0, pos0)));
  EXPECT_TRUE(signbit(maximum(pos0, neg0)));
  EXPECT_FALSE(signbit(minimum(neg0, pos0)));
  EXPECT_TRUE(signbit(minimum(pos0, neg0)));
  EXPECT_FALSE(signbit(clamp_max(pos0, -0.0)));
  EXPECT_TRUE(signbit(neg(pos0)));
  EXPECT_FALSE(signbit(sign(neg0)));
}

// floor/ceil/round of integers are copies, not views.
TEST(ElementwiseOperators, IntegerRoundingCopies) {
  Tensor t = tensor({1, -2});
  Tensor f = floor(t);
  EXPECT_FALSE(f.is_same(t));
  f.add_(5);
  EXPECT_TRUE(tensors_equal(t, tensor({1, -2})));
  EXPECT_TRUE(tensors_equal(t.round_(), tensor({1, -2})));
}

// Views: an in-place op through a view writes the viewed storage.
TEST(ElementwiseOperators, InPlaceThroughView) {
  Tensor base = tensor({{1.0, -2.0, 3.0}, {-4.0, 5.0, -6.0}});
  base.select(1, 1).relu_();
  EXPECT_TRUE(tensors_equal(base, tensor({{1.0, 0.0, 3.0}, {-4.0, 5.0, -6.0}})));
  base.t().clamp_(-1.0, 1.0);
  EXPECT_TRUE(tensors_equal(base, tensor({{1.0, 0.0, 1.0}, {-1.0, 1.0, -1.0}})));
}

// Large tensors take the threaded, vectorised paths; their results must not depend on the
// thread count. Expected values come from the C library in double precision.
TEST(ElementwiseLarge, ThreadedResultsMatchScalarReference) {
  const int64_t n = (1 << 20) + 37;  // not a multiple of any vector width
  std::vector<float> values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    values[static_cast<size_t>(i)] =
        static_cast<float>(-40.0 + 80.0 * static_cast<double>(i) / static_cast<double>(n));
  }
  const Tensor x = tensor(values);
  for (int threads : {1, 2}) {
    set_num_threads(threads);
    const Tensor e = exp(x), s = sigmoid(x), th = tanh(x), r = relu(x);
    const Tensor c = x.clamp(-1.0, 2.0), lt0 = x < 0.5;
    const float* pe = e.data_ptr<float>();
    const float* ps = s.data_ptr<float>();
    const float* pt = th.data_ptr<float>();
    const float* pr = r.data_ptr<float>();
    const float* pc = c.data_ptr<float>();
    const bool* pl = lt0.data_ptr<bool>();
    int64_t bad = 0;
    for (int64_t i = 0; i < n; ++i) {
      const double v = values[static_cast<size_t>(i)];
      const auto near = [](double a, double b) {
        return std::fabs(a - b) <= 3e-7 * std::fabs(b) + 1e-30;
      };
      bad += !near(pe[i], std::exp(v));
      bad += !near(ps[i], 1.0 / (1.0 + std::exp(-v)));
      bad += !near(pt[i], std::tanh(v));
      bad += pr[i] != (v > 0 ? v : 0.0);
      bad += pc[i] != std::min(std::max(v, -1.0), 2.0);
      bad += pl[i] != (v < 0.5);
    }
    EXPECT_EQ(bad, 0) << "threads=" << threads;
  }
  set_num_threads(1);
}

// Contiguous float32 exp/sigmoid/tanh/gelu run a loop compiled for the CPU's widest ISA
// (AVX2 when present); strided inputs take the baseline loop. Both must give identical bits.
TEST(ElementwiseLarge, WideIsaLoopsMatchBaselineBitwise) {
  const Tensor base = linspace(-90.0, 90.0, 2 * 100003).reshape({2, 100003});
  const Tensor contiguous = base[0].contiguous();
  const Tensor strided = base.t().contiguous().t()[0];  // same values, stride 2
  ASSERT_FALSE(strided.is_contiguous());
  ASSERT_TRUE(tensors_equal(contiguous, strided));
  EXPECT_TRUE(tensors_equal(exp(contiguous), exp(strided)));
  EXPECT_TRUE(tensors_equal(sigmoid(contiguous), sigmoid(strided)));
  EXPECT_TRUE(tensors_equal(tanh(contiguous), tanh(strided)));
  EXPECT_TRUE(tensors_equal(gelu(contiguous, "tanh"), gelu(strided, "tanh")));
}

TEST(ElementwiseLarge, NonContiguousAndBroadcast) {
  const Tensor a = arange(0, 600 * 700).reshape({600, 700}).to(kFloat);
  const Tensor t = a.t();  // non-contiguous, 420000 elements
  const Tensor col = arange(0, 700).to(kFloat).reshape({700, 1});
  set_num_threads(2);
  const Tensor m = maximum(t, col * 601.0);
  set_num_threads(1);
  const float* pa = a.contiguous().data_ptr<float>();
  const Tensor mc = m.contiguous();
  const float* pm = mc.data_ptr<float>();
  int64_t bad = 0;
  for (int64_t i = 0; i < 700; ++i) {
    for (int64_t j = 0; j < 600; ++j) {
      const float expect = std::max(pa[j * 700 + i], static_cast<float>(i * 601));
      bad += pm[i * 600 + j] != expect;
    }
  }
  EXPECT_EQ(bad, 0);
}

}  // namespace
