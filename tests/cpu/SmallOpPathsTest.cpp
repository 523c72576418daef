// The shortcuts that keep tiny ops cheap must not change results: the CPU allocator's
// per-thread cache of small blocks, the reuse of wrapped-number tensors, and TensorIterator's
// flat set-up for contiguous and single-element operands.

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include <ember/core/CpuMemory.h>
#include <ember/ember.h>

#include "TestUtils.h"
#include "core/Promotion.h"

namespace {

using namespace ember;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

TEST(SmallOpPaths, AllocatorStatsBalanceAcrossThreads) {
  const cpu::MemoryStats before = cpu::memory_stats();
  {
    std::vector<Tensor> keep;
    for (int i = 0; i < 100; ++i) keep.push_back(empty({i % 7 + 1}, kFloat));
    EXPECT_GE(cpu::memory_stats().bytes_in_use, before.bytes_in_use + 100 * 64);
    // Half of them freed on another thread: its cache takes them, the totals still add up.
    std::thread other([&] { keep.resize(50); });
    other.join();
  }
  const cpu::MemoryStats after = cpu::memory_stats();
  EXPECT_EQ(after.bytes_in_use, before.bytes_in_use);
  // Steady state: a small allocation freed and taken again is served from a cache (which
  // AddressSanitizer builds turn off, so that every free is real).
  for (int i = 0; i < 10; ++i) (void)empty({3}, kFloat);
  const cpu::MemoryStats again = cpu::memory_stats();
#if !defined(__SANITIZE_ADDRESS__)
  EXPECT_GT(again.cache_hits, after.cache_hits);
#endif
  EXPECT_EQ(again.bytes_in_use, before.bytes_in_use);
  cpu::empty_cache();
  EXPECT_EQ(cpu::memory_stats().bytes_in_use, before.bytes_in_use);
}

TEST(SmallOpPaths, WrappedNumbersAreNotReusedWhileReferenced) {
  const Tensor two = detail::scalar_to_tensor(2.5, kFloat);
  const Tensor view = detail::scalar_to_tensor(4.0, kFloat).view({1});
  const Tensor three = detail::scalar_to_tensor(3, kFloat);
  EXPECT_EQ(two.item<float>(), 2.5f);
  EXPECT_EQ(view.item<float>(), 4.0f);
  EXPECT_EQ(three.item<float>(), 3.0f);
  EXPECT_EQ(two.dim(), 0);
  // Tensor-scalar ops in a row each see their own number.
  const Tensor a = tensor({1.0f, 2.0f});
  EXPECT_TRUE(tensors_equal((a * 2.0) + (a * 3.0), tensor({5.0f, 10.0f})));
  EXPECT_TRUE(tensors_equal(a + 1, tensor({2.0f, 3.0f})));
  EXPECT_TRUE(tensors_equal(tensor({1, 2}) * 3, tensor({3, 6})));
  EXPECT_TRUE(tensors_equal(2.0 / a, tensor({2.0f, 1.0f})));
  EXPECT_TRUE(tensors_equal(1 - a, tensor({0.0f, -1.0f})));
}

TEST(SmallOpPaths, FlatSetupHandlesScalarsBroadcastAndOverlap) {
  const Tensor m = tensor({{1.0f, 2.0f, 3.0f}, {4.0f, 5.0f, 6.0f}});
  // Single-element operands of any rank broadcast.
  EXPECT_TRUE(
      tensors_equal(m + tensor({{10.0f}}), tensor({{11.0f, 12.0f, 13.0f}, {14.0f, 15.0f, 16.0f}})));
  EXPECT_TRUE(
      tensors_equal(tensor({10.0f}) + m, tensor({{11.0f, 12.0f, 13.0f}, {14.0f, 15.0f, 16.0f}})));
  EXPECT_TRUE(tensors_equal(tensor(1.5f) + tensor(2.0f), tensor(3.5f)));
  // A non-contiguous operand takes the general set-up.
  EXPECT_TRUE(tensors_equal(m.t() + m.t(), tensor({{2.0f, 8.0f}, {4.0f, 10.0f}, {6.0f, 12.0f}})));
  // In place with a single element of itself: refused, as PyTorch does.
  Tensor x = tensor({1.0f, 2.0f, 3.0f});
  EXPECT_TRUE(throws_error_with([&] { x.add_(x[0]); }, "refer to a single memory location"));
  x.add_(x[0].clone());
  EXPECT_TRUE(tensors_equal(x, tensor({2.0f, 3.0f, 4.0f})));
  // Partially overlapping input and output are still refused.
  Tensor y = tensor({1.0f, 2.0f, 3.0f, 4.0f});
  Tensor head = y.slice(0, 0, 3), tail = y.slice(0, 1, 4);
  EXPECT_TRUE(throws_error_with([&] { tail.add_(head); }, "refer to a single memory location"));
  // Empty tensors.
  EXPECT_TRUE(tensors_equal(zeros({0, 3}) + 1.0, zeros({0, 3})));
}

}  // namespace
