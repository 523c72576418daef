// Sorting, selection, counting and scans beyond the PyTorch reference cases: PyTorch's errors
// for bad arguments, ties (where PyTorch leaves the index unspecified, the index must name an
// element of the returned value), the radix path on long lines against std::stable_sort,
// strided inputs, 0-d and empty inputs, dtype rules.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "TestUtils.h"
#include "ember/ember.h"

namespace {

using namespace ember;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

Tensor longs(std::vector<int64_t> v) { return tensor(v, TensorOptions().dtype(kLong)); }

TEST(Sorting, Errors) {
  const Tensor x = tensor({1.0f, 2.0f, 3.0f});
  EXPECT_TRUE(throws_error_with([&] { x.sort(2); }, "out of range"));
  EXPECT_TRUE(throws_error_with([&] { x.topk(4); }, "selected index k out of range"));
  EXPECT_TRUE(throws_error_with([&] { x.topk(-1); }, "selected index k out of range"));
  EXPECT_TRUE(throws_error_with([&] { x.kthvalue(0); },
                                "kthvalue(): selected number k out of range for dimension 0"));
  EXPECT_TRUE(throws_error_with([&] { x.kthvalue(4); }, "selected number k out of range"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        zeros({2, 0}).median(1);
      },
      "median(): Expected reduction dim 1 to have non-zero size."));
  EXPECT_TRUE(throws_error_with([&] { zeros({0}).mode(0); },
                                "mode(): Expected reduction dim 0 to have non-zero size."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        longs({1, 2}).quantile(0.5);
      },
      "quantile() input tensor must be either float or double dtype"));
  EXPECT_TRUE(
      throws_error_with([&] { x.quantile(1.5); }, "quantile() q must be in the range [0, 1]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.quantile(tensor({0.5f, -0.1f}));
      },
      "q values must be in the range [0, 1]"));
  EXPECT_TRUE(throws_error_with([&] { x.quantile(0.5, std::nullopt, false, "foo"); },
                                "quantile() interpolation must be one of linear, lower, higher, "
                                "midpoint or nearest, but got foo"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.quantile(zeros({1, 1}));
      },
      "quantile() q must be a scalar or 1D tensor"));
  EXPECT_TRUE(throws_error_with([&] { zeros({0}).quantile(0.5); },
                                "quantile() input tensor must be non-empty"));
  EXPECT_TRUE(throws_error_with([&] { x.quantile(tensor({0.5}, TensorOptions().dtype(kDouble))); },
                                "quantile() q tensor must be same dtype as the input tensor"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        longs({1, -1}).bincount();
      },
      "bincount only supports 1-d non-negative integral inputs."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        longs({1, 2}).reshape({1, 2}).bincount();
      },
      "bincount only supports 1-d non-negative integral inputs."));
  EXPECT_TRUE(throws_error_with([&] { x.bincount(); }, "bincount: not implemented for Float"));
  EXPECT_TRUE(throws_error_with([&] { longs({1}).bincount(std::nullopt, -1); },
                                "minlength should be >= 0"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        longs({1, 2}).bincount(tensor({1.0}));
      },
      "weights should be 1-d and have the same length as input"));
  EXPECT_TRUE(
      throws_error_with([&] { x.histc(3, 3, 1); }, "torch.histc: max must be larger than min"));
  EXPECT_TRUE(throws_error_with([&] { x.histc(0); }, "bins must be > 0"));
  EXPECT_TRUE(throws_error_with([&] { longs({1, 2}).histc(); }, "histc: not implemented for Long"));
  EXPECT_TRUE(throws_error_with([&] { tensor({1.0f, NAN}).histc(3); }, "is not finite"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        searchsorted(zeros({2, 2}), zeros({3}));
      },
      "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions"));
  EXPECT_TRUE(throws_error_with([&] { searchsorted(x, x, false, false, "foo"); },
                                "side can only be 'left' or 'right' but got foo"));
  EXPECT_TRUE(throws_error_with([&] { searchsorted(x, x, false, true, "left"); },
                                "side and right can't be set to opposites"));
  EXPECT_TRUE(throws_error_with([&] { searchsorted(x, x, false, false, std::nullopt, longs({0})); },
                                "boundary and sorter must have the same size"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        searchsorted(x, x, false, false, std::nullopt, longs({0, 1, 5}));
      },
      "sorter index out of range"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        bucketize(x, zeros({1, 3}));
      },
      "boundaries tensor must be 1 dimension, but got dim(2)"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        longs({1, 2}).logcumsumexp(0);
      },
      "logcumsumexp: not implemented for Long"));
  EXPECT_TRUE(throws_error_with([&] { x.cummax(1); }, "out of range"));
  EXPECT_TRUE(throws_error_with([&] { unique_consecutive(x, false, false, 0); }, "dim"));
}

