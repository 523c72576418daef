// Every collective's values on several dtypes, their asynchronous forms, and the errors: bad
// arguments, tensors or calls that differ across ranks (an error on every rank, no hang),
// timeouts.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "DistributedTestUtils.h"
#include "ember/distributed.h"
#include "ember/ember.h"

namespace {

namespace dist = ember::distributed;
using ember::Tensor;
using ember_test::expect_equal;
using ember_test::expect_error;

int rank() { return dist::get_rank(); }

Tensor bools(std::initializer_list<bool> values) {
  std::vector<int64_t> ints(values.begin(), values.end());
  return ember::tensor(ints).to(ember::kBool);
}
int world() { return dist::get_world_size(); }

const std::vector<ember::Dtype> kNumericDtypes = {ember::kFloat, ember::kDouble, ember::kInt64,
                                                  ember::kInt32, ember::kInt16,  ember::kInt8,
                                                  ember::kUInt8, ember::kHalf,   ember::kBFloat16};

TEST(Collectives, RankAndWorldSize) {
  EXPECT_TRUE(dist::is_initialized());
  EXPECT_TRUE(dist::is_available("mpi"));
  EXPECT_EQ(dist::get_backend(), "mpi");
  EXPECT_GE(world(), 2) << "run under mpirun -np 2 or more";
  EXPECT_GE(rank(), 0);
  EXPECT_LT(rank(), world());
  // Every rank has a different rank: their sum is 0 + 1 + ... + (W - 1).
  Tensor r = ember::full({1}, rank(), ember::kInt64);
  dist::all_reduce(r);
  EXPECT_EQ(r.item<int64_t>(), world() * (world() - 1) / 2);
}

TEST(Collectives, AllReduceSumMinMaxProductOnEveryDtype) {
  const int w = world();
  for (ember::Dtype dtype : kNumericDtypes) {
    SCOPED_TRACE(ember::dtype_name(dtype));
    const Tensor base = ember::arange(6, ember::kInt64).view({2, 3});
    // SUM of base + r: W * base + W(W-1)/2.
    Tensor t = (base + rank()).to(dtype);
    dist::all_reduce(t, dist::ReduceOp::SUM);
    expect_equal(t, (base * w + w * (w - 1) / 2).to(dtype));
    // MIN / MAX of (base - 2) * (r + 1): negative entries are smallest on the last rank.
    const Tensor signed_base = base - 2;
    if (dtype != ember::kUInt8) {
      Tensor lo = (signed_base * (rank() + 1)).to(dtype);
      dist::all_reduce(lo, dist::ReduceOp::MIN);
      expect_equal(lo, ember::minimum(signed_base, signed_base * w).to(dtype));
      Tensor hi = (signed_base * (rank() + 1)).to(dtype);
      dist::all_reduce(hi, dist::ReduceOp::MAX);
      expect_equal(hi, ember::maximum(signed_base, signed_base * w).to(dtype));
    }
    // PRODUCT of (r + 1): W!.
    Tensor p = ember::full({3}, rank() + 1, dtype);
    dist::all_reduce(p, dist::ReduceOp::PRODUCT);
    int64_t factorial = 1;
    for (int i = 2; i <= w; ++i) factorial *= i;
    expect_equal(p, ember::full({3}, factorial, dtype));
  }
}

TEST(Collectives, AllReduceAvgOfFloatingTensors) {
  for (ember::Dtype dtype : {ember::kFloat, ember::kDouble, ember::kHalf}) {
    Tensor t = (ember::arange(4, ember::kDouble) + rank()).to(dtype);
    dist::all_reduce(t, dist::ReduceOp::AVG);
    expect_equal(t, (ember::arange(4, ember::kDouble) + (world() - 1) / 2.0).to(dtype));
  }
  Tensor ints = ember::ones({2}, ember::kInt64);
  expect_error([&] { dist::all_reduce(ints, dist::ReduceOp::AVG); },
               "ReduceOp.AVG needs a floating-point tensor");
}

TEST(Collectives, AllReduceOfBoolIsLogical) {
  // Only rank 0 holds true in element 0; every rank holds true in element 1.
  Tensor any = bools({rank() == 0, true, false});
  dist::all_reduce(any, dist::ReduceOp::SUM);
  expect_equal(any, bools({true, true, false}));
  Tensor all = bools({rank() == 0, true, false});
  dist::all_reduce(all, dist::ReduceOp::MIN);
  expect_equal(all, bools({false, true, false}));
}

TEST(Collectives, AsyncAllReduceCompletesOnWait) {
  std::vector<Tensor> tensors;
  std::vector<std::shared_ptr<dist::Work>> works;
  for (int i = 0; i < 4; ++i) {
    tensors.push_back(ember::full({1000}, static_cast<double>(rank() + i), ember::kDouble));
    works.push_back(dist::all_reduce(tensors.back(), dist::ReduceOp::SUM, /*async_op=*/true));
    ASSERT_NE(works.back(), nullptr);
  }
  const double w = world();
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(works[i]->wait());
    EXPECT_TRUE(works[i]->is_completed());
    expect_equal(tensors[i], ember::full({1000}, w * i + w * (w - 1) / 2, ember::kDouble));
  }
  EXPECT_EQ(dist::all_reduce(tensors[0]), nullptr);  // synchronous: no Work, as Python's None
}

