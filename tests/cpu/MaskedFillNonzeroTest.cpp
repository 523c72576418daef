// masked_fill and nonzero against PyTorch's results and messages.

#include <gtest/gtest.h>

#include <limits>

#include <ember/ember.h>

#include "IndexingReference.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::indexing_ref;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

TEST(MaskedFill, MatchesPyTorch) {
  const Tensor x = indexing_ref("in_x234"), xi = indexing_ref("in_xi234");
  const Tensor m34 = indexing_ref("in_m34"), m234 = indexing_ref("in_m234");
  EXPECT_TRUE(tensors_equal(x.masked_fill(m34, -2.5), indexing_ref("mf_broadcast")));
  EXPECT_TRUE(tensors_equal(masked_fill(x, m234, 0.0), indexing_ref("mf_full")));
  EXPECT_TRUE(tensors_equal(x.masked_fill(m34, tensor(4.0)), indexing_ref("mf_tensor_value")));
  EXPECT_TRUE(tensors_equal(masked_fill(x, m34, tensor(4)), indexing_ref("mf_tensor_value")));
  // The out-of-place result has the broadcast shape of self and mask.
  EXPECT_TRUE(tensors_equal(arange(4.f).masked_fill(m34, 9.0), indexing_ref("mf_outplace_bcast")));
  EXPECT_TRUE(tensors_equal(xi.masked_fill(m34, 2.7), indexing_ref("mf_int_float_value")));
  EXPECT_TRUE(tensors_equal(xi.to(kByte).masked_fill(m34, -1), indexing_ref("mf_uint8_neg")));
  EXPECT_TRUE(
      tensors_equal(indexing_ref("in_xi_even").masked_fill(m34, 5), indexing_ref("mf_bool")));
  EXPECT_TRUE(tensors_equal(x.to(kHalf).masked_fill(m34, std::numeric_limits<double>::infinity()),
                            indexing_ref("mf_half_inf")));
  EXPECT_TRUE(tensors_equal(x.transpose(0, 2).masked_fill(m34.t().unsqueeze(2), 1.0),
                            indexing_ref("mf_transposed")));
}

TEST(MaskedFill, InPlaceWritesThroughViews) {
  Tensor x = indexing_ref("in_x234");
  Tensor view = x.transpose(0, 2);
  const uint32_t v = x._version();
  Tensor& r = view.masked_fill_(indexing_ref("in_m34").t().unsqueeze(2), 1.0);
  EXPECT_TRUE(&r == &view);
  EXPECT_GT(x._version(), v);
  EXPECT_TRUE(tensors_equal(view, indexing_ref("mf_transposed")));
  Tensor y = zeros({2, 2});
  y.masked_fill_(tensor({true, false}), tensor(3.f));  // 0-d tensor value, broadcast mask
  EXPECT_TRUE(tensors_equal(y, tensor({{3.f, 0.f}, {3.f, 0.f}})));
}

TEST(MaskedFill, ValueRangeAsPyTorch) {
  const Tensor m = tensor({true, false, true});
  EXPECT_TRUE(
      throws_error_with([&] { zeros({3}, kChar).masked_fill(m, 300); },
                        "value cannot be converted to type int8_t without overflow (got 300)"));
  EXPECT_TRUE(throws_error_with([&] { zeros({3}, kByte).masked_fill(m, 256); },
                                "cannot be converted to type uint8_t without overflow"));
  EXPECT_TRUE(throws_error_with([&] { zeros({3}, kByte).masked_fill(m, -1.0); },
                                "cannot be converted to type uint8_t without overflow"));
  EXPECT_TRUE(throws_error_with([&] { zeros({3}, kLong).masked_fill(m, 1e30); },
                                "cannot be converted to type int64_t without overflow"));
  EXPECT_TRUE(throws_error_with(
      [&] { zeros({3}, kInt).masked_fill(m, std::numeric_limits<double>::quiet_NaN()); },
      "cannot be converted to type int without overflow"));
  EXPECT_TRUE(throws_error_with([&] { zeros({3}, kHalf).masked_fill(m, 70000); },
                                "cannot be converted to type ember::Half without overflow"));
  EXPECT_TRUE(throws_error_with([&] { zeros({3}).masked_fill(m, 1e39); },
                                "cannot be converted to type float without overflow"));
  EXPECT_TRUE(tensors_equal(zeros({3}, kBFloat16).masked_fill(m, 1e6),
                            tensor({999424.f, 0.f, 999424.f}).to(kBFloat16)));
  EXPECT_TRUE(tensors_equal(zeros({3}, kBool).masked_fill(m, 0.5), m));
  EXPECT_TRUE(tensors_equal(zeros({3}, kLong).masked_fill(m, int64_t{1} << 62),
                            tensor({int64_t{1} << 62, int64_t{0}, int64_t{1} << 62})));
}

