// Both data loaders over a DistributedSampler: each rank's batches are its shard (PyTorch's
// indices: list(DistributedSampler(range(10), 2, rank, seed=0)) after set_epoch(0) and (1),
// from PyTorch 2.x), the shards are disjoint and cover the dataset, and set_epoch reshuffles
// every rank alike.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "LoaderTestUtils.h"
#include "ember/data.h"
#include "ember/data/samplers/Distributed.h"
#include "ember/ember.h"

namespace {

using ember::Tensor;
namespace data = ember::data;
using data::samplers::DistributedSampler;
using ember_data_test::to_vector;

constexpr int64_t kReplicas = 2;
// PyTorch's shard of each rank for epochs 0 and 1 (n = 10, seed 0, no drop_last).
const std::vector<std::vector<std::vector<int64_t>>> kShards = {
    {{4, 7, 3, 0, 6}, {1, 5, 9, 8, 2}},  // epoch 0: rank 0, rank 1
    {{5, 1, 0, 9, 7}, {6, 2, 8, 3, 4}},  // epoch 1
};

// The dataset's values are their indices: batches show which examples they hold.
Tensor values() { return ember::arange(10, ember::kInt64); }

std::vector<int64_t> concat(const std::vector<std::vector<int64_t>>& batches) {
  std::vector<int64_t> all;
  for (const auto& b : batches) all.insert(all.end(), b.begin(), b.end());
  return all;
}

void expect_disjoint_cover(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  std::vector<int64_t> all = a;
  all.insert(all.end(), b.begin(), b.end());
  std::sort(all.begin(), all.end());
  std::vector<int64_t> expected(10);
  for (int64_t i = 0; i < 10; ++i) expected[static_cast<size_t>(i)] = i;
  EXPECT_EQ(all, expected);
}

TEST(DistributedLoader, SimpleDataLoaderTakesThisRanksShardEachEpoch) {
  std::vector<std::vector<int64_t>> epoch_rank[2][kReplicas];
  for (int64_t rank = 0; rank < kReplicas; ++rank) {
    auto sampler = std::make_shared<DistributedSampler>(10, kReplicas, rank);
    data::DataLoader loader(data::TensorDataset(values(), values() * 10), sampler,
                            {.batch_size = 2});
    EXPECT_EQ(loader.size(), 3u);  // 5 examples per rank
    for (uint64_t epoch = 0; epoch < 2; ++epoch) {
      sampler->set_epoch(epoch);
      for (auto& [inputs, targets] : loader) {
        EXPECT_TRUE(ember::equal(targets, inputs * 10));
        epoch_rank[epoch][rank].push_back(to_vector(inputs));
      }
    }
  }
  for (size_t epoch = 0; epoch < 2; ++epoch) {
    for (size_t rank = 0; rank < kReplicas; ++rank) {
      EXPECT_EQ(epoch_rank[epoch][rank].size(), 3u);
      EXPECT_EQ(epoch_rank[epoch][rank].back().size(), 1u);  // 5 = 2 + 2 + 1
      EXPECT_EQ(concat(epoch_rank[epoch][rank]), kShards[epoch][rank])
          << "epoch " << epoch << " rank " << rank;
    }
    expect_disjoint_cover(concat(epoch_rank[epoch][0]), concat(epoch_rank[epoch][1]));
  }
}

TEST(DistributedLoader, SimpleDataLoaderWithWorkersAndDropLast) {
  auto sampler = std::make_shared<DistributedSampler>(10, kReplicas, 1);
  data::DataLoader loader(data::TensorDataset(values()), sampler,
                          {.batch_size = 2, .drop_last = true, .num_workers = 2});
  EXPECT_EQ(loader.size(), 2u);
  sampler->set_epoch(1);
  std::vector<std::vector<int64_t>> batches;
  for (auto& batch : loader) batches.push_back(to_vector(batch.data));
  EXPECT_EQ(batches, (std::vector<std::vector<int64_t>>{{6, 2}, {8, 3}}));
}

TEST(DistributedLoader, SamplerAndShuffleAreExclusive) {
  auto sampler = std::make_shared<DistributedSampler>(10, kReplicas, 0);
  try {
    data::DataLoader loader(data::TensorDataset(values()), sampler, {.shuffle = true});
    ADD_FAILURE() << "expected an ember::Error";
  } catch (const ember::Error& e) {
    EXPECT_NE(std::string(e.what()).find("sampler option is mutually exclusive with shuffle"),
              std::string::npos)
        << e.what();
  }
  try {
    data::DataLoader loader(data::TensorDataset(values()), nullptr, {});
    ADD_FAILURE() << "expected an ember::Error";
  } catch (const ember::Error& e) {
    EXPECT_NE(std::string(e.what()).find("the sampler is null"), std::string::npos) << e.what();
  }
}

TEST(DistributedLoader, MakeDataLoaderTakesThisRanksShardEachEpoch) {
  std::vector<int64_t> shards[2][kReplicas];
  for (int64_t rank = 0; rank < kReplicas; ++rank) {
    auto loader = data::make_data_loader(
        data::datasets::TensorDataset(values()).map(data::transforms::Stack<data::TensorExample>()),
        DistributedSampler(10, kReplicas, rank), data::DataLoaderOptions(2));
    for (uint64_t epoch = 0; epoch < 2; ++epoch) {
      loader->sampler().set_epoch(epoch);
      for (auto& batch : *loader) {
        const Tensor& rows = batch;
        for (int64_t v : to_vector(rows)) shards[epoch][rank].push_back(v);
      }
    }
  }
  for (size_t epoch = 0; epoch < 2; ++epoch) {
    for (size_t rank = 0; rank < kReplicas; ++rank) {
      EXPECT_EQ(shards[epoch][rank], kShards[epoch][rank]) << "epoch " << epoch << " rank " << rank;
    }
    expect_disjoint_cover(shards[epoch][0], shards[epoch][1]);
  }
}

}  // namespace