TEST(Collectives, BroadcastFromEveryRoot) {
  for (int src = 0; src < world(); ++src) {
    for (ember::Dtype dtype : kNumericDtypes) {
      Tensor t = (ember::arange(5, ember::kInt64) * (rank() + 1)).to(dtype);
      dist::broadcast(t, src);
      expect_equal(t, (ember::arange(5, ember::kInt64) * (src + 1)).to(dtype));
    }
  }
  Tensor t = ember::zeros({2});
  expect_error([&] { dist::broadcast(t, world()); }, "src rank");
}

TEST(Collectives, AllGather) {
  for (ember::Dtype dtype : {ember::kFloat, ember::kInt64, ember::kHalf, ember::kBool}) {
    const Tensor mine = (ember::arange(6, ember::kInt64).view({2, 3}) + rank()).to(dtype);
    std::vector<Tensor> gathered;
    for (int r = 0; r < world(); ++r) gathered.push_back(ember::empty({2, 3}, dtype));
    dist::all_gather(gathered, mine);
    for (int r = 0; r < world(); ++r) {
      expect_equal(gathered[r], (ember::arange(6, ember::kInt64).view({2, 3}) + r).to(dtype));
    }
    Tensor flat = ember::empty({2 * world(), 3}, dtype);
    dist::all_gather_into_tensor(flat, mine);
    expect_equal(flat.slice(0, 2 * (world() - 1), 2 * world()),
                 (ember::arange(6, ember::kInt64).view({2, 3}) + world() - 1).to(dtype));
  }
  std::vector<Tensor> too_few = {ember::empty({2})};
  expect_error([&] { dist::all_gather(too_few, ember::zeros({2})); },
               "tensor_list must hold world_size");
}

TEST(Collectives, ReduceScatter) {
  const int w = world();
  for (ember::Dtype dtype : {ember::kFloat, ember::kDouble, ember::kInt32, ember::kBFloat16}) {
    // input_list[j] = (j + 1) * 10 + r: rank r gets sum over ranks of (r + 1) * 10 + rank.
    std::vector<Tensor> inputs;
    for (int j = 0; j < w; ++j) inputs.push_back(ember::full({3}, (j + 1) * 10 + rank(), dtype));
    Tensor out = ember::empty({3}, dtype);
    dist::reduce_scatter(out, inputs, dist::ReduceOp::SUM);
    expect_equal(out, ember::full({3}, (rank() + 1) * 10 * w + w * (w - 1) / 2, dtype));

    Tensor input = ember::cat(inputs);
    Tensor out2 = ember::empty({3}, dtype);
    dist::reduce_scatter_tensor(out2, input, dist::ReduceOp::MAX);
    expect_equal(out2, ember::full({3}, (rank() + 1) * 10 + w - 1, dtype));
  }
  Tensor avg = ember::empty({2}, ember::kDouble);
  dist::reduce_scatter_tensor(
      avg, ember::full({2 * w}, static_cast<double>(rank()), ember::kDouble), dist::ReduceOp::AVG);
  expect_equal(avg, ember::full({2}, (w - 1) / 2.0, ember::kDouble));
}

TEST(Collectives, BarrierAndAsyncBarrier) {
  dist::barrier();
  auto work = dist::barrier(/*async_op=*/true);
  EXPECT_TRUE(work->wait());
}

