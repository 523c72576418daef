// DistributedDataParallel: training on W ranks, each with 1/W of every batch, equals training
// one model on the whole batches; every rank holds the same parameters after every step;
// no_sync accumulates locally; rank 0's parameters and buffers reach every rank.

#include <gtest/gtest.h>

#include <vector>

#include "DistributedTestUtils.h"
#include "ember/distributed.h"
#include "ember/ember.h"
#include "ember/nn.h"
#include "ember/optim.h"

namespace {

namespace dist = ember::distributed;
namespace nn = ember::nn;
using ember::Tensor;
using ember_test::expect_equal;

int rank() { return dist::get_rank(); }
int world() { return dist::get_world_size(); }

constexpr int64_t kBatch = 12;  // divisible by 2 and 3 ranks

nn::Sequential make_mlp() {
  ember::manual_seed(0);
  return nn::Sequential(nn::Linear(4, 16), nn::Tanh(), nn::Linear(16, 8), nn::Tanh(),
                        nn::Linear(8, 3));
}

// Batch `step` of a fixed data set: kBatch rows of 4 features, 3 targets.
std::pair<Tensor, Tensor> batch(int step) {
  ember::manual_seed(100 + static_cast<uint64_t>(step));
  Tensor x = ember::randn({kBatch, 4});
  Tensor y = ember::randn({kBatch, 3});
  return {x, y};
}

// This rank's contiguous share of the rows.
Tensor shard(const Tensor& t) {
  const int64_t n = t.size(0) / world();
  return t.slice(0, rank() * n, (rank() + 1) * n);
}

void expect_same_on_every_rank(const std::vector<Tensor>& params) {
  for (const Tensor& p : params) {
    Tensor from_rank0 = p.detach().clone();
    dist::broadcast(from_rank0, 0);
    expect_equal(p.detach(), from_rank0);
  }
}

void expect_close(const std::vector<Tensor>& got, const std::vector<Tensor>& expected) {
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_TRUE(ember::allclose(got[i], expected[i], 1e-5, 1e-6)) << "parameter " << i << "\n"
                                                                  << got[i] << "\nexpected\n"
                                                                  << expected[i];
  }
}

// Trains `steps` SGD steps on the whole batches (the single-process reference) or, with
// `ddp`, on this rank's shard of them.
void train(nn::Sequential reference, nn::parallel::DDP* ddp, int steps) {
  std::vector<Tensor> params = ddp ? (*ddp)->parameters() : reference->parameters();
  ember::optim::SGD opt(params, ember::optim::SGDOptions(0.1).momentum(0.9));
  for (int step = 0; step < steps; ++step) {
    auto [x, y] = batch(step);
    opt.zero_grad();
    if (ddp) {
      nn::functional::mse_loss((*ddp)->forward(shard(x)), shard(y)).backward();
    } else {
      nn::functional::mse_loss(reference->forward(x), y).backward();
    }
    opt.step();
    if (ddp) expect_same_on_every_rank(params);
  }
}

TEST(DistributedDataParallel, ConstructionBroadcastsRankZerosParameters) {
  nn::Sequential model = make_mlp();
  {
    ember::NoGradGuard no_grad;
    for (Tensor& p : model->parameters()) p.add_(rank());  // only rank 0 keeps its values
  }
  nn::parallel::DDP ddp(model);
  expect_close(model->parameters(), make_mlp()->parameters());
  EXPECT_EQ(ddp->module().get(), model.ptr().get());
  EXPECT_EQ(ddp->named_parameters().keys().front(), "module.0.weight");
}

TEST(DistributedDataParallel, TrainingOnShardsEqualsTrainingOnTheWholeBatch) {
  nn::Sequential model = make_mlp();
  nn::parallel::DDP ddp(model);
  train(model, &ddp, 5);
  nn::Sequential reference = make_mlp();
  train(reference, nullptr, 5);
  expect_close(model->parameters(), reference->parameters());
}

