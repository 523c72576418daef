// Reductions and along-dim ops: errors (with PyTorch's messages), overloads, result shapes and
// dtypes, views with offsets, NaN and ties at every position of the vectorised loops. Values
// PyTorch gives for random inputs are checked by ReductionReferenceTest.cpp.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "TestUtils.h"

namespace {

using ember::Tensor;
using ember_test::tensors_close;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

Tensor matrix() {  // [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
  return ember::arange(12, ember::kFloat).reshape({3, 4});
}

// ---- Errors ---------------------------------------------------------------------------------

// Found by fuzz_api under UBSan: reducing an empty dim of a tensor with no storage (a null data
// pointer) must not offset that pointer, and gives the identity for every kept element.
TEST(ReductionEdges, EmptyReducedDimWithKeptElements) {
  for (const auto dtype : {ember::kDouble, ember::kFloat, ember::kLong}) {
    const Tensor t = ember::zeros({0, 3}, dtype);
    EXPECT_TRUE(tensors_equal(t.sum(0, true), ember::zeros({1, 3}, dtype)));
    EXPECT_TRUE(tensors_equal(ember::prod(t, 0), ember::ones({3}, dtype)));
  }
}

TEST(ReductionErrors, MaxMinOfEmptyNeedADim) {
  const Tensor e = ember::empty({0, 3});
  EXPECT_TRUE(throws_error_with([&] { e.max(); },
                                "max(): Expected reduction dim to be specified for input.numel() "
                                "== 0. Specify the reduction dim with the 'dim' argument."));
  EXPECT_TRUE(throws_error_with([&] { ember::min(e); }, "min(): Expected reduction dim"));
  EXPECT_TRUE(throws_error_with([&] { e.max(0); },
                                "max(): Expected reduction dim 0 to have non-zero size."));
  EXPECT_TRUE(throws_error_with([&] { e.min(-2); },
                                "min(): Expected reduction dim 0 to have non-zero size."));
  EXPECT_TRUE(throws_error_with(
      [&] { e.argmax(); },
      "argmax(): Expected reduction dim to be specified for input.numel() == 0."));
  EXPECT_TRUE(throws_error_with([&] { e.argmin(0); },
                                "argmin(): Expected reduction dim 0 to have non-zero size."));
  // A kept empty dim is fine.
  EXPECT_EQ(std::get<0>(e.max(1)).sizes(), ember::IntArrayRef({0}));
}

TEST(ReductionErrors, ArgmaxOfBoolIsNotImplemented) {
  const Tensor b = ember::tensor({true, false});
  EXPECT_TRUE(throws_error_with([&] { b.argmax(); }, "argmax: not implemented for Bool"));
  EXPECT_TRUE(throws_error_with([&] { b.argmin(0); }, "argmin: not implemented for Bool"));
}

TEST(ReductionErrors, BadDims) {
  const Tensor x = matrix();
  const std::string range = "Dimension out of range (expected to be in range of [-2, 1], but got";
  EXPECT_TRUE(throws_error_with([&] { x.sum({2}); }, range + " 2)"));
  EXPECT_TRUE(throws_error_with([&] { x.prod(-3); }, range + " -3)"));
  EXPECT_TRUE(throws_error_with([&] { x.max(2); }, range + " 2)"));
  EXPECT_TRUE(throws_error_with([&] { x.argmax(5); }, range + " 5)"));
  EXPECT_TRUE(throws_error_with([&] { x.any(2); }, range + " 2)"));
  EXPECT_TRUE(throws_error_with([&] { x.var({0, 2}); }, range + " 2)"));
  EXPECT_TRUE(throws_error_with([&] { x.norm(2, {-3}); }, range + " -3)"));
  EXPECT_TRUE(throws_error_with([&] { x.logsumexp({2}); }, range + " 2)"));
  EXPECT_TRUE(throws_error_with([&] { x.cumsum(2); }, range + " 2)"));
  EXPECT_TRUE(throws_error_with([&] { x.softmax(-3); }, range + " -3)"));
  EXPECT_TRUE(throws_error_with([&] { x.log_softmax(2); }, range + " 2)"));
  const Tensor s = ember::tensor(1.0f);
  EXPECT_TRUE(throws_error_with([&] { s.cumsum(1); },
                                "Dimension out of range (expected to be in range of [-1, 0], but "
                                "got 1)"));
  for (auto f : {+[](const Tensor& t) {
                   return t.sum({0, -2});
                 },
                 +[](const Tensor& t) {
                   return t.std({1, 1});
                 },
                 +[](const Tensor& t) {
                   return t.logsumexp({0, 0});
                 },
                 +[](const Tensor& t) {
                   return t.norm(1, {1, -1});
                 }}) {
    EXPECT_TRUE(throws_error_with([&] { f(x); }, "appears multiple times in the list of dims"));
  }
}

TEST(ReductionErrors, UnsupportedDtypes) {
  const Tensor i = ember::tensor({1, 2, 3});
  EXPECT_TRUE(throws_error_with([&] { i.var(); },
                                "std and var only support floating point and complex dtypes"));
  EXPECT_TRUE(throws_error_with([&] { i.std({0}); }, "std and var only support floating point"));
  EXPECT_TRUE(throws_error_with(
      [&] { i.norm(); },
      "norm(): input dtype should be either floating point or complex. Got Long instead."));
  EXPECT_TRUE(throws_error_with([&] { i.mean(); },
                                "mean(): could not infer output dtype. Input dtype must be either "
                                "a floating point or complex dtype. Got: Long"));
  EXPECT_TRUE(throws_error_with([&] { matrix().mean(ember::kInt); },
                                "mean(): could not infer output dtype. Optional dtype must be "
                                "either a floating point or complex dtype. Got: Int"));
  EXPECT_TRUE(throws_error_with([&] { i.softmax(0); }, "softmax: not implemented for Long"));
  EXPECT_TRUE(
      throws_error_with([&] { i.log_softmax(0); }, "log_softmax: not implemented for Long"));
  EXPECT_TRUE(
      throws_error_with([&] { i.softmax(0, ember::kInt); }, "softmax: not implemented for Int"));
  EXPECT_TRUE(
      throws_error_with([&] { i.cumsum(0, ember::kBool); }, "cumsum: not implemented for Bool"));
}

TEST(ReductionErrors, AllCloseArguments) {
  const Tensor a = ember::tensor({1.0f, 2.0f});
  EXPECT_TRUE(throws_error_with([&] { ember::allclose(a, a.to(ember::kDouble)); },
                                "Float did not match Double"));
  EXPECT_TRUE(throws_error_with([&] { a.allclose(a, -1.0); },
                                "rtol must be greater than or equal to zero, but got -1"));
  EXPECT_TRUE(throws_error_with([&] { a.allclose(a, 1e-5, -0.5); },
                                "atol must be greater than or equal to zero, but got -0.5"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::allclose(a, ember::tensor({1.0f, 2.0f, 3.0f}));
      },
      "The size of tensor a (2) must match the size of tensor b (3)"));
}

