// Pooling and batch normalisation: values and gradients against PyTorch, the layers, and
// PyTorch's errors for bad arguments.

#include "CnnTestUtils.h"

namespace {

using cnn_test::Inputs;
using ember::Tensor;
namespace F = ember::nn::functional;

TEST(Pooling, MatchesTorch) {
  CNN_CASE1(max_pool2d, [](const Inputs& in) {
    return ember::max_pool2d(in[0], 3, 2, 1, {1, 2}, /*ceil_mode=*/true);
  });
  CNN_CASE1(max_pool1d,
            [](const Inputs& in) { return F::max_pool1d(in[0], F::MaxPool1dFuncOptions(2)); });
  CNN_CASE1(avg_pool2d, [](const Inputs& in) {
    return F::avg_pool2d(
        in[0],
        F::AvgPool2dFuncOptions(3).stride(2).padding(1).ceil_mode(true).count_include_pad(false));
  });
  CNN_CASE1(avg_pool2d_pad, [](const Inputs& in) {
    return ember::avg_pool2d(in[0], {2, 3}, {1, 2}, 1);
  });
  CNN_CASE1(avg_pool2d_divisor,
            [](const Inputs& in) { return ember::avg_pool2d(in[0], 2, {}, 0, false, true, 3); });
  CNN_CASE1(avg_pool1d, [](const Inputs& in) { return ember::avg_pool1d(in[0], 3, 2, 1); });
  CNN_CASE1(adaptive_avg_pool2d, [](const Inputs& in) {
    return F::adaptive_avg_pool2d(in[0], F::AdaptiveAvgPool2dFuncOptions({3, 4}));
  });
  CNN_CASE1(adaptive_avg_pool1d,
            [](const Inputs& in) { return ember::adaptive_avg_pool1d(in[0], 4); });
}

TEST(Pooling, MaxPoolIndicesAsTorch) {
  auto [values, indices] =
      ember::max_pool2d_with_indices(CNN_REF(max_pool2d_idx_in), 3, 2, 1, {1, 2}, true);
  EXPECT_EQ(indices.dtype(), ember::kLong);
  EXPECT_TRUE(ember::equal(indices.to(ember::kDouble), CNN_REF(max_pool2d_idx_indices)));
  const Tensor x = ember::randn({1, 1, 4, 4}).requires_grad_();
  EXPECT_EQ(ember::max_pool2d(x, 2).grad_fn()->name(), "MaxPool2DWithIndicesBackward0");
}

TEST(Pooling, Layers) {
  ember::nn::MaxPool2d max_pool(ember::nn::MaxPool2dOptions(2).stride(2));
  EXPECT_EQ(layers_repr(max_pool),
            "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)");
  EXPECT_EQ(max_pool(ember::randn({2, 3, 8, 7})).sizes().vec(), (std::vector<int64_t>{2, 3, 4, 3}));
  ember::nn::AvgPool2d avg_pool(ember::nn::AvgPool2dOptions({2, 3}).padding(1));
  EXPECT_EQ(layers_repr(avg_pool), "AvgPool2d(kernel_size=(2, 3), stride=(2, 3), padding=1)");
  ember::nn::AdaptiveAvgPool2d adaptive(ember::nn::AdaptiveAvgPool2dOptions({1, 1}));
  const Tensor x = ember::randn({2, 3, 5, 4});
  EXPECT_TRUE(ember::allclose(adaptive(x), x.mean({2, 3}, true)));
  ember::nn::MaxPool1d max_pool1d(3);
  EXPECT_EQ(max_pool1d(ember::randn({2, 9})).sizes().vec(), (std::vector<int64_t>{2, 3}));
}

TEST(Pooling, ErrorsAsTorch) {
  const Tensor x = ember::randn({2, 3, 8, 8});
  EXPECT_ERROR_MSG(ember::max_pool2d(ember::randn({3, 8}), 2),
                   "non-empty 3D or 4D (batch mode) tensor expected for input");
  EXPECT_ERROR_MSG(ember::max_pool2d(x, 2, {}, 2),
                   "pad should be at most half of effective kernel size, but got pad=2, "
                   "kernel_size=2 and dilation=1");
  EXPECT_ERROR_MSG(ember::max_pool2d(x, 2, 0), "stride should not be zero");
  EXPECT_ERROR_MSG(ember::max_pool2d(x, 2, {}, 0, 0),
                   "dilation should be greater than zero, but got dilationH: 0 dilationW: 0");
  EXPECT_ERROR_MSG(ember::max_pool2d(ember::randn({2, 3, 2, 2}), 3),
                   "Given input size: (3x2x2). Calculated output size: (3x0x0). Output size is "
                   "too small");
  EXPECT_ERROR_MSG(ember::max_pool2d(x, 2, {}, -1), "pad must be non-negative, but got pad: -1");
  EXPECT_ERROR_MSG(ember::avg_pool2d(x, 2, {}, 0, false, true, 0), "divisor must be not zero");
  EXPECT_ERROR_MSG(ember::adaptive_avg_pool2d(ember::randn({3, 8}), {2, 2}),
                   "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [3, 8]");
  EXPECT_ERROR_MSG(ember::max_pool1d(x, 2),
                   "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch "
                   "size for input, but got:[2, 3, 8, 8]");
  EXPECT_ERROR_MSG(ember::avg_pool1d(x, 2),
                   "Expected 2 to 3 dimensions, but got 4-dimensional tensor for argument #1 "
                   "'self' (while checking arguments for avg_pool1d)");
}

TEST(BatchNorm, MatchesTorch) {
  Tensor rm = CNN_REF(bn_running_mean).clone(), rv = CNN_REF(bn_running_var).clone();
  CNN_CASE3(bn_train, [&](const Inputs& in) {
    return ember::batch_norm(in[0], in[1], in[2], rm, rv, true, 0.2, 1e-3);
  });
  cnn_test::expect_close(rm, CNN_REF(bn_train_running_mean), "running_mean");
  cnn_test::expect_close(rv, CNN_REF(bn_train_running_var), "running_var");
  CNN_CASE3(bn_eval, [](const Inputs& in) {
    return F::batch_norm(in[0], CNN_REF(bn_running_mean), CNN_REF(bn_running_var),
                         F::BatchNormFuncOptions().weight(in[1]).bias(in[2]));
  });
}

TEST(BatchNorm, LayersAsTorch) {
  ember::nn::BatchNorm1d bn(ember::nn::BatchNormOptions(3).momentum(std::nullopt));
  bn->to(ember::kDouble);
  bn(CNN_REF(bn_cumulative_x1));
  bn(CNN_REF(bn_cumulative_x2));
  cnn_test::expect_close(bn->running_mean, CNN_REF(bn_cumulative_running_mean), "mean");
  cnn_test::expect_close(bn->running_var, CNN_REF(bn_cumulative_running_var), "var");
  EXPECT_EQ(bn->num_batches_tracked.item<int64_t>(), 2);
  EXPECT_EQ(bn->num_batches_tracked.dtype(), ember::kLong);
  ember::nn::BatchNorm2d bn2(4);
  EXPECT_EQ(layers_repr(bn2),
            "BatchNorm2d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)");
  const Tensor x = ember::randn({3, 4, 2, 2});
  bn2->eval();
  // Fresh running statistics (0, 1): eval is x / sqrt(1 + eps).
  EXPECT_TRUE(ember::allclose(bn2(x), x / std::sqrt(1 + 1e-5), 1e-5, 1e-6));
  EXPECT_EQ(bn2->named_buffers().size(), 3u);
  EXPECT_ERROR_MSG(bn2(ember::randn({2, 4})), "expected 4D input (got 2D input)");
  EXPECT_ERROR_MSG(bn(ember::randn({2, 3, 4, 4})), "expected 2D or 3D input (got 4D input)");
}

TEST(BatchNorm, ErrorsAsTorch) {
  const Tensor x = ember::randn({2, 3, 8, 8});
  EXPECT_ERROR_MSG(
      ember::batch_norm(x, {}, {}, ember::zeros({4}), ember::ones({4}), false, 0.1, 1e-5),
      "running_mean should contain 3 elements not 4");
  EXPECT_ERROR_MSG(ember::batch_norm(ember::randn({1, 3}), {}, {}, {}, {}, true, 0.1, 1e-5),
                   "Expected more than 1 value per channel when training, got input size [1, 3]");
  EXPECT_ERROR_MSG(ember::batch_norm(x, ember::ones({4}), {}, {}, {}, true, 0.1, 1e-5),
                   "weight should contain 3 elements not 4");
}

}  // namespace
