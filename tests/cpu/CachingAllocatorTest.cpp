#include <gtest/gtest.h>

#include <ember/ember.h>

namespace {

using namespace ember;

// Steady-state loops reuse cached blocks: after the first iteration no block comes from the
// system. (Skipped under AddressSanitizer, where the cache is disabled on purpose.)
TEST(CpuCachingAllocator, SteadyStateLoopsMakeNoSystemAllocations) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "the CPU cache is disabled under AddressSanitizer";
#endif
  Tensor x = ones({1024, 256});
  Tensor w = ones({256, 64});
  auto step = [&] { return (x.matmul(w) * 2 + 1).sum(); };
  step();
  step();
  const auto before = cpu::memory_stats();
  for (int i = 0; i < 10; ++i) step();
  const auto after = cpu::memory_stats();
  EXPECT_EQ(after.system_allocations, before.system_allocations);
  EXPECT_GT(after.cache_hits, before.cache_hits);
}

TEST(CpuCachingAllocator, EmptyCacheReturnsBlocks) {
  { Tensor big = empty({1 << 20}); }
  EXPECT_GT(cpu::memory_stats().bytes_cached + 1, 0u);
  cpu::empty_cache();
  EXPECT_EQ(cpu::memory_stats().bytes_cached, 0u);
}

TEST(CpuCachingAllocator, BlocksAreAlignedForVectors) {
  for (int64_t n : {1, 3, 17, 1000, 100000}) {
    Tensor t = empty({n});
    EXPECT_EQ(reinterpret_cast<uintptr_t>(t.data_ptr()) % 64, 0u) << n;
  }
}

TEST(CpuCachingAllocator, ZeroSizedTensorsWork) {
  Tensor t = empty({0, 5});
  EXPECT_EQ(t.numel(), 0);
  EXPECT_EQ((t + 1).numel(), 0);
}

}  // namespace