TEST(Collectives, SendRecvAroundARing) {
  const int next = (rank() + 1) % world();
  const int prev = (rank() + world() - 1) % world();
  for (ember::Dtype dtype : {ember::kFloat, ember::kInt64, ember::kHalf}) {
    auto sent = dist::isend(ember::full({4}, rank(), dtype), next, /*tag=*/7);
    Tensor got = ember::empty({4}, dtype);
    EXPECT_EQ(dist::recv(got, prev, /*tag=*/7), prev);
    sent->wait();
    expect_equal(got, ember::full({4}, prev, dtype));
  }
  expect_error([&] { dist::send(ember::zeros({1}), rank()); }, "Invalid destination rank");
  expect_error([&] { dist::send(ember::zeros({1}), world()); }, "out of range");
}

TEST(Collectives, RecvOfTheWrongSizeIsAnError) {
  const int next = (rank() + 1) % world();
  const int prev = (rank() + world() - 1) % world();
  auto sent = dist::isend(ember::zeros({4}), next, /*tag=*/3);
  Tensor small = ember::empty({6});
  expect_error([&] { dist::recv(small, prev, /*tag=*/3); }, "recv: received 4 elements");
  sent->wait();
}

TEST(Collectives, ShapesThatDifferAcrossRanksAreAnErrorOnEveryRank) {
  Tensor t = ember::ones({rank() == 0 ? 4 : 5});
  expect_error([&] { dist::all_reduce(t); },
               "all_reduce: the tensors must have the same dtype, shape and device type on every "
               "rank, but rank 0 has Float [4] on cpu and rank 1 has Float [5] on cpu");
  // Nothing is left pending: the next collective pairs up.
  Tensor ok = ember::ones({2});
  dist::all_reduce(ok);
  expect_equal(ok, ember::full({2}, static_cast<float>(world())));
}

TEST(Collectives, DtypesThatDifferAcrossRanksAreAnErrorOnEveryRank) {
  Tensor t = ember::ones({3}, rank() == 0 ? ember::kFloat : ember::kDouble);
  expect_error([&] { dist::broadcast(t, 0); }, "rank 1 has Double [3] on cpu");
}

TEST(Collectives, DifferentCollectivesAcrossRanksAreAnErrorOnEveryRank) {
  Tensor t = ember::ones({3});
  expect_error(
      [&] {
        if (rank() == 0) {
          dist::all_reduce(t, dist::ReduceOp::MAX);
        } else {
          dist::broadcast(t, 0);
        }
      },
      "the ranks called different collectives at the same point: rank 0 called "
      "all_reduce(op=MAX), rank 1 called broadcast(src=0)");
}

TEST(Collectives, NonContiguousTensorsAreRefused) {
  Tensor t = ember::ones({3, 4}).t();
  expect_error([&] { dist::all_reduce(t); }, "Tensors must be contiguous");
}

TEST(Collectives, WaitTimesOutWhenARankIsLate) {
  // Rank 0 joins the barrier late: the others' short wait fails, and a later wait succeeds
  // once rank 0 has arrived.
  if (rank() == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    dist::barrier();
  } else {
    auto work = dist::barrier(/*async_op=*/true);
    expect_error([&] { work->wait(std::chrono::milliseconds(20)); },
                 "barrier: timed out after 20 ms");
    EXPECT_TRUE(work->wait());
  }
}

TEST(Collectives, CudaTensorsAreStagedThroughHostMemory) {
  // Every rank must take the same branch: skip unless all ranks have a GPU.
  Tensor usable = ember::full({1}, ember::cuda::is_available() ? 1 : 0, ember::kInt32);
  dist::all_reduce(usable, dist::ReduceOp::MIN);
  if (usable.item<int>() == 0) GTEST_SKIP() << "needs a CUDA device on every rank";
  const ember::Device gpu(ember::kCUDA, 0);
  Tensor t = ember::full({5}, static_cast<double>(rank()), gpu);
  dist::all_reduce(t, dist::ReduceOp::SUM);
  EXPECT_TRUE(t.is_cuda());
  expect_equal(t.cpu(), ember::full({5}, world() * (world() - 1) / 2.0));
  Tensor h = ember::full({4}, static_cast<double>(rank()), gpu).to(ember::kHalf);
  dist::all_reduce(h, dist::ReduceOp::MAX);
  expect_equal(h.cpu(), ember::full({4}, world() - 1.0).to(ember::kHalf));
}

TEST(Collectives, GroupLifecycleErrors) {
  expect_error([] { dist::init_process_group("mpi"); },
               "initialize the default process group twice");
  expect_error([] { dist::init_process_group("gloo"); }, "unknown backend 'gloo'");
  EXPECT_FALSE(dist::is_available("gloo"));
}

}  // namespace
