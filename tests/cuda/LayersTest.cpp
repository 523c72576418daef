// nn layers on cuda:0 against the CPU: the functional activations, layer_norm and embedding
// (values and gradients), dropout's statistics on the device, modules moved with to(),
// gradient clipping, and the one-device check of parameters_to_vector.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <functional>
#include <limits>
#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
namespace F = ember::nn::functional;
using ember_cuda_test::random;
using ember_cuda_test::same_on_both;

/// The output and the input's gradient of (fn(x) * grad_out).sum(), on x's device.
std::vector<Tensor> forward_and_gradient(const std::function<Tensor(const Tensor&)>& fn,
                                         const Tensor& x, const Tensor& grad_out) {
  const Tensor leaf = x.detach().requires_grad_();
  const Tensor out = fn(leaf);
  (out * grad_out).sum().backward();
  return {out, leaf.grad()};
}

TEST(CudaLayers, FunctionalActivationsAndLayerNormMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  const std::vector<std::function<Tensor(const Tensor&)>> fns = {
      [](const Tensor& x) { return F::relu(x); },
      [](const Tensor& x) { return F::sigmoid(x); },
      [](const Tensor& x) { return F::tanh(x); },
      [](const Tensor& x) { return F::gelu(x); },
      [](const Tensor& x) { return F::gelu(x, F::GELUFuncOptions().approximate("tanh")); },
      [](const Tensor& x) {
        return F::leaky_relu(x, F::LeakyReLUFuncOptions().negative_slope(0.2));
      },
      [](const Tensor& x) { return F::softmax(x, 1); },
      [](const Tensor& x) { return F::log_softmax(x, 0); },
      [](const Tensor& x) { return F::layer_norm(x, F::LayerNormFuncOptions({7})); },
  };
  for (const Dtype dtype : {kFloat, kDouble}) {
    const Tensor x = random({5, 7}, dtype, 1);
    const Tensor g = random({5, 7}, dtype, 2);
    for (size_t i = 0; i < fns.size(); ++i) {
      SCOPED_TRACE(i);
      const std::vector<Tensor> cpu = forward_and_gradient(fns[i], x, g);
      const std::vector<Tensor> gpu = forward_and_gradient(fns[i], x.cuda(), g.cuda());
      EXPECT_TRUE(same_on_both(gpu[0], cpu[0], 10));
      EXPECT_TRUE(same_on_both(gpu[1], cpu[1], 10));
    }
  }
}

TEST(CudaLayers, EmbeddingMatchesTheCpu) {
  EMBER_REQUIRE_CUDA();
  const Tensor weight = random({10, 3}, kFloat, 3);
  const Tensor indices = tensor({{1, 2, 4, 5}, {4, 3, 2, 9}});
  const Tensor g = random({2, 4, 3}, kFloat, 4);
  for (const auto& options : {F::EmbeddingFuncOptions(), F::EmbeddingFuncOptions().padding_idx(2),
                              F::EmbeddingFuncOptions().scale_grad_by_freq(true),
                              F::EmbeddingFuncOptions().max_norm(1.0)}) {
    std::vector<Tensor> results;
    for (const Device device : {Device(kCPU), Device("cuda:0")}) {
      const Tensor w = weight.to(device).clone().requires_grad_();
      const Tensor out = F::embedding(indices.to(device), w, options);
      (out * g.to(device)).sum().backward();
      results.push_back(out);
      results.push_back(w.grad());
      results.push_back(w.detach());
    }
    for (size_t i = 0; i < 3; ++i) EXPECT_TRUE(same_on_both(results[i + 3], results[i]));
  }
  EXPECT_THROW(F::embedding(tensor({10}).cuda(), weight.cuda()), Error);
}

TEST(CudaLayers, DropoutKeepsAboutOneMinusPOnTheDevice) {
  EMBER_REQUIRE_CUDA();
  manual_seed(1);
  const Tensor x = ones({100000}, Device("cuda:0"));
  const Tensor y = F::dropout(x, F::DropoutFuncOptions().p(0.3));
  EXPECT_TRUE(y.is_cuda());
  EXPECT_NEAR(y.ne(0).to(kDouble).mean().item<double>(), 0.7, 0.01);
  EXPECT_TRUE(y.eq(0).logical_or(y.sub(1 / 0.7).abs().lt(1e-6)).all().item<bool>());
}

TEST(CudaLayers, ModulesMovedToTheDeviceMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  manual_seed(5);
  nn::Sequential model(nn::Flatten(), nn::LayerNorm(std::vector<int64_t>{12}), nn::GELU(),
                       nn::LeakyReLU(), nn::Softmax(1));
  const Tensor x = random({3, 3, 4}, kFloat, 6);
  const Tensor expected = model->forward(x);
  model->to(Device("cuda:0"));
  EXPECT_TRUE(same_on_both(model->forward(x.cuda()), expected, 10));
  nn::Embedding embedding(6, 4);
  const Tensor rows = embedding(tensor({0, 5, 2}));
  embedding->to(Device("cuda:0"));
  EXPECT_TRUE(same_on_both(embedding(tensor({0, 5, 2}).cuda()), rows));
}

TEST(CudaLayers, ClipGradNormMatchesTheCpuAndParametersMustShareADevice) {
  EMBER_REQUIRE_CUDA();
  for (const double norm_type : {2.0, 1.0, std::numeric_limits<double>::infinity()}) {
    std::vector<double> totals;
    std::vector<Tensor> grads;
    for (const Device device : {Device(kCPU), Device("cuda:0")}) {
      Tensor a = zeros({4, 5}, device).requires_grad_();
      Tensor b = zeros({3}, device).requires_grad_();
      a.mutable_grad() = random({4, 5}, kFloat, 7).to(device);
      b.mutable_grad() = random({3}, kFloat, 8).to(device);
      totals.push_back(nn::utils::clip_grad_norm_({a, b}, 1.0, norm_type));
      grads.push_back(a.grad());
    }
    EXPECT_NEAR(totals[1], totals[0], 1e-5 * totals[0]);
    EXPECT_TRUE(same_on_both(grads[1], grads[0], 10));
  }
  const Tensor on_cpu = zeros({2});
  const Tensor on_gpu = zeros({2}, Device("cuda:0"));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] {
        nn::utils::parameters_to_vector({on_cpu, on_gpu});
      },
      "Found two parameters on different devices, this is currently not supported."));
}

}  // namespace
