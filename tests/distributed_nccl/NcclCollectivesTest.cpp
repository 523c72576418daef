// The nccl backend on CUDA tensors: every collective's values, async Work, the errors (CPU
// tensors, a collective one rank never calls: a timeout that aborts the communicator), and
// DistributedDataParallel on a CUDA module. The timeout test runs last: it leaves the group
// aborted.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ember/distributed.h"
#include "ember/ember.h"
#include "ember/nn.h"
#include "ember/optim.h"

namespace {

namespace dist = ember::distributed;
namespace nn = ember::nn;
using ember::Tensor;

int rank() { return dist::get_rank(); }
int world() { return dist::get_world_size(); }
ember::Device gpu() { return ember::Device(ember::kCUDA, rank() % ember::cuda::device_count()); }
Tensor on_gpu(const Tensor& t) { return t.to(gpu()); }

void expect_equal(const Tensor& got, const Tensor& expected) {
  ASSERT_TRUE(got.is_cuda());
  Tensor host = got.cpu();
  ASSERT_EQ(host.sizes(), expected.sizes());
  ASSERT_EQ(host.dtype(), expected.dtype());
  EXPECT_TRUE(ember::equal(host, expected)) << "got\n" << host << "\nexpected\n" << expected;
}

void expect_error(const std::function<void()>& body, const std::string& expected) {
  try {
    body();
    ADD_FAILURE() << "expected an ember::Error containing: " << expected;
  } catch (const ember::Error& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
}

const std::vector<ember::Dtype> kDtypes = {ember::kFloat, ember::kDouble,  ember::kInt64,
                                           ember::kInt32, ember::kInt8,    ember::kUInt8,
                                           ember::kHalf,  ember::kBFloat16};

TEST(NcclCollectives, RankWorldAndBackend) {
  EXPECT_TRUE(dist::is_available("nccl"));
  EXPECT_EQ(dist::get_backend(), "nccl");
  EXPECT_GE(world(), 2);
  Tensor r = on_gpu(ember::full({1}, rank(), ember::kInt64));
  dist::all_reduce(r);
  expect_equal(r, ember::full({1}, world() * (world() - 1) / 2, ember::kInt64));
}

TEST(NcclCollectives, AllReduceEveryOpOnEveryDtype) {
  const int w = world();
  const Tensor base = ember::arange(6, ember::kInt64).view({2, 3});
  for (ember::Dtype dtype : kDtypes) {
    SCOPED_TRACE(ember::dtype_name(dtype));
    Tensor t = on_gpu((base + rank()).to(dtype));
    dist::all_reduce(t, dist::ReduceOp::SUM);
    expect_equal(t, (base * w + w * (w - 1) / 2).to(dtype));
    if (dtype != ember::kUInt8) {
      const Tensor s = base - 2;
      Tensor lo = on_gpu((s * (rank() + 1)).to(dtype));
      dist::all_reduce(lo, dist::ReduceOp::MIN);
      expect_equal(lo, ember::minimum(s, s * w).to(dtype));
      Tensor hi = on_gpu((s * (rank() + 1)).to(dtype));
      dist::all_reduce(hi, dist::ReduceOp::MAX);
      expect_equal(hi, ember::maximum(s, s * w).to(dtype));
    }
    Tensor p = on_gpu(ember::full({3}, rank() + 1, dtype));
    dist::all_reduce(p, dist::ReduceOp::PRODUCT);
    int64_t factorial = 1;
    for (int i = 2; i <= w; ++i) factorial *= i;
    expect_equal(p, ember::full({3}, factorial, dtype));
  }
  for (ember::Dtype dtype : {ember::kFloat, ember::kDouble, ember::kHalf, ember::kBFloat16}) {
    Tensor t = on_gpu((ember::arange(4, ember::kDouble) + rank()).to(dtype));
    dist::all_reduce(t, dist::ReduceOp::AVG);
    expect_equal(t, (ember::arange(4, ember::kDouble) + (w - 1) / 2.0).to(dtype));
  }
  Tensor any = on_gpu(ember::tensor(std::vector<int64_t>{0, 1, 0}).to(ember::kBool));
  if (rank() == 0) any.fill_(false);
  dist::all_reduce(any, dist::ReduceOp::SUM);
  expect_equal(any, ember::tensor(std::vector<int64_t>{0, 1, 0}).to(ember::kBool));
}

TEST(NcclCollectives, BroadcastGatherScatter) {
  const int w = world();
  Tensor b = on_gpu(ember::full({2, 2}, rank() + 5.0));
  dist::broadcast(b, /*src=*/w - 1);
  expect_equal(b, ember::full({2, 2}, w + 4.0));

  Tensor mine = on_gpu(ember::full({3}, rank(), ember::kInt32));
  Tensor gathered = on_gpu(ember::zeros({w * 3}, ember::kInt32));
  dist::all_gather_into_tensor(gathered, mine);
  expect_equal(gathered, ember::arange(w, ember::kInt32).repeat_interleave(3));
  std::vector<Tensor> parts;
  for (int r = 0; r < w; ++r) parts.push_back(on_gpu(ember::zeros({3}, ember::kInt32)));
  dist::all_gather(parts, mine);
  for (int r = 0; r < w; ++r) expect_equal(parts[r], ember::full({3}, r, ember::kInt32));

  // Rank r contributes r + 1 to every part: each part sums to w(w+1)/2 times its index + 1.
  Tensor input = on_gpu((ember::arange(w, ember::kFloat).repeat_interleave(2) + 1) * (rank() + 1));
  Tensor out = on_gpu(ember::zeros({2}));
  dist::reduce_scatter_tensor(out, input);
  expect_equal(out, ember::full({2}, (rank() + 1.0) * w * (w + 1) / 2));
  std::vector<Tensor> inputs;
  for (int r = 0; r < w; ++r) inputs.push_back(on_gpu(ember::full({2}, r * 10.0 + rank())));
  Tensor avg = on_gpu(ember::zeros({2}));
  dist::reduce_scatter(avg, inputs, dist::ReduceOp::AVG);
  expect_equal(avg, ember::full({2}, rank() * 10.0 + (w - 1) / 2.0));
  dist::barrier();
}

TEST(NcclCollectives, SendRecvAndAsyncWork) {
  const int w = world();
  const int next = (rank() + 1) % w;
  const int prev = (rank() + w - 1) % w;
  Tensor out = on_gpu(ember::full({4}, rank(), ember::kInt64));
  Tensor in = on_gpu(ember::zeros({4}, ember::kInt64));
  // Even ranks send first: NCCL's point-to-point calls block the stream until matched.
  if (rank() % 2 == 0) {
    dist::send(out, next);
    dist::recv(in, prev);
  } else {
    dist::recv(in, prev);
    dist::send(out, next);
  }
  expect_equal(in, ember::full({4}, prev, ember::kInt64));

  std::vector<std::shared_ptr<dist::Work>> works;
  std::vector<Tensor> tensors;
  for (int i = 0; i < 8; ++i) {
    tensors.push_back(on_gpu(ember::full({1000}, i + rank())));
    works.push_back(dist::all_reduce(tensors.back(), dist::ReduceOp::SUM, /*async_op=*/true));
  }
  for (int i = 0; i < 8; ++i) {
    EXPECT_TRUE(works[i]->wait());
    EXPECT_TRUE(works[i]->is_completed());
    expect_equal(tensors[i], ember::full({1000}, w * i + w * (w - 1) / 2.0));
  }
}

TEST(NcclCollectives, CpuTensorsAreAClearError) {
  expect_error([] { dist::all_reduce(ember::ones({2})); },
               "all_reduce: the nccl backend takes CUDA tensors only");
  expect_error([] { dist::broadcast(ember::ones({2}), 0); },
               "the nccl backend takes CUDA tensors only (Tensors must be CUDA and dense), got "
               "tensor on cpu");
  expect_error([] { dist::all_reduce(on_gpu(ember::ones({2}, ember::kInt16))); },
               "cannot reduce tensors of dtype Short");
}

nn::Sequential make_mlp() {
  ember::manual_seed(0);
  return nn::Sequential(nn::Linear(4, 16), nn::Tanh(), nn::Linear(16, 3));
}

TEST(NcclDistributedDataParallel, TrainingOnShardsEqualsTrainingOnTheWholeBatch) {
  constexpr int64_t kBatch = 12;
  auto run = [&](bool ddp) {
    nn::Sequential model = make_mlp();
    model->to(gpu());
    std::optional<nn::parallel::DDP> wrapper;
    if (ddp) wrapper.emplace(model);
    ember::optim::SGD opt(model->parameters(), ember::optim::SGDOptions(0.1).momentum(0.9));
    for (int step = 0; step < 4; ++step) {
      ember::manual_seed(100 + static_cast<uint64_t>(step));
      Tensor x = on_gpu(ember::randn({kBatch, 4}));
      Tensor y = on_gpu(ember::randn({kBatch, 3}));
      const int64_t n = kBatch / world();
      opt.zero_grad();
      if (ddp) {
        Tensor xs = x.slice(0, rank() * n, (rank() + 1) * n);
        Tensor ys = y.slice(0, rank() * n, (rank() + 1) * n);
        nn::functional::mse_loss((*wrapper)->forward(xs), ys).backward();
      } else {
        nn::functional::mse_loss(model->forward(x), y).backward();
      }
      opt.step();
    }
    std::vector<Tensor> params;
    for (const Tensor& p : model->parameters()) params.push_back(p.detach().cpu());
    return params;
  };
  std::vector<Tensor> trained = run(true);
  std::vector<Tensor> reference = run(false);
  ASSERT_EQ(trained.size(), reference.size());
  for (size_t i = 0; i < trained.size(); ++i) {
    EXPECT_TRUE(ember::allclose(trained[i], reference[i], 1e-4, 1e-5)) << "parameter " << i;
    Tensor from_rank0 = on_gpu(trained[i]);
    dist::broadcast(from_rank0, 0);
    expect_equal(from_rank0, trained[i]);
  }
}

// TORCH_DISTRIBUTED_DEBUG=DETAIL: tensors that differ across ranks are an error on every rank,
// and the communicator stays usable.
TEST(NcclDebugDetail, MismatchedTensorsAreAnErrorOnEveryRank) {
  dist::destroy_process_group();
  ::setenv("TORCH_DISTRIBUTED_DEBUG", "DETAIL", 1);
  dist::init_process_group("nccl", std::chrono::seconds(30));
  ::unsetenv("TORCH_DISTRIBUTED_DEBUG");
  expect_error([] { dist::all_reduce(on_gpu(ember::ones({2 + rank()}))); },
               "the tensors must have the same dtype, shape and device type on every rank");
  expect_error(
      [] {
        Tensor t = on_gpu(ember::ones({2}));
        rank() == 0 ? dist::all_reduce(t) : dist::broadcast(t, 0);
      },
      "the ranks called different collectives at the same point");
  Tensor t = on_gpu(ember::ones({3}));
  dist::all_reduce(t);
  expect_equal(t, ember::full({3}, static_cast<double>(world())));
}

// Last: rank 0 calls a collective that rank 1 never calls. The watchdog aborts the
// communicator after the group's timeout and the wait raises; the group stays unusable.
TEST(NcclZzTimeout, AbortsTheCommunicatorAndRaises) {
  dist::destroy_process_group();
  dist::init_process_group("nccl", std::chrono::seconds(3));
  Tensor t = on_gpu(ember::ones({4}));
  dist::all_reduce(t);  // the new communicator works
  if (rank() == 0) {
    auto work = dist::all_reduce(t, dist::ReduceOp::SUM, /*async_op=*/true);
    expect_error([&] { work->wait(std::chrono::seconds(60)); },
                 "all_reduce: timed out after 3000 ms waiting for the other ranks");
    expect_error([&] { dist::all_reduce(t); }, "the NCCL communicator was aborted earlier");
  }
}

}  // namespace
