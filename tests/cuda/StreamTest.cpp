// Streams and events: the current stream, pool streams and the stream guard, ordering work
// across streams, asynchronous execution with host reads that synchronise, and events.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::gpu;
using ember_test::throws_error_with;

TEST(CudaStream, CurrentStreamStartsAsTheDefaultStream) {
  EMBER_REQUIRE_CUDA();
  const cuda::Stream s = cuda::current_stream();
  EXPECT_EQ(s, cuda::default_stream());
  EXPECT_EQ(s.native_handle(), nullptr);
  EXPECT_EQ(s.device(), Device(kCUDA, static_cast<int8_t>(cuda::current_device())));
  EXPECT_EQ(cuda::getCurrentCUDAStream(), s);
}

TEST(CudaStream, PoolStreamsAndTheGuard) {
  EMBER_REQUIRE_CUDA();
  const cuda::Stream side = cuda::stream_from_pool();
  EXPECT_NE(side, cuda::default_stream());
  EXPECT_NE(side.native_handle(), nullptr);
  const cuda::Stream high = cuda::stream_from_pool(/*high_priority=*/true);
  EXPECT_LE(high.priority(), side.priority());
  {
    cuda::StreamGuard guard(side);
    EXPECT_EQ(cuda::current_stream(), side);
    EXPECT_EQ(guard.original_stream(), cuda::default_stream());
    {
      cuda::CUDAStreamGuard inner(high);
      EXPECT_EQ(cuda::current_stream(), high);
    }
    EXPECT_EQ(cuda::current_stream(), side);
  }
  EXPECT_EQ(cuda::current_stream(), cuda::default_stream());
  cuda::set_current_stream(side);
  EXPECT_EQ(cuda::current_stream(), side);
  cuda::set_current_stream(cuda::default_stream());
  (void)side.query();  // may be busy or idle
  side.synchronize();
  EXPECT_TRUE(side.query());
}

TEST(CudaStream, WorkOnASideStreamIsOrderedByWaitStream) {
  EMBER_REQUIRE_CUDA();
  const int64_t n = 1 << 18;  // values stay exact in float
  const Tensor a = arange(n, TensorOptions().device(gpu()).dtype(kFloat));
  const cuda::Stream side = cuda::stream_from_pool();
  side.wait_stream(cuda::current_stream());  // a is ready before side uses it
  Tensor b;
  {
    cuda::StreamGuard guard(side);
    b = a * 2.0;
    for (int i = 0; i < 20; ++i) b.add_(a);
    cuda::record_stream(b, cuda::default_stream());
  }
  cuda::current_stream().wait_stream(side);
  const Tensor c = b + 1.0;  // on the default stream, after side's work
  const Tensor expected = arange(n, kFloat) * 22.0 + 1.0;
  EXPECT_TRUE(ember_test::tensors_equal(c.cpu(), expected));
}

TEST(CudaStream, OpsAreAsynchronousAndHostReadsSynchronise) {
  EMBER_REQUIRE_CUDA();
  const Tensor a = ones({2048, 2048}, gpu());
  Tensor acc = zeros({2048, 2048}, gpu());
  cuda::synchronize();
  cuda::Event done;
  for (int i = 0; i < 50; ++i) acc.add_(a.mm(a));  // ~0.9 TFLOP: milliseconds of work
  done.record();
  // The host got here long before the GPU finished (it queued, it did not wait).
  EXPECT_FALSE(done.query());
  // item() waits for the queued work.
  EXPECT_DOUBLE_EQ(acc[7][9].item<double>(), 50.0 * 2048.0);
  EXPECT_TRUE(done.query());
}

TEST(CudaStream, EventsRecordWaitAndTime) {
  EMBER_REQUIRE_CUDA();
  cuda::Event untouched;
  EXPECT_TRUE(untouched.query());
  EXPECT_FALSE(untouched.is_created());
  untouched.synchronize();

  cuda::Event start(/*enable_timing=*/true), end(/*enable_timing=*/true);
  const Tensor a = ones({1024, 1024}, gpu());
  start.record();
  const Tensor b = a.mm(a);
  end.record();
  end.synchronize();
  EXPECT_TRUE(end.query());
  EXPECT_GE(start.elapsed_time(end), 0.0f);
  EXPECT_EQ(start.device_index(), cuda::current_device());

  cuda::Event plain;
  plain.record();
  plain.synchronize();
  EXPECT_TRUE(throws_error_with([&] { (void)plain.elapsed_time(end); }, "enable_timing"));
  cuda::Event never;
  EXPECT_TRUE(throws_error_with([&] { (void)never.elapsed_time(end); }, "recorded"));

  // An event orders work between streams without blocking the host.
  const cuda::Stream side = cuda::stream_from_pool();
  Tensor c;
  cuda::Event ready;
  {
    cuda::StreamGuard guard(side);
    ready.block(side);  // a not-yet-recorded event: no wait
    end.block(side);    // side waits for b
    c = b * 0.5;
    ready.record(side);
  }
  ready.wait(cuda::current_stream());
  EXPECT_TRUE(ember_test::tensors_equal(c.cpu(), full({1024, 1024}, 512.0f)));
  cuda::Event moved = std::move(ready);
  EXPECT_TRUE(moved.is_created());
  EXPECT_FALSE(ready.is_created());  // NOLINT(bugprone-use-after-move)
}

TEST(CudaStream, EventsBelongToOneDevice) {
  EMBER_REQUIRE_CUDA();
  if (cuda::device_count() < 2) GTEST_SKIP() << "needs two GPUs";
  cuda::Event e;
  e.record(cuda::current_stream(0));
  EXPECT_TRUE(throws_error_with([&] { e.record(cuda::current_stream(1)); }, "cuda:0"));
}

}  // namespace
