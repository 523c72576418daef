// conv1d, conv2d, conv_transpose2d: values and gradients against PyTorch, the layers'
// default initialisation, and PyTorch's errors for bad arguments.

#include "CnnTestUtils.h"

namespace {

using cnn_test::Inputs;
using ember::Tensor;
namespace F = ember::nn::functional;

TEST(Convolution, MatchesTorch) {
  CNN_CASE3(conv2d_basic, [](const Inputs& in) { return ember::conv2d(in[0], in[1], in[2]); });
  CNN_CASE3(conv2d_groups, [](const Inputs& in) {
    return ember::conv2d(in[0], in[1], in[2], {2, 1}, {1, 2}, {1, 2}, 2);
  });
  CNN_CASE2(conv2d_same, [](const Inputs& in) {
    return F::conv2d(in[0], in[1], F::Conv2dFuncOptions().padding(ember::kSame).dilation({1, 2}));
  });
  CNN_CASE2(conv2d_unbatched, [](const Inputs& in) { return ember::conv2d(in[0], in[1], {}, 2); });
  CNN_CASE3(conv1d, [](const Inputs& in) {
    return F::conv1d(in[0], in[1], F::Conv1dFuncOptions().bias(in[2]).stride(2).padding(1));
  });
  CNN_CASE2(conv1d_same,
            [](const Inputs& in) { return ember::conv1d(in[0], in[1], {}, 1, "same"); });
  CNN_CASE3(conv_transpose2d, [](const Inputs& in) {
    return ember::conv_transpose2d(in[0], in[1], in[2], 2, 1, 1, 2);
  });
  CNN_CASE2(conv_transpose2d_dilated, [](const Inputs& in) {
    return F::conv_transpose2d(in[0], in[1],
                               F::ConvTranspose2dFuncOptions()
                                   .stride({2, 3})
                                   .padding({0, 1})
                                   .output_padding({1, 2})
                                   .dilation(2));
  });
}

// 3x3 at stride 1 with 8 or more channels: Winograd on the CPU (float64 here), im2col on CUDA.
TEST(Convolution, WinogradCasesMatchTorch) {
  CNN_CASE3(conv2d_winograd,
            [](const Inputs& in) { return ember::conv2d(in[0], in[1], in[2], 1, 1); });
  CNN_CASE2(conv2d_winograd_pad02, [](const Inputs& in) {
    return ember::conv2d(in[0], in[1], {}, 1, std::vector<int64_t>{0, 2});
  });
  CNN_CASE3(conv_transpose2d_winograd,
            [](const Inputs& in) { return ember::conv_transpose2d(in[0], in[1], in[2], 1, 1); });
  CNN_CASE2(conv_transpose2d_winograd_pad2,
            [](const Inputs& in) { return ember::conv_transpose2d(in[0], in[1], {}, 1, 2); });
}

TEST(Convolution, WinogradFloatMatchesDouble) {
  const Tensor x = CNN_REF(conv2d_winograd_in0), w = CNN_REF(conv2d_winograd_in1);
  const Tensor b = CNN_REF(conv2d_winograd_in2);
  const Tensor out =
      ember::conv2d(x.to(ember::kFloat), w.to(ember::kFloat), b.to(ember::kFloat), 1, 1);
  cnn_test::expect_close(out, CNN_REF(conv2d_winograd_out), "float Winograd conv2d", 1e-4);
}

// On the CPU a batch whose columns pass 2 MiB is convolved a slice of samples at a time:
// values and gradients equal those of the samples convolved one by one. Shapes: 64 channels
// x 9 taps x 64x64 positions in float64 is 18.9 MB a sample (one sample a slice); 8 channels
// at 32x32 is 0.6 MB a sample (three samples a slice, the second slice shorter).
void expect_sliced_as_samples(int64_t n, int64_t channels, int64_t side) {
  ember::manual_seed(12);
  const Tensor x = ember::randn({n, channels, side, side}, ember::kDouble).requires_grad_();
  const Tensor w = ember::randn({channels, channels, 3, 3}, ember::kDouble).requires_grad_();
  // Dilation 2: not a Winograd shape, so im2col's path.
  const Tensor y = ember::conv2d(x, w, {}, 1, 2, 2);
  const Tensor g = ember::randn(y.sizes(), ember::kDouble);
  y.backward(g);
  // conv_transpose2d of the same sizes: its columns are sliced the same way.
  const Tensor yt = ember::conv_transpose2d(x.detach(), w.detach(), {}, 1, 2, 0, 1, 2);
  Tensor wgrad_sum = ember::zeros_like(w);
  for (int64_t s = 0; s < n; ++s) {
    const Tensor xs = x.detach()[s].unsqueeze(0).requires_grad_();
    const Tensor ws = w.detach().requires_grad_();
    const Tensor ys = ember::conv2d(xs, ws, {}, 1, 2, 2);
    cnn_test::expect_close(y.detach()[s], ys.detach()[0], "sliced conv2d sample", 1e-12);
    ys.backward(g[s].unsqueeze(0));
    cnn_test::expect_close(x.grad()[s], xs.grad()[0], "sliced input gradient", 1e-12);
    wgrad_sum = wgrad_sum + ws.grad();
    const Tensor yts =
        ember::conv_transpose2d(x.detach()[s].unsqueeze(0), w.detach(), {}, 1, 2, 0, 1, 2);
    cnn_test::expect_close(yt[s], yts[0], "sliced conv_transpose2d sample", 1e-12);
  }
  cnn_test::expect_close(w.grad(), wgrad_sum, "sliced weight gradient", 1e-10);
}

TEST(Convolution, LargeBatchesSlicedAsSamplesOneByOne) {
  expect_sliced_as_samples(3, 64, 64);
  expect_sliced_as_samples(5, 8, 32);
}

TEST(Convolution, FloatMatchesDouble) {
  const Tensor x = CNN_REF(conv2d_groups_in0), w = CNN_REF(conv2d_groups_in1);
  const Tensor b = CNN_REF(conv2d_groups_in2);
  const Tensor out = ember::conv2d(x.to(ember::kFloat), w.to(ember::kFloat), b.to(ember::kFloat),
                                   {2, 1}, {1, 2}, {1, 2}, 2);
  EXPECT_EQ(out.dtype(), ember::kFloat);
  cnn_test::expect_close(out, CNN_REF(conv2d_groups_out), "float conv2d", 1e-4);
}

TEST(Convolution, NodeNames) {
  const Tensor x = ember::randn({1, 2, 5, 5}).requires_grad_();
  const Tensor w = ember::randn({3, 2, 3, 3}).requires_grad_();
  EXPECT_EQ(ember::conv2d(x, w).grad_fn()->name(), "ConvolutionBackward0");
  EXPECT_EQ(ember::conv_transpose2d(x, w.transpose(0, 1)).grad_fn()->name(),
            "ConvolutionBackward0");
  EXPECT_EQ(ember::im2col(x, 2, 1, 0, 1).grad_fn()->name(), "Im2ColBackward0");
}

TEST(Convolution, Im2ColAndCol2ImAreAdjoint) {
  const Tensor x = ember::randn({2, 3, 6, 5}, ember::kDouble);
  const Tensor cols = ember::im2col(x, {2, 3}, {2, 1}, {1, 1}, {1, 2});
  const Tensor y = ember::randn(cols.sizes(), ember::kDouble);
  const Tensor back = ember::col2im(y, {6, 5}, {2, 3}, {2, 1}, {1, 1}, {1, 2});
  // <im2col(x), y> == <x, col2im(y)>
  EXPECT_NEAR((cols * y).sum().item<double>(), (x * back).sum().item<double>(), 1e-9);
}

TEST(Convolution, LayersInitialiseAsTorch) {
  ember::manual_seed(0);
  ember::nn::Conv2d conv(3, 4, 3);
  cnn_test::expect_close(conv->weight, CNN_REF(conv2d_init_weight), "Conv2d weight", 1e-6);
  cnn_test::expect_close(conv->bias, CNN_REF(conv2d_init_bias), "Conv2d bias", 1e-6);
  ember::manual_seed(0);
  ember::nn::ConvTranspose2d deconv(ember::nn::ConvTranspose2dOptions(4, 6, {2, 3}).groups(2));
  cnn_test::expect_close(deconv->weight, CNN_REF(conv_transpose2d_init_weight), "weight", 1e-6);
  cnn_test::expect_close(deconv->bias, CNN_REF(conv_transpose2d_init_bias), "bias", 1e-6);
  ember::manual_seed(0);
  ember::nn::Conv1d conv1(2, 3, 5);
  cnn_test::expect_close(conv1->weight, CNN_REF(conv1d_init_weight), "Conv1d weight", 1e-6);
  cnn_test::expect_close(conv1->bias, CNN_REF(conv1d_init_bias), "Conv1d bias", 1e-6);
}

TEST(Convolution, LayersForwardAndPrint) {
  ember::nn::Conv2d conv(ember::nn::Conv2dOptions(4, 6, 3).stride(2).padding(1).groups(2));
  EXPECT_EQ(conv->forward(ember::randn({2, 4, 8, 8})).sizes().vec(),
            (std::vector<int64_t>{2, 6, 4, 4}));
  std::ostringstream s;
  s << *conv;
  EXPECT_EQ(s.str(), "Conv2d(4, 6, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=2)");
  ember::nn::Conv2d same(ember::nn::Conv2dOptions(2, 2, {2, 3}).padding(ember::kSame).bias(false));
  EXPECT_EQ(same(ember::randn({1, 2, 5, 7})).sizes().vec(), (std::vector<int64_t>{1, 2, 5, 7}));
  EXPECT_FALSE(same->bias.defined());
  ember::nn::ConvTranspose2d deconv(
      ember::nn::ConvTranspose2dOptions(3, 2, 3).stride(2).padding(1).output_padding(1));
  EXPECT_EQ(deconv(ember::randn({1, 3, 4, 4})).sizes().vec(), (std::vector<int64_t>{1, 2, 8, 8}));
  EXPECT_THROW(ember::nn::Conv2d(ember::nn::Conv2dOptions(3, 4, 3).groups(2)), ember::Error);
}

// A layer whose weight (and bias) are set to `params`, run on the reference case's input.
template <class Layer>
void expect_layer_matches_torch(const std::string& name, Layer layer, const Inputs& inputs,
                                const Inputs& grads, const Tensor& out, const Tensor& gout) {
  layer->to(ember::kDouble);
  {
    ember::NoGradGuard no_grad;
    layer->weight.copy_(inputs[1]);
    if (inputs.size() > 2) layer->bias.copy_(inputs[2]);
  }
  const Tensor x = inputs[0].clone().requires_grad_();
  const Tensor y = layer(x);
  cnn_test::expect_close(y, out, name + " output");
  (y * gout).sum().backward();
  cnn_test::expect_close(x.grad(), grads[0], name + " input gradient");
  cnn_test::expect_close(layer->weight.grad(), grads[1], name + " weight gradient");
}

#define CONV_MODE_CASE(name, options)                                                             \
  expect_layer_matches_torch(#name, ember::nn::Conv2d(options),                                   \
                             {CNN_REF(name##_in0), CNN_REF(name##_in1), CNN_REF(name##_in2)},     \
                             {CNN_REF(name##_grad0), CNN_REF(name##_grad1)}, CNN_REF(name##_out), \
                             CNN_REF(name##_gout))

TEST(Convolution, PaddingModesAsTorch) {
  const auto options = [](ember::nn::ConvPaddingMode mode) {
    return ember::nn::Conv2dOptions(2, 3, {3, 2})
        .padding(ember::ExpandingArray<2>({1, 2}))
        .padding_mode(mode);
  };
  CONV_MODE_CASE(conv2d_reflect, options(ember::kReflect));
  CONV_MODE_CASE(conv2d_replicate, options(ember::kReplicate));
  CONV_MODE_CASE(conv2d_circular, options(ember::kCircular));
  ember::nn::Conv1d circular(ember::nn::Conv1dOptions(2, 2, 4)
                                 .padding(ember::kSame)
                                 .dilation(2)
                                 .bias(false)
                                 .padding_mode(ember::kCircular));
  expect_layer_matches_torch(
      "conv1d_circular_same", circular,
      {CNN_REF(conv1d_circular_same_in0), CNN_REF(conv1d_circular_same_in1)},
      {CNN_REF(conv1d_circular_same_grad0), CNN_REF(conv1d_circular_same_grad1)},
      CNN_REF(conv1d_circular_same_out), CNN_REF(conv1d_circular_same_gout));
  std::ostringstream s;
  s << *ember::nn::Conv2d(options(ember::kReflect));
  EXPECT_EQ(s.str(),
            "Conv2d(2, 3, kernel_size=(3, 2), stride=(1, 1), padding=(1, 2), "
            "padding_mode=reflect)");
  EXPECT_ERROR_MSG(ember::nn::ConvTranspose2d(
                       ember::nn::ConvTranspose2dOptions(2, 3, 3).padding_mode(ember::kReflect)),
                   "Only `zeros` padding mode is supported for ConvTranspose2d");
}

TEST(Convolution, ErrorsAsTorch) {
  const Tensor x = ember::randn({2, 3, 8, 8}), w = ember::randn({4, 3, 3, 3});
  // A literal 0 would also convert to the string_view padding: as with libtorch's overloads.
  const std::vector<int64_t> no_padding{0};
  EXPECT_ERROR_MSG(
      ember::conv2d(ember::randn({3, 8}), w),
      "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [3, 8]");
  EXPECT_ERROR_MSG(ember::conv2d(ember::randn({2, 5, 8, 8}), w),
                   "Given groups=1, weight of size [4, 3, 3, 3], expected input[2, 5, 8, 8] to "
                   "have 3 channels, but got 5 channels instead");
  EXPECT_ERROR_MSG(ember::conv2d(x, ember::randn({3, 1, 3, 3}), {}, 1, no_padding, 1, 2),
                   "Given groups=2, expected weight to be divisible by 2 at dimension 0, but got "
                   "weight of size [[3, 1, 3, 3]] instead");
  EXPECT_ERROR_MSG(ember::conv2d(x, w, {}, 1, no_padding, 1, 0),
                   "non-positive groups is not supported");
  EXPECT_ERROR_MSG(ember::conv2d(x, w, {}, 0), "non-positive stride is not supported");
  EXPECT_ERROR_MSG(ember::conv2d(x, w, {}, 1, -1), "negative padding is not supported");
  EXPECT_ERROR_MSG(ember::conv2d(x, w, {}, 1, no_padding, 0),
                   "non-positive dilation is not supported");
  EXPECT_ERROR_MSG(ember::conv2d(x, ember::randn({4, 3, 10, 10})),
                   "Calculated padded input size per channel: (8 x 8). Kernel size: (10 x 10). "
                   "Kernel size can't be greater than actual input size");
  EXPECT_ERROR_MSG(ember::conv2d(x, w, ember::randn({5})),
                   "Given weight of size [4, 3, 3, 3], expected bias to be 1-dimensional with 4 "
                   "elements, but got bias of size [5] instead");
  EXPECT_ERROR_MSG(ember::conv2d(x, w.to(ember::kDouble)),
                   "Input type (torch.FloatTensor) and weight type (torch.DoubleTensor) should be "
                   "the same");
  EXPECT_ERROR_MSG(ember::conv2d(x, w, {}, 2, "same"),
                   "padding='same' is not supported for strided convolutions");
  EXPECT_ERROR_MSG(ember::conv2d(x, w, {}, 1, "foo"), "Invalid padding string: 'foo'");
  EXPECT_ERROR_MSG(ember::conv2d(x, w, {}, 1, {1, 1, 1}),
                   "expected padding to be a single integer value or a list of 2 values to match "
                   "the convolution dimensions, but got padding=[1, 1, 1]");
  EXPECT_ERROR_MSG(ember::conv_transpose2d(ember::randn({2, 5, 8, 8}), w),
                   "Given transposed=1, weight of size [4, 3, 3, 3], expected input[2, 5, 8, 8] "
                   "to have 4 channels, but got 5 channels instead");
  EXPECT_ERROR_MSG(ember::conv_transpose2d(x, ember::randn({3, 4, 3, 3}), {}, 1, 0, 1),
                   "output padding must be smaller than either stride or dilation, but got "
                   "output_padding_height: 1 output_padding_width: 1 stride_height: 1 "
                   "stride_width: 1 dilation_height: 1 dilation_width: 1");
  EXPECT_ERROR_MSG(ember::conv_transpose2d(x, ember::randn({3, 4, 3, 3}), {}, 1, 0, -1),
                   "negative output_padding is not supported");
  EXPECT_ERROR_MSG(ember::conv1d(ember::randn({2, 3, 8}), ember::randn({4, 3, 3}), {}, 0),
                   "non-positive stride is not supported");
  EXPECT_ERROR_MSG(
      ember::conv1d(x, ember::randn({4, 3, 3})),
      "Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: "
      "[2, 3, 8, 8]");
}

}  // namespace