TEST(ReductionErrors, UndefinedTensor) {
  const Tensor u;
  EXPECT_TRUE(throws_error_with([&] { ember::sum(u); }, "undefined tensor"));
  EXPECT_TRUE(throws_error_with([&] { ember::softmax(u, 0); }, "undefined tensor"));
  EXPECT_TRUE(throws_error_with([&] { ember::equal(u, matrix()); }, "undefined tensor"));
}

// ---- Overloads, shapes, dtypes --------------------------------------------------------------

TEST(ReductionOverloads, VarStdWithAnIntAreOverADim) {
  // As libtorch: var(0) reduces dim 0; var(false) is the biased variance of everything.
  const Tensor x = matrix();
  const Tensor col_var = ember::tensor({16.0f, 16.0f, 16.0f, 16.0f});
  EXPECT_TRUE(tensors_equal(x.var(0), col_var));
  EXPECT_TRUE(tensors_equal(ember::var(x, 0), col_var));
  EXPECT_TRUE(tensors_equal(x.var({0}), col_var));
  EXPECT_TRUE(tensors_close(x.std(1), ember::tensor({1.2909944f, 1.2909944f, 1.2909944f})));
  EXPECT_TRUE(tensors_close(ember::std(x, 1), ember::tensor({1.2909944f, 1.2909944f, 1.2909944f})));
  EXPECT_TRUE(tensors_close(x.var(false), ember::tensor(143.0f / 12.0f)));
  EXPECT_TRUE(tensors_close(x.var(true), ember::tensor(13.0f)));
}