TEST(Sorting, RadixPathMatchesStableSort) {
  // Long lines take the radix sort: compare with std::stable_sort of the same keys.
  std::mt19937 rng(7);
  std::vector<float> v(5000);
  for (float& f : v) f = static_cast<float>(static_cast<int>(rng() % 200) - 100) / 4.0f;
  v[17] = NAN;
  v[4000] = -0.0f;
  v[4001] = 0.0f;
  const Tensor x = from_blob(v.data(), {5000}, kFloat).clone();
  for (bool descending : {false, true}) {
    std::vector<int64_t> order(v.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
      const float fa = v[a], fb = v[b];
      if (std::isnan(fa) || std::isnan(fb)) {
        return descending ? std::isnan(fa) && !std::isnan(fb) : !std::isnan(fa) && std::isnan(fb);
      }
      return descending ? fa > fb : fa < fb;
    });
    EXPECT_TRUE(tensors_equal(std::get<1>(x.sort(0, descending)), longs(order)));
  }
}

TEST(Sorting, StridedAndBatched) {
  const Tensor base = randn({40, 30});
  const Tensor x = base.t();  // non-contiguous
  auto [v, i] = x.sort(1);
  auto [vc, ic] = x.contiguous().sort(1);
  EXPECT_TRUE(tensors_equal(v, vc));
  EXPECT_TRUE(tensors_equal(i, ic));
  EXPECT_TRUE(tensors_equal(x.gather(1, i), v));
  auto [tv, ti] = x.topk(5, 0);
  EXPECT_TRUE(tensors_equal(tv, std::get<0>(x.sort(0, true)).narrow(0, 0, 5)));
  EXPECT_TRUE(tensors_equal(x.gather(0, ti), tv));
}

TEST(Sorting, TiesSelectAnElementOfTheValue) {
  // PyTorch does not specify which of equal elements topk / kthvalue / median return.
  const Tensor x = tensor({3.0f, 1.0f, 2.0f, 1.0f, 3.0f, 1.0f, 2.0f});
  auto [tv, ti] = x.topk(3);
  EXPECT_TRUE(tensors_equal(tv, tensor({3.0f, 3.0f, 2.0f})));
  EXPECT_TRUE(tensors_equal(x.gather(0, ti), tv));
  EXPECT_TRUE(tensors_equal(ti, longs({0, 4, 2})));  // lower index first
  auto [kv, ki] = x.kthvalue(4);
  EXPECT_EQ(kv.item<float>(), 2.0f);
  EXPECT_EQ(x[ki.item<int64_t>()].item<float>(), 2.0f);
  auto [mv, mi] = x.median(0);
  EXPECT_EQ(mv.item<float>(), 2.0f);
  EXPECT_EQ(x[mi.item<int64_t>()].item<float>(), 2.0f);
  // mode: the smallest most frequent value, at its last occurrence (as PyTorch).
  auto [ov, oi] = x.mode();
  EXPECT_EQ(ov.item<float>(), 1.0f);
  EXPECT_EQ(oi.item<int64_t>(), 5);
}

