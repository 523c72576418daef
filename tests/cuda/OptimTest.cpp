// Optimisers on cuda:0 (their general path of public in-place ops) against the CPU's fused
// loops: a few steps with the same fixed gradients give the same parameters and state.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "TestUtils.h"

namespace {

namespace optim = ember::optim;
using ember::Tensor;

using Factory = std::function<std::unique_ptr<optim::Optimizer>(std::vector<Tensor>)>;

template <class O, class Options>
Factory make(Options options) {
  return [options](std::vector<Tensor> params) {
    return std::make_unique<O>(std::move(params), options);
  };
}

const std::vector<std::pair<std::string, Factory>>& optimizers() {
  static const std::vector<std::pair<std::string, Factory>> all = {
      {"SGD", make<optim::SGD>(optim::SGDOptions(0.1))},
      {"SGD nesterov", make<optim::SGD>(optim::SGDOptions(0.1).momentum(0.9).nesterov(true))},
      {"SGD dampening, weight decay, maximize",
       make<optim::SGD>(
           optim::SGDOptions(0.1).momentum(0.9).dampening(0.2).weight_decay(0.1).maximize(true))},
      {"Adam", make<optim::Adam>(optim::AdamOptions(0.05).weight_decay(0.1))},
      {"Adam amsgrad maximize",
       make<optim::Adam>(optim::AdamOptions(0.05).amsgrad(true).maximize(true))},
      {"AdamW", make<optim::AdamW>(optim::AdamWOptions(0.05).amsgrad(true))},
      {"RMSprop", make<optim::RMSprop>(optim::RMSpropOptions(0.01))},
      {"RMSprop centered momentum",
       make<optim::RMSprop>(
           optim::RMSpropOptions(0.01).centered(true).momentum(0.5).weight_decay(0.1))},
      {"Adagrad", make<optim::Adagrad>(
                      optim::AdagradOptions(0.1).lr_decay(0.1).initial_accumulator_value(0.2))},
      {"Adadelta", make<optim::Adadelta>(optim::AdadeltaOptions().weight_decay(0.1))},
      {"Adamax", make<optim::Adamax>(optim::AdamaxOptions(0.05).maximize(true))},
  };
  return all;
}

TEST(CudaOptim, EveryOptimizerMatchesTheCpu) {
  EMBER_REQUIRE_CUDA();
  for (auto dtype : {ember::kFloat32, ember::kFloat64}) {
    ember::manual_seed(3);
    std::vector<Tensor> init{ember::randn({37, 5}, dtype), ember::randn({5}, dtype)};
    std::vector<Tensor> grads{ember::randn({37, 5}, dtype), ember::randn({5}, dtype)};
    for (const auto& [name, factory] : optimizers()) {
      std::vector<Tensor> cpu_params, cuda_params;
      for (size_t k = 0; k < init.size(); ++k) {
        cpu_params.push_back(init[k].clone().requires_grad_());
        cuda_params.push_back(init[k].cuda().requires_grad_());
        cpu_params[k].mutable_grad() = grads[k].clone();
        cuda_params[k].mutable_grad() = grads[k].cuda();
      }
      auto cpu = factory(cpu_params);
      auto gpu = factory(cuda_params);
      for (int i = 0; i < 3; ++i) {
        cpu->step();
        gpu->step();
      }
      const double rtol = dtype == ember::kFloat32 ? 1e-5 : 1e-12;
      for (size_t k = 0; k < init.size(); ++k) {
        ASSERT_TRUE(cuda_params[k].is_cuda());
        EXPECT_TRUE(ember::allclose(cuda_params[k].cpu(), cpu_params[k], rtol, rtol))
            << name << " " << dtype << " parameter " << k;
      }
      const auto cpu_state = cpu->state_dict();
      const auto gpu_state = gpu->state_dict();
      EXPECT_EQ(gpu_state.tensors.keys(), cpu_state.tensors.keys()) << name;
      for (const auto& item : cpu_state.tensors) {
        const Tensor& other = gpu_state.tensors[item.key()];
        EXPECT_TRUE(ember::allclose(other.cpu(), *item, rtol, rtol)) << name << " " << item.key();
      }
      // The CPU's state loads onto the GPU optimiser (moved to the parameters' device).
      gpu->load_state_dict(cpu_state);
      for (const auto& item : gpu->state_dict().tensors)
        if (!item.key().ends_with(".step")) {
          EXPECT_TRUE(item->is_cuda()) << name << " " << item.key();
        }
    }
  }
}

}  // namespace
