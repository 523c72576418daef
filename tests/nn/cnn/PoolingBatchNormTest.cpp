// Pooling and batch normalisation: values and gradients against PyTorch, the layers, and
// PyTorch's errors for bad arguments.

#include <cmath>
#include <limits>
#include "CnnTestUtils.h"

#include "ember/core/functions/NormalizationPoolingBackward.h"

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
  CNN_CASE1(avg_pool2d_ceil_include_pad,
            [](const Inputs& in) { return ember::avg_pool2d(in[0], 3, 2, 1, true); });
  CNN_CASE1(avg_pool2d_ceil_divisor, [](const Inputs& in) {
    return ember::avg_pool2d(in[0], {3, 2}, {2, 3}, 1, true, true, 5);
  });
  CNN_CASE1(adaptive_avg_pool2d_overlap, [](const Inputs& in) {
    return ember::adaptive_avg_pool2d(in[0], {5, 7});
  });
}

TEST(Pooling, AverageNodesAsTorch) {
  const Tensor x = ember::randn({2, 3, 6, 5}).requires_grad_();
  const Tensor avg = ember::avg_pool2d(x, 3, 2, 1, true, false);
  EXPECT_EQ(avg.grad_fn()->name(), "AvgPool2DBackward0");
  const Tensor adaptive = ember::adaptive_avg_pool2d(x, {4, 2});
  EXPECT_EQ(adaptive.grad_fn()->name(), "AdaptiveAvgPool2DBackward0");
  // As ATen, a 1x1 output is the plane's mean.
  EXPECT_EQ(ember::adaptive_avg_pool2d(x, {1, 1}).grad_fn()->name(), "MeanBackward1");
  // The backward records its own node, whose backward is the forward pooling again.
  const Tensor gout = ember::randn(avg.sizes()).requires_grad_();
  const Tensor gin = ember::autograd::grad({avg}, {x}, {gout}, true, true)[0];
  EXPECT_EQ(gin.grad_fn()->name(), "AvgPool2DBackwardBackward0");
  const Tensor u = ember::randn(gin.sizes());
  const Tensor ggout = ember::autograd::grad({gin}, {gout}, {u})[0];
  EXPECT_TRUE(ember::allclose(ggout, ember::avg_pool2d(u, 3, 2, 1, true, false), 1e-5, 1e-6));
  const Tensor agout = ember::randn(adaptive.sizes()).requires_grad_();
  const Tensor again = ember::autograd::grad({adaptive}, {x}, {agout}, true, true)[0];
  EXPECT_EQ(again.grad_fn()->name(), "AdaptiveAvgPool2DBackwardBackward0");
  // The public backward functions agree with autograd.
  EXPECT_TRUE(ember::allclose(ember::avg_pool2d_backward(gout.detach(), x.detach(), {3}, {2}, {1},
                                                         true, false, std::nullopt),
                              gin.detach(), 1e-5, 1e-6));
  EXPECT_TRUE(ember::allclose(ember::_adaptive_avg_pool2d_backward(agout.detach(), x.detach()),
                              again.detach(), 1e-5, 1e-6));
  EXPECT_ERROR_MSG(ember::avg_pool2d_backward(ember::randn({2, 3, 2, 2}), x.detach(), {3}, {2}, {1},
                                              true, false, std::nullopt),
                   "avg_pool2d_backward: expected grad_output of size [2, 3, 4, 3], but got "
                   "[2, 3, 2, 2]");
}

TEST(Pooling, AverageFloat32AndUnbatchedMatchDouble) {
  const Tensor x = CNN_REF(avg_pool2d_ceil_include_pad_in0);
  const Tensor expected = CNN_REF(avg_pool2d_ceil_include_pad_out);
  cnn_test::expect_close(ember::avg_pool2d(x.to(ember::kFloat), 3, 2, 1, true), expected, "float32",
                         1e-5);
  cnn_test::expect_close(ember::avg_pool2d(x[1], 3, 2, 1, true), expected[1], "unbatched");
  const Tensor a = CNN_REF(adaptive_avg_pool2d_overlap_in0);
  cnn_test::expect_close(ember::adaptive_avg_pool2d(a.to(ember::kFloat)[0], {5, 7}),
                         CNN_REF(adaptive_avg_pool2d_overlap_out)[0], "adaptive float32", 1e-5);
}

