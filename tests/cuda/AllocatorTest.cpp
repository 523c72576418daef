// The CUDA caching allocator: accounting, reuse without cudaMalloc in steady state, small
// requests packed into segments, splitting, empty_cache, free-and-retry and the
// out-of-memory error, and stream-aware reuse.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <thread>
#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::gpu;

constexpr size_t kMiB = size_t(1) << 20;

// Restores the memory fraction even when a check fails.
struct FractionGuard {
  ~FractionGuard() { cuda::set_per_process_memory_fraction(1.0); }
};

TEST(CudaAllocator, AllocatedBytesFollowTensors) {
  EMBER_REQUIRE_CUDA();
  cuda::synchronize();
  const size_t before = cuda::memory_allocated();
  {
    const Tensor t = empty({1000, 1000}, gpu());  // 4 MB
    EXPECT_GE(cuda::memory_allocated(), before + 4000000);
    EXPECT_GE(cuda::memory_reserved(), cuda::memory_allocated());
    EXPECT_GE(cuda::max_memory_allocated(), cuda::memory_allocated());
  }
  EXPECT_EQ(cuda::memory_allocated(), before);
  const cuda::MemoryStats s = cuda::memory_stats();
  EXPECT_EQ(s.allocated_bytes, before);
  EXPECT_GE(s.num_allocs, 1u);
  cuda::reset_peak_memory_stats();
  EXPECT_EQ(cuda::max_memory_allocated(), cuda::memory_allocated());
  EXPECT_EQ(cuda::max_memory_reserved(), cuda::memory_reserved());
  // Zero bytes need no memory at all.
  const Tensor none = empty({0}, gpu());
  EXPECT_EQ(cuda::memory_allocated(), before);
  EXPECT_EQ(none.data_ptr(), nullptr);
}

TEST(CudaAllocator, SteadyStateLoopsMakeNoCudaMallocOrFree) {
  EMBER_REQUIRE_CUDA();
  const Tensor x = ember_cuda_test::random({512, 512}, kFloat, 1).cuda();
  const Tensor y = ember_cuda_test::random({512, 512}, kFloat, 2).cuda();
  auto step = [&] {
    Tensor a = x * y + x;
    Tensor b = a.mm(y).sum({1});
    Tensor c = (b / 3.0).mean();
    (void)c;
  };
  for (int i = 0; i < 3; ++i) step();  // warm the cache (and cuBLAS's workspace)
  const cuda::MemoryStats before = cuda::memory_stats();
  for (int i = 0; i < 200; ++i) step();
  const cuda::MemoryStats after = cuda::memory_stats();
  EXPECT_EQ(after.num_device_alloc, before.num_device_alloc);
  EXPECT_EQ(after.num_device_free, before.num_device_free);
  EXPECT_GT(after.num_allocs, before.num_allocs + 200);
  EXPECT_EQ(after.allocated_bytes, before.allocated_bytes);
}

// cuBLAS's workspace comes from the cache for each call (at least 4 MiB, 32 MiB on Hopper) and
// goes back to it: nothing stays allocated per thread or stream, and the same block is reused.
TEST(CudaAllocator, MatmulWorkspaceReturnsToTheCache) {
  EMBER_REQUIRE_CUDA();
  const Tensor a = ember_cuda_test::random({64, 64}, kFloat, 1).cuda();
  const Tensor b = ember_cuda_test::random({64, 64}, kFloat, 2).cuda();
  (void)a.mm(b);  // warm the cache
  cuda::synchronize();
  const uint64_t before = cuda::memory_allocated();
  const uint64_t mallocs = cuda::memory_stats().num_device_alloc;
  cuda::reset_peak_memory_stats();
  const Tensor c = a.mm(b);
  EXPECT_EQ(cuda::memory_allocated(), before + c.nbytes());
  EXPECT_GE(cuda::max_memory_allocated(), before + c.nbytes() + (uint64_t(4) << 20));
  std::thread other([&] { (void)a.mm(b); });
  other.join();
  (void)a.mm(b);
  EXPECT_EQ(cuda::memory_allocated(), before + c.nbytes());
  EXPECT_EQ(cuda::memory_stats().num_device_alloc, mallocs);
}

TEST(CudaAllocator, SmallRequestsShareSegments) {
  EMBER_REQUIRE_CUDA();
  const uint64_t before = cuda::memory_stats().num_device_alloc;
  std::vector<Tensor> small;
  for (int i = 0; i < 200; ++i) small.push_back(empty({100}, gpu()));  // 400 bytes -> 512
  // 200 blocks of 512 bytes fit one 2 MiB segment (at most one new one is needed).
  EXPECT_LE(cuda::memory_stats().num_device_alloc, before + 1);
  for (size_t i = 1; i < small.size(); ++i) {
    EXPECT_NE(small[i].data_ptr(), small[i - 1].data_ptr());
    EXPECT_EQ(reinterpret_cast<uintptr_t>(small[i].data_ptr()) % 512, 0u);
  }
}

