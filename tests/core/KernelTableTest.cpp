#include <gtest/gtest.h>

#include <string_view>

#include <ember/ember.h>

#include "TestUtils.h"
#include "core/KernelTable.h"

namespace {

using ember::detail::Kernel;

// Kernel K, listed as `name`, has a CPU kernel that get_kernel finds.
template <Kernel K>
void expect_cpu_kernel(std::string_view name) {
  EXPECT_EQ(ember::detail::kernel_name(K), name);
  ASSERT_TRUE(ember::detail::has_kernel(K, ember::kCPU)) << "no CPU kernel for " << name;
  typename ember::detail::KernelSignature<K>::type fn = ember::detail::get_kernel<K>(ember::kCPU);
  EXPECT_NE(fn, nullptr) << name;
}

// Every kernel of the list in core/KernelTable.h, taken by name from the list itself, has a
// CPU kernel: a missing registration would otherwise only show up as a runtime error in
// whichever op needs it.
TEST(KernelTable, EveryListedKernelHasACpuKernel) {
  int listed = 0;
#define EMBER_EXPECT_CPU_KERNEL(name, sig) \
  ++listed;                                \
  expect_cpu_kernel<Kernel::name>(#name);
  EMBER_FORALL_KERNELS(EMBER_EXPECT_CPU_KERNEL)
#define EMBER_COUNT_OPTIONAL_KERNEL(name, sig) ++listed;
  EMBER_FORALL_LINALG_KERNELS(EMBER_COUNT_OPTIONAL_KERNEL)
#undef EMBER_COUNT_OPTIONAL_KERNEL
  // The CPU has every fast path (WinogradConvKernels.cpp).
  EMBER_FORALL_FAST_PATH_KERNELS(EMBER_EXPECT_CPU_KERNEL)
#undef EMBER_EXPECT_CPU_KERNEL
  EXPECT_EQ(listed, ember::detail::kNumKernels);
}

// In a CUDA build on a machine with a GPU, every required kernel has a CUDA implementation
// too (the optional linear-algebra ones may not).
TEST(KernelTable, EveryKernelHasACudaImplementationWhenAGpuIsPresent) {
  if (!ember::cuda::is_available()) GTEST_SKIP() << "no usable GPU";
#define EMBER_EXPECT_CUDA_KERNEL(name, sig)                                               \
  EXPECT_TRUE(ember::detail::has_kernel(Kernel::name, ember::kCUDA)) << "no CUDA kernel " \
                                                                        "for " #name;
  EMBER_FORALL_KERNELS(EMBER_EXPECT_CUDA_KERNEL)
#undef EMBER_EXPECT_CUDA_KERNEL
}

// Without a GPU no CUDA kernel is registered, and looking one up says which kernel and device.
TEST(KernelTable, MissingKernelIsAClearErrorAtLookup) {
  if (ember::cuda::is_available()) GTEST_SKIP() << "a GPU registers every CUDA kernel";
  EXPECT_FALSE(ember::detail::has_kernel(Kernel::add, ember::kCUDA));
  EXPECT_TRUE(
      ember_test::throws_error_with([] { ember::detail::get_kernel<Kernel::add>(ember::kCUDA); },
                                    "add: no kernel registered for cuda"));
}

}  // namespace