TEST(ReductionOverloads, FreeFunctionsMatchMethods) {
  const Tensor x = matrix();
  EXPECT_TRUE(tensors_equal(ember::sum(x, {1}, true), x.sum({1}, true)));
  EXPECT_TRUE(tensors_equal(ember::mean(x, {0}), x.mean({0})));
  EXPECT_TRUE(tensors_equal(ember::prod(x, 1), x.prod(1)));
  EXPECT_TRUE(tensors_equal(ember::max(x), x.max()));
  EXPECT_TRUE(tensors_equal(std::get<1>(ember::min(x, 1)), std::get<1>(x.min(1))));
  EXPECT_TRUE(tensors_equal(ember::argmax(x, 0), x.argmax(0)));
  EXPECT_TRUE(tensors_equal(ember::argmin(x), x.argmin()));
  EXPECT_TRUE(tensors_equal(ember::any(x, 1), x.any(1)));
  EXPECT_TRUE(tensors_equal(ember::all(x), x.all()));
  EXPECT_TRUE(tensors_equal(ember::norm(x, 1), x.norm(1)));
  EXPECT_TRUE(tensors_equal(ember::logsumexp(x, {1}), x.logsumexp({1})));
  EXPECT_TRUE(tensors_equal(ember::cumsum(x, 0), x.cumsum(0)));
  EXPECT_TRUE(tensors_equal(ember::softmax(x, 1), x.softmax(1)));
  EXPECT_TRUE(tensors_equal(ember::log_softmax(x, 0), x.log_softmax(0)));
  EXPECT_EQ(ember::equal(x, x), x.equal(x));
  EXPECT_EQ(ember::allclose(x, x + 1), x.allclose(x + 1));
}

TEST(ReductionShapes, KeepdimAndDimLists) {
  const Tensor x = ember::ones({2, 3, 4, 5});
  EXPECT_EQ(x.sum({1, 3}).sizes(), ember::IntArrayRef({2, 4}));
  EXPECT_EQ(x.sum({1, 3}, true).sizes(), ember::IntArrayRef({2, 1, 4, 1}));
  EXPECT_EQ(x.var({-1, 0}, true, true).sizes(), ember::IntArrayRef({1, 3, 4, 1}));
  EXPECT_EQ(x.norm(2, {2}, false).sizes(), ember::IntArrayRef({2, 3, 5}));
  EXPECT_EQ(x.logsumexp({0, 1, 2, 3}).dim(), 0);
  EXPECT_EQ(x.logsumexp({0, 1, 2, 3}, true).sizes(), ember::IntArrayRef({1, 1, 1, 1}));
  EXPECT_EQ(x.argmax(std::nullopt, true).sizes(), ember::IntArrayRef({1, 1, 1, 1}));
  EXPECT_EQ(x.any(2, true).sizes(), ember::IntArrayRef({2, 3, 1, 5}));
  const auto [v, i] = x.max(-1, true);
  EXPECT_EQ(v.sizes(), ember::IntArrayRef({2, 3, 4, 1}));
  EXPECT_EQ(i.sizes(), ember::IntArrayRef({2, 3, 4, 1}));
  EXPECT_EQ(i.dtype(), ember::kLong);
  // An empty dim list reduces every dim, as PyTorch's sum/var/norm.
  EXPECT_EQ(x.sum(ember::IntArrayRef{}).dim(), 0);
  EXPECT_TRUE(tensors_equal(x.sum(ember::IntArrayRef{}), ember::tensor(120.0f)));
}

TEST(ReductionShapes, ResultsDoNotAliasTheInput) {
  Tensor x = matrix();
  const Tensor s = x.sum({0});
  const Tensor c = x.cumsum(1);
  const Tensor m = x.softmax(1);
  x.mul_(0);
  EXPECT_TRUE(tensors_equal(s, ember::tensor({12.0f, 15.0f, 18.0f, 21.0f})));
  EXPECT_EQ(c[2][3].item<float>(), 38.0f);
  EXPECT_GT(m[0][3].item<float>(), 0.6f);
}