TEST(MaskedFill, Errors) {
  const Tensor x = zeros({3});
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.masked_fill(tensor({1, 0, 1}), 2.0);
      },
      "masked_fill_ only supports boolean masks, but got mask with dtype "
      "Long"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.masked_fill(tensor({1, 0, 1}, kByte), 2.0);
      },
      "only supports boolean masks"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.masked_fill(tensor({true, false, true}), tensor({2.5f}));
      },
      "masked_fill_ only supports a 0-dimensional value tensor, but got "
      "tensor with 1 dimension(s)."));
  Tensor y = zeros({3});
  EXPECT_TRUE(throws_error_with(
      [&] {
        y.masked_fill_(ones({2, 3}, kBool), 1);
      },
      "output with shape [3] doesn't match the broadcast shape [2, 3]"));
  EXPECT_TRUE(throws_error_with([&] { x.masked_fill(ones({2}, kBool), 1); },
                                "must match the size of tensor b"));
  Tensor leaf = zeros({3}).requires_grad_();
  EXPECT_TRUE(throws_error_with([&] { leaf.masked_fill_(ones({3}, kBool), 1); },
                                "a leaf Variable that requires grad"));
}

TEST(Nonzero, MatchesPyTorch) {
  EXPECT_TRUE(tensors_equal(
      nonzero(tensor({{std::numeric_limits<float>::quiet_NaN(), 0.f, -0.f}, {1e-30f, 0.f, -2.f}})),
      indexing_ref("nz_floats")));
  EXPECT_TRUE(tensors_equal(tensor(5).nonzero(), indexing_ref("nz_0d")));
  EXPECT_TRUE(tensors_equal(tensor(0).nonzero(), indexing_ref("nz_0d_zero")));
  EXPECT_TRUE(tensors_equal(zeros({0, 3}).nonzero(), indexing_ref("nz_empty")));
  // A transposed (non-contiguous) input: coordinates in its own row-major order.
  const Tensor t =
      indexing_ref("in_nz_tmod3").contiguous().transpose(0, 2).contiguous().transpose(0, 2);
  ASSERT_FALSE(t.is_contiguous());
  EXPECT_TRUE(tensors_equal(t.nonzero(), indexing_ref("nz_transposed")));
}

// Larger than one chunk of the parallel kernel; the expected coordinates come from a plain loop.
TEST(Nonzero, LargeInputAcrossChunks) {
  const int64_t rows = 300, cols = 1001;
  std::vector<int32_t> values(static_cast<size_t>(rows * cols));
  std::vector<int64_t> expected;
  for (int64_t i = 0; i < rows * cols; ++i) {
    values[i] = (i * 7919) % 13 == 0 ? static_cast<int32_t>(i % 5 + 1) : 0;
    if (values[i] != 0) {
      expected.push_back(i / cols);
      expected.push_back(i % cols);
    }
  }
  const Tensor in = tensor(values).reshape({rows, cols});
  const Tensor want = tensor(expected).reshape({static_cast<int64_t>(expected.size() / 2), 2});
  EXPECT_TRUE(tensors_equal(in.nonzero(), want));
  const int threads = get_num_threads();
  set_num_threads(1);
  EXPECT_TRUE(tensors_equal(in.nonzero(), want));
  set_num_threads(threads);
}

}  // namespace
