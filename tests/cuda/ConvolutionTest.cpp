// Convolution, pooling and batch normalisation on cuda:0 against the CPU: outputs and every
// input's gradient (im2col/col2im kernels + cuBLAS against im2col + the CPU GEMM), and a
// LeNet training step.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <functional>
#include <vector>

#include "TestUtils.h"

namespace {

using ember::Tensor;
using Fn = std::function<Tensor(const std::vector<Tensor>&)>;

// fn on CPU float64 inputs and on their cuda:0 copies: outputs and gradients agree.
void expect_parity(const Fn& fn, const std::vector<std::vector<int64_t>>& shapes) {
  std::vector<Tensor> cpu, gpu;
  for (const auto& shape : shapes) {
    const Tensor t = ember::randn(shape, ember::kDouble);
    cpu.push_back(t.clone().requires_grad_());
    gpu.push_back(t.to(ember::Device("cuda:0")).requires_grad_());
  }
  const Tensor out_cpu = fn(cpu), out_gpu = fn(gpu);
  ASSERT_TRUE(out_gpu.is_cuda());
  EXPECT_TRUE(ember::allclose(out_gpu.cpu(), out_cpu, 1e-9, 1e-9));
  const Tensor g = ember::randn(out_cpu.sizes(), ember::kDouble);
  (out_cpu * g).sum().backward();
  (out_gpu * g.to(ember::Device("cuda:0"))).sum().backward();
  for (size_t i = 0; i < cpu.size(); ++i) {
    EXPECT_TRUE(ember::allclose(gpu[i].grad().cpu(), cpu[i].grad(), 1e-9, 1e-9)) << "input " << i;
  }
}

TEST(CudaConvolution, MatchesTheCpu) {
  EMBER_REQUIRE_CUDA();
  ember::manual_seed(0);
  expect_parity(
      [](const auto& in) {
        return ember::conv2d(in[0], in[1], in[2], 2, 1, {1, 2}, 2);
      },
      {{2, 4, 9, 8}, {6, 2, 3, 3}, {6}});
  expect_parity([](const auto& in) { return ember::conv2d(in[0], in[1], {}, 1, "same"); },
                {{2, 3, 7, 6}, {4, 3, 4, 3}});
  expect_parity(
      [](const auto& in) { return ember::conv_transpose2d(in[0], in[1], in[2], 2, 1, 1, 2); },
      {{2, 4, 5, 4}, {4, 3, 3, 3}, {6}});
  // 3x3 at stride 1 with 8+ channels: Winograd on the CPU, im2col + cuBLAS on CUDA.
  expect_parity([](const auto& in) { return ember::conv2d(in[0], in[1], in[2], 1, 1); },
                {{2, 8, 7, 6}, {9, 8, 3, 3}, {9}});
  expect_parity([](const auto& in) { return ember::conv_transpose2d(in[0], in[1], {}, 1, 2); },
                {{1, 8, 6, 5}, {8, 8, 3, 3}});
  expect_parity([](const auto& in) { return ember::conv1d(in[0], in[1], {}, 2, 1); },
                {{2, 3, 10}, {4, 3, 3}});
  expect_parity([](const auto& in) { return ember::max_pool2d(in[0], 3, 2, 1, 1, true); },
                {{2, 3, 9, 8}});
  expect_parity([](const auto& in) { return ember::avg_pool2d(in[0], 3, 2, 1, true, false); },
                {{2, 3, 9, 8}});
  expect_parity(
      [](const auto& in) {
        return ember::adaptive_avg_pool2d(in[0], {3, 2});
      },
      {{2, 3, 7, 5}});
  expect_parity(
      [](const auto& in) {
        return ember::batch_norm(in[0], in[1], in[2], {}, {}, true, 0.1, 1e-5);
      },
      {{4, 3, 5, 5}, {3}, {3}});
}

TEST(CudaConvolution, NativePoolingAndBatchNormMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  ember::manual_seed(1);
  expect_parity(
      [](const auto& in) {
        return ember::avg_pool2d(in[0], {3, 2}, {2, 3}, 1, true, true, 5);
      },
      {{2, 2, 7, 8}});
  expect_parity([](const auto& in) { return ember::avg_pool2d(in[0], 2, 1, 1, false, true); },
                {{1, 3, 5, 6}});
  expect_parity([](const auto& in) { return ember::avg_pool1d(in[0], 3, 2, 1, true, false); },
                {{2, 3, 11}});
  expect_parity(
      [](const auto& in) {
        return ember::adaptive_avg_pool2d(in[0], {5, 7});
      },
      {{2, 2, 3, 4}});
  expect_parity(
      [](const auto& in) { return ember::batch_norm(in[0], {}, {}, {}, {}, true, 0.1, 1e-5); },
      {{5, 4, 3, 3}});
  expect_parity(
      [](const auto& in) {
        const Tensor mean = ember::tensor({0.1, -0.2, 0.3}, in[0].options());
        const Tensor var = ember::tensor({0.5, 1.5, 2.0}, in[0].options());
        return ember::batch_norm(in[0], in[1], in[2], mean, var, false, 0.1, 1e-5);
      },
      {{4, 3, 6}, {3}, {3}});
  // The running statistics move alike; float32 agrees too.
  const Tensor x = ember::randn({8, 3, 4, 4});
  Tensor rm_cpu = ember::zeros({3}), rv_cpu = ember::ones({3});
  Tensor rm_gpu = rm_cpu.cuda(), rv_gpu = rv_cpu.cuda();
  const Tensor y_cpu = ember::batch_norm(x, {}, {}, rm_cpu, rv_cpu, true, 0.3, 1e-5);
  const Tensor y_gpu = ember::batch_norm(x.cuda(), {}, {}, rm_gpu, rv_gpu, true, 0.3, 1e-5);
  EXPECT_TRUE(ember::allclose(y_gpu.cpu(), y_cpu, 1e-5, 1e-5));
  EXPECT_TRUE(ember::allclose(rm_gpu.cpu(), rm_cpu, 1e-5, 1e-6));
  EXPECT_TRUE(ember::allclose(rv_gpu.cpu(), rv_cpu, 1e-5, 1e-6));
}

TEST(CudaConvolution, BatchNormDoubleBackwardMatchesTheCpu) {
  EMBER_REQUIRE_CUDA();
  ember::manual_seed(2);
  const Tensor x = ember::randn({3, 2, 5}, ember::kDouble), w = ember::randn({2}, ember::kDouble);
  const Tensor u = ember::randn({3, 2, 5}, ember::kDouble);
  std::vector<Tensor> results;
  for (const ember::Device device : {ember::Device("cpu"), ember::Device("cuda:0")}) {
    const Tensor xd = x.to(device).requires_grad_(), wd = w.to(device).requires_grad_();
    const Tensor out = ember::batch_norm(xd, wd, {}, {}, {}, true, 0.1, 1e-5);
    const Tensor gx = ember::autograd::grad({(out * out).sum()}, {xd}, {}, true, true)[0];
    const auto gg = ember::autograd::grad({(gx * u.to(device)).sum()}, {xd, wd});
    results.push_back(gg[0].cpu());
    results.push_back(gg[1].cpu());
  }
  EXPECT_TRUE(ember::allclose(results[2], results[0], 1e-9, 1e-9));
  EXPECT_TRUE(ember::allclose(results[3], results[1], 1e-9, 1e-9));
}

TEST(CudaConvolution, MaxPoolIndicesMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  const Tensor x = ember::randn({2, 3, 9, 9});
  auto [v_cpu, i_cpu] = ember::max_pool2d_with_indices(x, 3, 2, 1, 2);
  auto [v_gpu, i_gpu] = ember::max_pool2d_with_indices(x.cuda(), 3, 2, 1, 2);
  EXPECT_TRUE(ember::equal(v_gpu.cpu(), v_cpu));
  EXPECT_TRUE(ember::equal(i_gpu.cpu(), i_cpu));
}

TEST(CudaConvolution, LeNetLayersTrainOnTheGpu) {
  EMBER_REQUIRE_CUDA();
  ember::manual_seed(0);
  ember::nn::Conv2d conv(ember::nn::Conv2dOptions(1, 4, 5).padding(2));
  ember::nn::BatchNorm2d bn(4);
  conv->to(ember::Device("cuda:0"));
  bn->to(ember::Device("cuda:0"));
  const Tensor x = ember::randn({8, 1, 12, 12}).cuda();
  Tensor y = ember::max_pool2d(ember::relu(bn(conv(x))), 2);
  y.sum().backward();
  EXPECT_TRUE(conv->weight.grad().is_cuda());
  EXPECT_EQ(y.sizes().vec(), (std::vector<int64_t>{8, 4, 6, 6}));
  EXPECT_EQ(bn->num_batches_tracked.item<int64_t>(), 1);
}

}  // namespace
