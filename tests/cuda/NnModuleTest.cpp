// nn modules on cuda:0 against the CPU: moving a model keeps its tensors' identity, and the
// forward and backward agree.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using namespace ember;

TEST(CudaNnModule, ToDeviceMovesParametersInPlace) {
  EMBER_REQUIRE_CUDA();
  manual_seed(0);
  nn::Linear first(3, 8);
  nn::Linear last(8, 2);
  nn::Sequential cpu_model(first, nn::Functional(ember::tanh), last);
  auto gpu_model = std::dynamic_pointer_cast<nn::SequentialImpl>(cpu_model->clone());
  ASSERT_NE(gpu_model, nullptr);
  Tensor weight = gpu_model->ptr<nn::Linear>(0)->weight;
  gpu_model->to(Device("cuda:0"));
  EXPECT_TRUE(weight.is_cuda());
  EXPECT_TRUE(weight.requires_grad());
  for (const auto& p : gpu_model->parameters()) EXPECT_TRUE(p.is_cuda());

  Tensor x = ember::randn({5, 3});
  Tensor y_cpu = cpu_model->forward(x);
  Tensor y_gpu = gpu_model->forward(x.to(Device("cuda:0")));
  EXPECT_TRUE(ember::allclose(y_gpu.cpu(), y_cpu, 1e-5, 1e-6));
  y_cpu.pow(2).sum().backward();
  y_gpu.pow(2).sum().backward();
  auto cpu_params = cpu_model->named_parameters();
  auto gpu_params = gpu_model->named_parameters();
  for (size_t i = 0; i < cpu_params.size(); ++i) {
    ASSERT_TRUE(gpu_params[i].value().grad().is_cuda());
    EXPECT_TRUE(ember::allclose(gpu_params[i].value().grad().cpu(), cpu_params[i].value().grad(),
                                1e-4, 1e-5))
        << cpu_params[i].key();
  }
  gpu_model->to(Device("cpu"));
  EXPECT_FALSE(weight.is_cuda());
}

TEST(CudaNnModule, CloneOntoDevice) {
  EMBER_REQUIRE_CUDA();
  nn::Linear linear(4, 3);
  auto copy = std::dynamic_pointer_cast<nn::LinearImpl>(linear->clone(Device("cuda:0")));
  ASSERT_NE(copy, nullptr);
  EXPECT_TRUE(copy->weight.is_cuda());
  EXPECT_TRUE(ember::equal(copy->weight.cpu(), linear->weight));
}

}  // namespace