TEST(Sorting, ScalarsEmptiesAndDtypes) {
  const Tensor s = full({}, 2.5);
  EXPECT_EQ(std::get<0>(s.sort()).item<double>(), 2.5);
  EXPECT_EQ(std::get<1>(s.topk(1)).item<int64_t>(), 0);
  EXPECT_EQ(s.cumprod(0).item<double>(), 2.5);
  EXPECT_EQ(std::get<1>(s.cummax(0)).item<int64_t>(), 0);
  EXPECT_TRUE(std::isnan(zeros({0}).median().item<float>()));
  EXPECT_EQ(std::get<0>(zeros({3, 0}).sort(1)).sizes(), IntArrayRef({3, 0}));
  EXPECT_EQ(std::get<0>(zeros({4, 5}).topk(0)).sizes(), IntArrayRef({4, 0}));
  EXPECT_EQ(longs({1, 2}).cumprod(0).dtype(), kLong);
  EXPECT_EQ(tensor({1, 2}, TensorOptions().dtype(kInt)).cumprod(0).dtype(), kLong);
  EXPECT_EQ(longs({1, 2}).cumprod(0, kFloat).dtype(), kFloat);
  EXPECT_EQ(longs({}).bincount().sizes(), IntArrayRef({0}));
  EXPECT_EQ(longs({1}).bincount(longs({3})).dtype(), kDouble);
  EXPECT_EQ(searchsorted(longs({1, 3}), 2).item<int64_t>(), 1);
  EXPECT_EQ(bucketize(2.5, tensor({1.0, 2.0, 3.0})).item<int64_t>(), 2);
  auto [u, inv, cnt] = unique(zeros({0}), true, true, true);
  EXPECT_EQ(u.numel(), 0);
  EXPECT_EQ(inv.numel(), 0);
  // argsort(stable, dim) and sort(stable, dim) agree with the default overloads.
  const Tensor x = tensor({2, 1, 2, 0}, TensorOptions().dtype(kInt));
  EXPECT_TRUE(tensors_equal(x.argsort(true, 0), longs({3, 1, 0, 2})));
  EXPECT_TRUE(
      tensors_equal(std::get<1>(x.sort(std::optional<bool>(true), 0, true)), longs({0, 2, 1, 3})));
}

TEST(Sorting, GradientNodesHavePyTorchsNames) {
  const Tensor x = randn({3, 4}, TensorOptions().dtype(kDouble)).requires_grad_();
  EXPECT_EQ(std::get<0>(x.sort(1)).grad_fn()->name(), "SortBackward0");
  EXPECT_EQ(std::get<0>(x.sort(std::optional<bool>(true), 1)).grad_fn()->name(), "SortBackward1");
  EXPECT_EQ(std::get<0>(x.topk(2)).grad_fn()->name(), "TopkBackward0");
  EXPECT_EQ(std::get<0>(x.kthvalue(2)).grad_fn()->name(), "KthvalueBackward0");
  EXPECT_EQ(x.median().grad_fn()->name(), "MedianBackward0");
  EXPECT_EQ(std::get<0>(x.median(0)).grad_fn()->name(), "MedianBackward1");
  EXPECT_EQ(std::get<0>(x.mode(0)).grad_fn()->name(), "ModeBackward0");
  EXPECT_EQ(std::get<0>(x.cummax(0)).grad_fn()->name(), "CummaxBackward0");
  EXPECT_EQ(x.cumprod(0).grad_fn()->name(), "CumprodBackward0");
  EXPECT_EQ(x.logcumsumexp(0).grad_fn()->name(), "LogcumsumexpBackward0");
  EXPECT_FALSE(std::get<1>(x.sort(1)).requires_grad());
}

TEST(Sorting, CumprodGradientWithZeros) {
  // d/dx of sum(cumprod(x)) for x = [2, 0, 3, 0, 5] (PyTorch's values).
  const Tensor x = tensor({2.0, 0.0, 3.0, 0.0, 5.0}).requires_grad_();
  x.cumprod(0).sum().backward();
  EXPECT_TRUE(ember_test::tensors_close(x.grad(), tensor({1.0, 8.0, 0.0, 0.0, 0.0}), 1e-12, 1e-12));
  const Tensor y = tensor({2.0, 3.0, 0.0, 4.0}).requires_grad_();
  y.cumprod(0).sum().backward();
  EXPECT_TRUE(
      ember_test::tensors_close(y.grad(), tensor({4.0, 2.0, 6.0 + 24.0, 0.0}), 1e-12, 1e-12));
}

}  // namespace