TEST(CudaAllocator, CachedBlocksAreSplitAndReused) {
  EMBER_REQUIRE_CUDA();
  // Blocks belong to the stream they were allocated on: a pool stream whose cached segments
  // were just returned to the driver sees only what this test allocates.
  cuda::empty_cache();
  cuda::StreamGuard guard(cuda::stream_from_pool(/*high_priority=*/true));
  const TensorOptions bytes = TensorOptions().device(gpu()).dtype(kByte);
  void* first = nullptr;
  {
    const Tensor big = empty({int64_t(30 * kMiB)}, bytes);
    first = big.data_ptr();
  }
  const uint64_t before = cuda::memory_stats().num_device_alloc;
  // Best fit from the cached 30 MiB block: no new segment; the front is handed out and the
  // rest stays cached for the next request.
  const Tensor part = empty({int64_t(12 * kMiB)}, bytes);
  const Tensor rest = empty({int64_t(12 * kMiB)}, bytes);
  EXPECT_EQ(cuda::memory_stats().num_device_alloc, before);
  EXPECT_EQ(part.data_ptr(), first);
  EXPECT_EQ(static_cast<char*>(rest.data_ptr()), static_cast<char*>(first) + 12 * kMiB);
  cuda::current_stream().synchronize();
}

TEST(CudaAllocator, EmptyCacheReturnsUnusedSegments) {
  EMBER_REQUIRE_CUDA();
  { const Tensor big = empty({int64_t(64 * kMiB)}, TensorOptions().device(gpu()).dtype(kByte)); }
  const size_t reserved = cuda::memory_reserved();
  EXPECT_GE(reserved, 64 * kMiB);
  const uint64_t frees = cuda::memory_stats().num_device_free;
  cuda::empty_cache();
  EXPECT_LE(cuda::memory_reserved(), reserved - 64 * kMiB);
  EXPECT_GT(cuda::memory_stats().num_device_free, frees);
  // Memory in use is untouched.
  const Tensor live = full({1000}, 3.0f, gpu());
  cuda::empty_cache();
  EXPECT_TRUE(ember_test::tensors_equal(live.cpu(), full({1000}, 3.0f)));
}

TEST(CudaAllocator, OutOfMemoryFreesTheCacheRetriesThenFailsClearly) {
  EMBER_REQUIRE_CUDA();
  FractionGuard restore;
  cuda::empty_cache();
  const size_t total = cuda::mem_get_info().second;
  const size_t reserved = cuda::memory_reserved();
  // Allow what is reserved now plus 1 GiB.
  cuda::set_per_process_memory_fraction(static_cast<double>(reserved + 1024 * kMiB) /
                                        static_cast<double>(total));
  {
    // 600 MiB cached after this scope...
    const Tensor a = empty({int64_t(600 * kMiB)}, TensorOptions().device(gpu()).dtype(kByte));
  }
  const cuda::MemoryStats before = cuda::memory_stats();
  {
    // ...so 700 MiB fits only once the cache is returned to the driver.
    const Tensor b = empty({int64_t(700 * kMiB)}, TensorOptions().device(gpu()).dtype(kByte));
    const cuda::MemoryStats after = cuda::memory_stats();
    EXPECT_EQ(after.num_alloc_retries, before.num_alloc_retries + 1);
    EXPECT_GT(after.num_device_free, before.num_device_free);
  }
  // 2 GiB never fits: a clear error with the sizes, and the allocator still works.
  const uint64_t ooms = cuda::memory_stats().num_ooms;
  EXPECT_TRUE(ember_test::throws_error_with(
      [] { empty({int64_t(2048 * kMiB)}, TensorOptions().device(gpu()).dtype(kByte)); },
      "CUDA out of memory. Tried to allocate 2.00 GiB"));
  EXPECT_TRUE(ember_test::throws_error_with(
      [] { empty({int64_t(2048 * kMiB)}, TensorOptions().device(gpu()).dtype(kByte)); },
      "set_per_process_memory_fraction"));
  EXPECT_EQ(cuda::memory_stats().num_ooms, ooms + 2);
  const Tensor ok = ones({10}, gpu());
  EXPECT_DOUBLE_EQ(ok.sum().item<double>(), 10.0);
  EXPECT_TRUE(
      ember_test::throws_error_with([] { cuda::set_per_process_memory_fraction(1.5); }, "[0, 1]"));
}

TEST(CudaAllocator, BlocksUsedOnAnotherStreamWaitForIt) {
  EMBER_REQUIRE_CUDA();
  const cuda::Stream side = cuda::stream_from_pool();
  const Tensor src = ember_cuda_test::random({1 << 20}, kFloat, 3).cuda();
  Tensor result;
  void* freed = nullptr;
  {
    Tensor tmp = src * 2.0;  // allocated on the default stream
    side.wait_stream(cuda::current_stream());
    {
      cuda::StreamGuard guard(side);
      result = tmp;
      for (int i = 0; i < 30; ++i) result = result + tmp;  // reads tmp on `side`
    }
    cuda::record_stream(tmp, side);
    freed = tmp.data_ptr();
  }
  // tmp is freed but `side` may still read it: a new block on the default stream must not
  // be handed that memory until side's work is done (it would be overwritten).
  Tensor other = full({1 << 20}, -1.0f, gpu());
  if (other.data_ptr() == freed) {
    EXPECT_TRUE(side.query());
  }
  cuda::current_stream().wait_stream(side);
  EXPECT_TRUE(ember_test::tensors_close(result.cpu(), src * 62.0, 1e-5, 1e-5));
  EXPECT_TRUE(
      ember_test::throws_error_with([&] { cuda::record_stream(ones({2}), side); }, "CUDA tensor"));
}

}  // namespace