TEST(ReductionViews, StorageOffsetsAndStrides) {
  // Columns 1..2 of the matrix: [[1, 2], [5, 6], [9, 10]].
  const Tensor v = matrix().slice(1, 1, 3);
  EXPECT_TRUE(tensors_equal(v.sum({0}), ember::tensor({15.0f, 18.0f})));
  EXPECT_TRUE(tensors_equal(v.sum({1}), ember::tensor({3.0f, 11.0f, 19.0f})));
  EXPECT_TRUE(tensors_equal(v.prod(1), ember::tensor({2.0f, 30.0f, 90.0f})));
  EXPECT_TRUE(tensors_equal(v.max(), ember::tensor(10.0f)));
  EXPECT_TRUE(tensors_equal(v.argmin(), ember::tensor(int64_t{0})));
  EXPECT_TRUE(tensors_equal(std::get<1>(v.max(0)), ember::tensor({int64_t{2}, int64_t{2}})));
  EXPECT_TRUE(
      tensors_equal(v.cumsum(0), ember::tensor({{1.0f, 2.0f}, {6.0f, 8.0f}, {15.0f, 18.0f}})));
  EXPECT_TRUE(tensors_equal(v.var({0}), ember::tensor({16.0f, 16.0f})));
  // Row 1 from its second element on: [5, 6, 7].
  const Tensor r = matrix()[1].slice(0, 1);
  EXPECT_TRUE(tensors_equal(r.sum(), ember::tensor(18.0f)));
  EXPECT_TRUE(tensors_close(r.softmax(0), ember::tensor({0.09003057f, 0.24472847f, 0.66524096f})));
  EXPECT_TRUE(tensors_close(r.logsumexp({0}), ember::tensor(7.40760596f)));
}

TEST(ReductionDtypes, ResultDtypes) {
  const Tensor i8 = ember::tensor({1, 2, 3}, ember::kChar);
  const Tensor u8 = ember::tensor({1, 0, 3}, ember::kByte);
  const Tensor b = ember::tensor({true, true});
  EXPECT_EQ(i8.sum().dtype(), ember::kLong);
  EXPECT_EQ(i8.sum(ember::kChar).dtype(), ember::kChar);
  EXPECT_EQ(i8.prod(0).dtype(), ember::kLong);
  EXPECT_EQ(b.sum().dtype(), ember::kLong);
  EXPECT_EQ(b.prod().dtype(), ember::kLong);
  EXPECT_EQ(i8.max().dtype(), ember::kChar);
  EXPECT_EQ(u8.any().dtype(), ember::kByte);
  EXPECT_EQ(u8.all(0).dtype(), ember::kByte);
  EXPECT_EQ(i8.any().dtype(), ember::kBool);
  EXPECT_EQ(i8.cumsum(0).dtype(), ember::kLong);
  EXPECT_EQ(b.cumsum(0).dtype(), ember::kLong);
  EXPECT_EQ(i8.logsumexp({0}).dtype(), ember::kFloat);
  EXPECT_EQ(i8.softmax(0, ember::kDouble).dtype(), ember::kDouble);
  EXPECT_EQ(i8.argmax().dtype(), ember::kLong);
  const Tensor h = ember::ones({3}, ember::kHalf);
  EXPECT_EQ(h.softmax(0).dtype(), ember::kHalf);
  EXPECT_EQ(h.var().dtype(), ember::kHalf);
  EXPECT_EQ(h.norm().dtype(), ember::kHalf);
  EXPECT_EQ(h.mean().dtype(), ember::kHalf);
  EXPECT_EQ(h.to(ember::kBFloat16).logsumexp({0}).dtype(), ember::kBFloat16);
}

// ---- NaN and ties at every position of the vectorised loops ---------------------------------

