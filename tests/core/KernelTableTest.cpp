#include <gtest/gtest.h>

#include <ember/ember.h>

#include "core/KernelTable.h"

namespace {

using ember::detail::Kernel;

// Every kernel in the table has a CPU implementation: a missing registration would only
// show up as a runtime error in whichever op needs it.
TEST(KernelTable, EveryKernelHasACpuImplementation) {
  for (int k = 0; k < ember::detail::kNumKernels; ++k) {
    EXPECT_TRUE(ember::detail::has_kernel(Kernel(k), ember::kCPU))
        << "no CPU kernel for " << ember::detail::kernel_name(Kernel(k));
  }
}

// In a CUDA build on a machine with a GPU, every kernel has a CUDA implementation too.
TEST(KernelTable, EveryKernelHasACudaImplementationWhenAGpuIsPresent) {
  if (!ember::cuda::is_available()) GTEST_SKIP() << "no usable GPU";
  for (int k = 0; k < ember::detail::kNumKernels; ++k) {
    EXPECT_TRUE(ember::detail::has_kernel(Kernel(k), ember::kCUDA))
        << "no CUDA kernel for " << ember::detail::kernel_name(Kernel(k));
  }
}

}  // namespace
