// DistributedSampler against torch.utils.data.DistributedSampler: the values below are
// list(DistributedSampler(range(n), num_replicas, rank, shuffle, seed, drop_last)) after
// set_epoch(epoch), from PyTorch 2.x.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "ember/data.h"
#include "ember/data/samplers/Distributed.h"
#include "ember/ember.h"

namespace {

using ember::data::samplers::DistributedSampler;

struct Case {
  size_t n;
  int64_t replicas;
  bool shuffle;
  uint64_t seed;
  bool drop_last;
  uint64_t epoch;
  std::vector<std::vector<size_t>> per_rank;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {10, 3, true, 0, false, 0, {{4, 5, 0, 2}, {1, 3, 8, 4}, {7, 9, 6, 1}}},
      {10, 3, true, 0, false, 1, {{5, 2, 9, 4}, {6, 0, 3, 5}, {1, 8, 7, 6}}},
      {10, 3, true, 7, true, 2, {{0, 7, 9}, {5, 6, 1}, {8, 2, 4}}},
      {10, 3, false, 0, false, 0, {{0, 3, 6, 9}, {1, 4, 7, 0}, {2, 5, 8, 1}}},
      {10, 3, false, 0, true, 0, {{0, 3, 6}, {1, 4, 7}, {2, 5, 8}}},
      {7, 2, true, 42, false, 3, {{5, 1, 4, 0}, {3, 2, 6, 5}}},
  };
  return all;
}

std::vector<size_t> drain(DistributedSampler& sampler, size_t batch_size) {
  std::vector<size_t> all;
  while (auto batch = sampler.next(batch_size)) all.insert(all.end(), batch->begin(), batch->end());
  return all;
}

TEST(DistributedSampler, IndicesEqualPyTorchs) {
  for (const Case& c : cases()) {
    for (int64_t rank = 0; rank < c.replicas; ++rank) {
      DistributedSampler sampler(c.n, c.replicas, rank, c.shuffle, c.seed, c.drop_last);
      sampler.set_epoch(c.epoch);
      sampler.reset();
      EXPECT_EQ(drain(sampler, 3), c.per_rank[static_cast<size_t>(rank)])
          << "n=" << c.n << " replicas=" << c.replicas << " rank=" << rank << " epoch=" << c.epoch;
      EXPECT_EQ(sampler.num_samples(), c.per_rank[static_cast<size_t>(rank)].size());
    }
  }
}

TEST(DistributedSampler, ShardsAreDisjointAndCoverTheDataset) {
  const size_t n = 23;
  for (int64_t replicas : {1, 2, 3, 4}) {
    std::multiset<size_t> seen;
    for (int64_t rank = 0; rank < replicas; ++rank) {
      DistributedSampler sampler(n, replicas, rank, /*shuffle=*/true, /*seed=*/5,
                                 /*drop_last=*/true);
      for (size_t i : drain(sampler, 4)) seen.insert(i);
    }
    // drop_last: n - n % replicas distinct indices, none twice.
    EXPECT_EQ(seen.size(), n - n % static_cast<size_t>(replicas));
    EXPECT_EQ(std::set<size_t>(seen.begin(), seen.end()).size(), seen.size());
  }
}

TEST(DistributedSampler, SetEpochReshufflesAtTheNextReset) {
  DistributedSampler sampler(50, 2, 0);
  const std::vector<size_t> epoch0 = sampler.indices();
  sampler.set_epoch(1);
  EXPECT_EQ(sampler.indices(), epoch0);  // not before reset()
  sampler.reset();
  EXPECT_NE(sampler.indices(), epoch0);
  sampler.set_epoch(0);
  sampler.reset();
  EXPECT_EQ(sampler.indices(), epoch0);
}

TEST(DistributedSampler, WorksWithMakeDataLoader) {
  const ember::Tensor x = ember::arange(10, ember::kFloat).view({10, 1});
  auto dataset = ember::data::datasets::TensorDataset(x).map(
      ember::data::transforms::Stack<ember::data::TensorExample>());
  DistributedSampler sampler(10, 3, 1, /*shuffle=*/true, /*seed=*/0);
  auto loader = ember::data::make_data_loader(std::move(dataset), std::move(sampler),
                                              ember::data::DataLoaderOptions(3));
  std::vector<size_t> got;
  for (auto& batch : *loader) {
    for (int64_t i = 0; i < batch.data.size(0); ++i) {
      got.push_back(static_cast<size_t>(batch.data[i][0].item<float>()));
    }
  }
  EXPECT_EQ(got, (std::vector<size_t>{1, 3, 8, 4}));
}

TEST(DistributedSampler, Errors) {
  EXPECT_THROW(DistributedSampler(10, 0, 0), ember::Error);
  try {
    DistributedSampler(10, 2, 2);
    FAIL() << "expected an ember::Error";
  } catch (const ember::Error& e) {
    EXPECT_EQ(std::string(e.what()), "Invalid rank 2, rank should be in the interval [0, 1]");
  }
}

}  // namespace