TEST(ReductionNaN, NaNAnywhereIsFoundByEveryLoop) {
  // Lengths around the lane counts and chunk size; each NaN position in turn.
  for (int64_t n : {1, 15, 16, 17, 31, 32, 33, 100, 16385}) {
    for (int64_t pos : {int64_t{0}, n / 2, n - 1}) {
      std::vector<float> v(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i) v[i] = static_cast<float>(i % 7);
      v[pos] = kNaN;
      const Tensor x = ember::tensor(v);
      EXPECT_TRUE(std::isnan(x.max().item<float>())) << n << " " << pos;
      EXPECT_TRUE(std::isnan(x.min().item<float>())) << n << " " << pos;
      EXPECT_EQ(x.argmax().item<int64_t>(), pos) << n;
      EXPECT_EQ(x.argmin().item<int64_t>(), pos) << n;
      EXPECT_TRUE(std::isnan(x.logsumexp({0}).item<float>())) << n;
      EXPECT_TRUE(std::isnan(x.norm(INFINITY).item<float>())) << n;
      EXPECT_TRUE(x.any().item<bool>());
    }
  }
}

TEST(ReductionNaN, NaNInColumnsOfTheVerticalLoop) {
  // Reducing dim 0 of [rows, cols] runs the vertical loop (four rows at a time).
  for (int64_t rows : {1, 3, 4, 5, 9}) {
    const int64_t cols = 70;
    std::vector<float> v(static_cast<size_t>(rows * cols), 1.0f);
    const int64_t r = rows - 1, c = 13;
    v[r * cols + c] = kNaN;
    v[0 * cols + 20] = 5.0f;
    const Tensor x = ember::tensor(v).reshape({rows, cols});
    const auto [values, indices] = x.max(0);
    EXPECT_TRUE(std::isnan(values[c].item<float>()));
    EXPECT_EQ(indices[c].item<int64_t>(), r);
    EXPECT_EQ(values[20].item<float>(), 5.0f);
    EXPECT_EQ(indices[20].item<int64_t>(), 0);
    EXPECT_EQ(values[21].item<float>(), 1.0f);
    EXPECT_EQ(indices[21].item<int64_t>(), 0);  // all equal: the first
    EXPECT_TRUE(std::isnan(std::get<0>(x.min(0))[c].item<float>()));
    EXPECT_TRUE(std::isnan(x.sum({0})[c].item<float>()));
    EXPECT_EQ(x.sum({0})[c + 1].item<float>(), static_cast<float>(rows));
  }
}

TEST(ReductionTies, FirstOccurrenceWins) {
  for (int64_t n : {6, 40, 1000, 70000}) {
    std::vector<double> v(static_cast<size_t>(n), 0.0);
    v[n / 3] = 2.0;
    v[n - 1] = 2.0;
    v[n / 5] = -1.0;
    v[n / 2] = -1.0;
    const Tensor x = ember::tensor(v);
    EXPECT_EQ(x.argmax().item<int64_t>(), n / 3) << n;
    EXPECT_EQ(x.argmin().item<int64_t>(), n / 5) << n;
    EXPECT_EQ(std::get<1>(x.max(0)).item<int64_t>(), n / 3) << n;
    const Tensor flat = ember::zeros({n});
    EXPECT_EQ(flat.argmax().item<int64_t>(), 0);
    EXPECT_EQ(flat.argmin().item<int64_t>(), 0);
  }
}

// ---- Along-dim ops: properties that hold exactly --------------------------------------------

TEST(SoftmaxProperties, RowsSumToOneAndLogSoftmaxIsShiftedByLogSumExp) {
  std::vector<float> v(3 * 1000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>((i * 7919) % 1000) / 50.0f;
  const Tensor x = ember::tensor(v).reshape({3, 1000});
  for (int64_t dim : {0, 1}) {
    const Tensor s = x.softmax(dim);
    EXPECT_TRUE(tensors_close(s.sum({dim}), ember::ones({dim == 0 ? 1000 : 3}), 1e-5, 1e-6));
    EXPECT_TRUE(tensors_close(x.log_softmax(dim), x - x.logsumexp({dim}, true), 1e-5, 1e-5));
  }
}

TEST(CumSumProperties, LastElementIsTheSum) {
  const Tensor x = ember::arange(100000, ember::kInt).reshape({4, 25000});
  const Tensor c = x.cumsum(1);
  EXPECT_EQ(c.dtype(), ember::kLong);
  // sum of 0..24999 plus 25000 * row for each element.
  for (int64_t r = 0; r < 4; ++r) {
    const int64_t expected = 24999LL * 25000 / 2 + r * 25000LL * 25000;
    EXPECT_EQ(c[r][24999].item<int64_t>(), expected);
  }
}

}  // namespace