TEST(Pooling, MaxPoolIndicesAsTorch) {
  auto [values, indices] =
      ember::max_pool2d_with_indices(CNN_REF(max_pool2d_idx_in), 3, 2, 1, {1, 2}, true);
  EXPECT_EQ(indices.dtype(), ember::kLong);
  EXPECT_TRUE(ember::equal(indices.to(ember::kDouble), CNN_REF(max_pool2d_idx_indices)));
  const Tensor x = ember::randn({1, 1, 4, 4}).requires_grad_();
  EXPECT_EQ(ember::max_pool2d(x, 2).grad_fn()->name(), "MaxPool2DWithIndicesBackward0");
}

// 2x2 windows at stride 2 (the CPU's branch-free path) pick what the generic window loop
// picks: the first of tied maxima in row-major order, the last NaN of a window; odd sizes
// drop the last row and column. Checked against the loop written out here.
TEST(Pooling, MaxPool2x2TiesAndNaNsAsTheWindowOrder) {
  for (ember::Dtype dtype : {ember::kFloat, ember::kDouble}) {
    ember::manual_seed(8);
    // Small integers: many ties. NaN at a few places, two in one window.
    Tensor x = ember::randint(0, 3, {2, 3, 7, 9}).to(dtype);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    x.index_put_({0, 1, 2, 4}, nan);
    x.index_put_({1, 2, 0, 0}, nan);
    x.index_put_({1, 2, 1, 1}, nan);
    auto [values, indices] = ember::max_pool2d_with_indices(x, 2);
    ASSERT_EQ(values.sizes().vec(), (std::vector<int64_t>{2, 3, 3, 4}));
    const Tensor xd = x.to(ember::kDouble);
    for (int64_t n = 0; n < 2; ++n) {
      for (int64_t c = 0; c < 3; ++c) {
        for (int64_t oh = 0; oh < 3; ++oh) {
          for (int64_t ow = 0; ow < 4; ++ow) {
            double best = xd.index({n, c, 2 * oh, 2 * ow}).item<double>();
            int64_t best_index = 2 * oh * 9 + 2 * ow;
            for (int64_t i = 0; i < 2; ++i) {
              for (int64_t j = 0; j < 2; ++j) {
                const double v = xd.index({n, c, 2 * oh + i, 2 * ow + j}).item<double>();
                if (v > best || std::isnan(v)) {
                  best = v;
                  best_index = (2 * oh + i) * 9 + 2 * ow + j;
                }
              }
            }
            const double got = values.index({n, c, oh, ow}).item<double>();
            EXPECT_TRUE(got == best || (std::isnan(got) && std::isnan(best))) << n << c << oh << ow;
            EXPECT_EQ(indices.index({n, c, oh, ow}).item<int64_t>(), best_index)
                << n << c << oh << ow;
          }
        }
      }
    }
  }
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

TEST(BatchNorm, NativeKernelsAsTorch) {
  CNN_CASE1(bn_train_plain, [](const Inputs& in) {
    return ember::batch_norm(in[0], {}, {}, {}, {}, true, 0.1, 1e-5);
  });
  // float32 against the float64 reference.
  const Tensor x = CNN_REF(bn_train_plain_in0);
  cnn_test::expect_close(ember::batch_norm(x.to(ember::kFloat), {}, {}, {}, {}, true, 0.1, 1e-5),
                         CNN_REF(bn_train_plain_out), "float32", 1e-5);
  const Tensor xr = x.clone().requires_grad_();
  auto [out, save_mean, save_invstd] =
      ember::native_batch_norm(xr, {}, {}, {}, {}, true, 0.1, 1e-5);
  EXPECT_EQ(out.grad_fn()->name(), "NativeBatchNormBackward0");
  cnn_test::expect_close(save_mean, x.mean({0, 2, 3}), "save_mean");
  cnn_test::expect_close(save_invstd, ember::rsqrt(ember::var(x, {0, 2, 3}, false, false) + 1e-5),
                         "save_invstd");
  const Tensor gout = CNN_REF(bn_train_plain_gout);
  auto [gi, gw, gb] = ember::native_batch_norm_backward(gout, x, {}, {}, {}, save_mean, save_invstd,
                                                        true, 1e-5, {true, false, true});
  cnn_test::expect_close(gi, CNN_REF(bn_train_plain_grad0), "native_batch_norm_backward");
  EXPECT_FALSE(gw.defined());
  cnn_test::expect_close(gb, gout.sum({0, 2, 3}), "grad_bias");
  // Evaluation returns no saved statistics.
  auto [eval_out, eval_mean, eval_invstd] =
      ember::native_batch_norm(x, {}, {}, ember::zeros({4}, ember::kDouble),
                               ember::ones({4}, ember::kDouble), false, 0.1, 1e-5);
  EXPECT_EQ(eval_mean.numel(), 0);
  EXPECT_EQ(eval_invstd.numel(), 0);
  cnn_test::expect_close(eval_out, x / std::sqrt(1 + 1e-5), "eval");
}

// Second derivatives against PyTorch's (its batchnorm_double_backward).
void expect_double_backward(const char* mode, bool training, const Inputs& r) {
  const Tensor x = r[0].clone().requires_grad_(), w = r[1].clone().requires_grad_();
  const Tensor b = r[2].clone().requires_grad_(), gout = r[3].clone().requires_grad_();
  const Tensor rm = CNN_REF(bn_running_mean).slice(0, 0, 2).clone();
  const Tensor rv = CNN_REF(bn_running_var).slice(0, 0, 2).clone();
  const Tensor out = ember::batch_norm(x, w, b, rm, rv, training, 0.1, 1e-3);
  const auto g = ember::autograd::grad({(out * gout).sum()}, {x, w, b}, {}, true, true);
  // The first backward, recorded, is one node, as PyTorch's.
  EXPECT_EQ(g[0].grad_fn()->name(), "NativeBatchNormBackwardBackward0");
  EXPECT_EQ(g[1].grad_fn()->name(), "NativeBatchNormBackwardBackward0");
  cnn_test::expect_close(g[0], r[7], std::string(mode) + " gi");
  cnn_test::expect_close(g[1], r[8], std::string(mode) + " gw");
  cnn_test::expect_close(g[2], r[9], std::string(mode) + " gb");
  const Tensor s = (g[0] * r[4]).sum() + (g[1] * r[5]).sum() + (g[2] * r[6]).sum();
  const auto gg = ember::autograd::grad({s}, {x, w, gout});
  cnn_test::expect_close(gg[0], r[10], std::string(mode) + " dx");
  cnn_test::expect_close(gg[1], r[11], std::string(mode) + " dw");
  cnn_test::expect_close(gg[2], r[12], std::string(mode) + " dgout");
}

#define BN_DOUBLE_REFS(mode)                                                                     \
  Inputs {                                                                                       \
    CNN_REF(bn_double_##mode##_x), CNN_REF(bn_double_##mode##_w), CNN_REF(bn_double_##mode##_b), \
        CNN_REF(bn_double_##mode##_gout), CNN_REF(bn_double_##mode##_u),                         \
        CNN_REF(bn_double_##mode##_v), CNN_REF(bn_double_##mode##_z),                            \
        CNN_REF(bn_double_##mode##_gi), CNN_REF(bn_double_##mode##_gw),                          \
        CNN_REF(bn_double_##mode##_gb), CNN_REF(bn_double_##mode##_dx),                          \
        CNN_REF(bn_double_##mode##_dw), CNN_REF(bn_double_##mode##_dgout)                        \
  }

TEST(BatchNorm, DoubleBackwardAsTorch) {
  expect_double_backward("train", true, BN_DOUBLE_REFS(train));
  expect_double_backward("eval", false, BN_DOUBLE_REFS(eval));
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
