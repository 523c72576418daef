// The table of gradient cases (tests/autograd/cases/) on cuda:0: gradcheck and gradgradcheck
// of every op with float64 inputs on the GPU, and the gradients equal to the CPU's.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include "TestUtils.h"
#include "autograd/cases/OpCase.h"

namespace {

using ember::Tensor;
using ember::autograd::variable_list;

TEST(CudaAutograd, EveryCasePassesGradcheckOnTheGpuAndMatchesTheCpu) {
  EMBER_REQUIRE_CUDA();
  int checked = 0;
  const ember::Device gpu("cuda:0"), cpu(ember::kCPU);
  for (const ember_test::OpCase& c : ember_test::all_cases()) {
    SCOPED_TRACE(c.name);
    ember::manual_seed(0);
    variable_list cpu_inputs, gpu_inputs;
    for (const auto& shape : c.input_shapes) {
      Tensor t = ember::rand(shape, ember::kDouble) * 2 - 1;
      cpu_inputs.push_back(t.clone().requires_grad_());
      gpu_inputs.push_back(t.to(ember::Device("cuda:0")).requires_grad_());
    }
    try {
      ember_test::case_device() = gpu;
      EXPECT_TRUE(ember::autograd::gradcheck(c.fn, gpu_inputs));
      if (c.second_order) {
        EXPECT_TRUE(ember::autograd::gradgradcheck(c.fn, gpu_inputs));
      }
      // The same gradients as the CPU's for a random output gradient.
      const variable_list gpu_out = c.fn(gpu_inputs);
      ember_test::case_device() = cpu;
      const variable_list cpu_out = c.fn(cpu_inputs);
      ASSERT_EQ(cpu_out.size(), gpu_out.size());
      variable_list cpu_g, gpu_g;
      for (const Tensor& o : cpu_out) {
        Tensor g = ember::randn(o.sizes(), ember::kDouble);
        cpu_g.push_back(g);
        gpu_g.push_back(g.to(ember::Device("cuda:0")));
      }
      const variable_list a =
          ember::autograd::grad(cpu_out, cpu_inputs, cpu_g, std::nullopt, false, true);
      const variable_list b =
          ember::autograd::grad(gpu_out, gpu_inputs, gpu_g, std::nullopt, false, true);
      for (size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(a[i].defined(), b[i].defined()) << "input " << i;
        if (a[i].defined()) {
          EXPECT_TRUE(b[i].is_cuda());
          EXPECT_TRUE(a[i].allclose(b[i].cpu(), 1e-9, 1e-12)) << "input " << i;
        }
      }
      ++checked;
    } catch (const std::exception& e) {
      ADD_FAILURE() << c.name << ": " << e.what();
    }
    ember_test::case_device() = cpu;
  }
  EXPECT_GT(checked, 300);
}

}  // namespace