TEST(DistributedDataParallel, ManySmallBucketsGiveTheSameResult) {
  nn::Sequential model = make_mlp();
  // About 100 bytes per bucket: a bucket per layer.
  nn::parallel::DDP ddp(model, nn::parallel::DistributedDataParallelOptions().bucket_cap_mb(1e-4));
  ASSERT_GE(ddp->num_buckets(), 3u);
  // Reverse order: the first bucket holds the last parameter.
  EXPECT_EQ(ddp->bucket_indices().front().front(), model->parameters().size() - 1);
  train(model, &ddp, 3);
  nn::Sequential reference = make_mlp();
  train(reference, nullptr, 3);
  expect_close(model->parameters(), reference->parameters());
}

TEST(DistributedDataParallel, NoSyncAccumulatesLocallyThenAveragesTheSum) {
  nn::Sequential model = make_mlp();
  nn::parallel::DDP ddp(model);
  auto [x1, y1] = batch(0);
  auto [x2, y2] = batch(1);
  {
    auto guard = ddp->no_sync();
    nn::functional::mse_loss(ddp->forward(shard(x1)), shard(y1)).backward();
  }
  // Inside no_sync: this rank's own gradient, no communication.
  nn::Sequential local = make_mlp();
  nn::functional::mse_loss(local->forward(shard(x1)), shard(y1)).backward();
  std::vector<Tensor> local_grads;
  for (const Tensor& p : local->parameters()) local_grads.push_back(p.grad().clone());
  std::vector<Tensor> grads;
  for (const Tensor& p : model->parameters()) grads.push_back(p.grad().clone());
  expect_close(grads, local_grads);

  nn::functional::mse_loss(ddp->forward(shard(x2)), shard(y2)).backward();
  // The average over ranks of each rank's accumulated gradient.
  nn::Sequential reference = make_mlp();
  for (int r = 0; r < world(); ++r) {
    const int64_t n = kBatch / world();
    nn::functional::mse_loss(reference->forward(x1.slice(0, r * n, (r + 1) * n)),
                             y1.slice(0, r * n, (r + 1) * n))
        .backward();
    nn::functional::mse_loss(reference->forward(x2.slice(0, r * n, (r + 1) * n)),
                             y2.slice(0, r * n, (r + 1) * n))
        .backward();
  }
  std::vector<Tensor> expected;
  for (const Tensor& p : reference->parameters()) expected.push_back(p.grad() / world());
  grads.clear();
  for (const Tensor& p : model->parameters()) grads.push_back(p.grad());
  expect_close(grads, expected);
  expect_same_on_every_rank(grads);
}

struct ScaleShiftImpl : nn::Module {
  ScaleShiftImpl() {
    weight = register_parameter("weight", ember::full({3}, 1.0 + rank()));
    shift = register_buffer("shift", ember::full({3}, static_cast<double>(rank())));
  }
  Tensor forward(const Tensor& x) { return x * weight + shift; }
  Tensor weight, shift;
};
EMBER_MODULE(ScaleShift);

TEST(DistributedDataParallel, BuffersComeFromRankZero) {
  ScaleShift module;
  nn::parallel::DDP ddp(module);
  expect_equal(module->weight.detach(), ember::full({3}, 1.0));
  expect_equal(module->shift, ember::zeros({3}));
  // Changed on a rank, the buffer is rank 0's again at the next forward.
  module->shift.fill_(rank());
  Tensor y = ddp->forward(ember::ones({3}));
  expect_equal(y.detach(), ember::ones({3}));
}

TEST(DistributedDataParallel, NeedsAProcessGroupAndAPositiveBucketSize) {
  ember_test::expect_error(
      [] {
        nn::parallel::DDP(make_mlp(),
                          nn::parallel::DistributedDataParallelOptions().bucket_cap_mb(0));
      },
      "bucket_cap_mb must be positive");
}

}  // namespace
