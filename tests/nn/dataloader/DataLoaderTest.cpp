// data::DataLoader over a data::TensorDataset: batch sizes, order, shuffling as Python's
// DataLoader (values from tests/reference/gen_dataloader.py), workers, errors.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "LoaderTestUtils.h"
#include "ember/ember.h"

namespace {

using ember::Tensor;
namespace data = ember::data;
using ember_data_test::to_vector;

// The first tensor's values of each batch of one epoch.
std::vector<std::vector<int64_t>> epoch_of(const data::DataLoader& loader) {
  std::vector<std::vector<int64_t>> batches;
  for (auto& batch : loader) batches.push_back(to_vector(batch.data));
  return batches;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ember::Error& e) {
    return e.what();
  }
  return "(no ember::Error)";
}

TEST(DataLoader, BatchesInOrderWithAPartialLastBatch) {
  const Tensor x = ember::arange(10).reshape({10, 1}).to(ember::kFloat);
  const Tensor y = ember::arange(10) * 10;
  data::DataLoader loader(data::TensorDataset(x, y), {.batch_size = 4});
  EXPECT_EQ(loader.size(), 3u);
  std::vector<std::vector<int64_t>> xs, ys;
  for (auto& [inputs, targets] : loader) {
    EXPECT_EQ(inputs.dtype(), ember::kFloat);
    EXPECT_EQ(inputs.dim(), 2);
    EXPECT_EQ(targets.dim(), 1);
    xs.push_back(to_vector(inputs));
    ys.push_back(to_vector(targets));
  }
  EXPECT_EQ(xs, (std::vector<std::vector<int64_t>>{{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9}}));
  EXPECT_EQ(ys, (std::vector<std::vector<int64_t>>{{0, 10, 20, 30}, {40, 50, 60, 70}, {80, 90}}));
}

TEST(DataLoader, DropLastLeavesOutThePartialBatch) {
  data::DataLoader loader(data::TensorDataset(ember::arange(10)),
                          {.batch_size = 4, .drop_last = true});
  EXPECT_EQ(loader.size(), 2u);
  EXPECT_EQ(epoch_of(loader), (std::vector<std::vector<int64_t>>{{0, 1, 2, 3}, {4, 5, 6, 7}}));
  data::DataLoader exact(data::TensorDataset(ember::arange(8)),
                         {.batch_size = 4, .drop_last = true});
  EXPECT_EQ(exact.size(), 2u);
  EXPECT_EQ(epoch_of(exact).size(), 2u);
  data::DataLoader too_big(data::TensorDataset(ember::arange(3)),
                           {.batch_size = 4, .drop_last = true});
  EXPECT_EQ(too_big.size(), 0u);
  EXPECT_TRUE(too_big.begin() == too_big.end());
}

TEST(DataLoader, BatchSizeLargerThanTheDatasetGivesOneBatch) {
  data::DataLoader loader(data::TensorDataset(ember::arange(3)), {.batch_size = 100});
  EXPECT_EQ(loader.size(), 1u);
  EXPECT_EQ(epoch_of(loader), (std::vector<std::vector<int64_t>>{{0, 1, 2}}));
}

TEST(DataLoader, EmptyDatasetWithoutShuffleHasNoBatches) {
  data::DataLoader loader(data::TensorDataset(ember::zeros({0, 3})), {.batch_size = 2});
  EXPECT_EQ(loader.size(), 0u);
  EXPECT_TRUE(epoch_of(loader).empty());
}

TEST(DataLoader, BatchesAreCopiesNotViewsOfTheDataset) {
  const Tensor x = ember::arange(6).to(ember::kFloat);
  data::DataLoader loader(data::TensorDataset(x), {.batch_size = 6});
  for (auto& batch : loader) batch.data.fill_(-1.0);
  EXPECT_TRUE(ember::equal(x, ember::arange(6).to(ember::kFloat)));
}

TEST(DataLoader, ShuffledOrderIsPythonsAfterTheSameSeed) {
  const Tensor x = ember::arange(10);
  ember::manual_seed(0);
  data::DataLoader loader(data::TensorDataset(x, x * 10), {.batch_size = 4, .shuffle = true});
  EXPECT_EQ(epoch_of(loader),
            (std::vector<std::vector<int64_t>>{{6, 7, 1, 4}, {2, 0, 9, 8}, {3, 5}}));
  EXPECT_EQ(epoch_of(loader),
            (std::vector<std::vector<int64_t>>{{2, 4, 7, 0}, {8, 9, 5, 3}, {6, 1}}));
  // The default generator moved as Python's did: the next draw is the same.
  EXPECT_FLOAT_EQ(ember::rand({1}).item<float>(), 0.455627977848053f);
}

TEST(DataLoader, TargetsFollowTheirInputsWhenShuffled) {
  const Tensor x = ember::arange(50);
  ember::manual_seed(3);
  data::DataLoader loader(data::TensorDataset(x, x * 10, -x), {.batch_size = 7, .shuffle = true});
  for (auto& batch : loader) {
    EXPECT_TRUE(ember::equal(batch.target, batch.data * 10));
    ASSERT_EQ(batch.rest.size(), 1u);
    EXPECT_TRUE(ember::equal(batch[2], -batch.data));
  }
}

TEST(DataLoader, LongerShuffledEpochsMatchPython) {
  const Tensor x = ember::arange(1000);
  ember::manual_seed(1234);
  data::DataLoader loader(data::TensorDataset(x, x * 2), {.batch_size = 64, .shuffle = true});
  const std::vector<std::vector<int64_t>> first8 = {{392, 793, 431, 164, 355, 554, 639, 976},
                                                    {453, 822, 975, 164, 963, 896, 433, 214},
                                                    {855, 158, 267, 451, 404, 761, 844, 978}};
  const std::vector<int64_t> weighted_sums = {254072404, 246343870, 249329038};
  for (int epoch = 0; epoch < 3; ++epoch) {
    std::vector<Tensor> parts;
    for (auto& [inputs, targets] : loader) parts.push_back(inputs);
    const Tensor order = ember::cat(parts);
    EXPECT_EQ(to_vector(order.slice(0, 0, 8)), first8[epoch]) << "epoch " << epoch;
    EXPECT_EQ((order * ember::arange(1000)).sum().item<int64_t>(), weighted_sums[epoch]);
  }
  EXPECT_FLOAT_EQ(ember::rand({1}).item<float>(), 0.7748504877090454f);
}

TEST(DataLoader, SequentialEpochDrawsPythonsOneSeedFromTheGenerator) {
  ember::manual_seed(0);
  data::DataLoader loader(data::TensorDataset(ember::arange(10)), {.batch_size = 4});
  epoch_of(loader);
  EXPECT_FLOAT_EQ(ember::rand({1}).item<float>(), 0.08847743272781372f);
}

TEST(DataLoader, ShuffleDiffersBetweenEpochsAndRepeatsUnderTheSameSeed) {
  const Tensor x = ember::arange(100);
  data::DataLoader loader(data::TensorDataset(x), {.batch_size = 10, .shuffle = true});
  ember::manual_seed(7);
  const auto first = epoch_of(loader);
  const auto second = epoch_of(loader);
  EXPECT_NE(first, second);
  ember::manual_seed(7);
  EXPECT_EQ(epoch_of(loader), first);
  EXPECT_EQ(epoch_of(loader), second);
  // Every example once per epoch.
  std::vector<int64_t> all;
  for (const auto& batch : first) all.insert(all.end(), batch.begin(), batch.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, to_vector(x));
}

TEST(DataLoader, WorkersGiveTheSameBatchesInTheSameOrder) {
  const Tensor x = ember::randn({203, 5});
  const Tensor y = ember::randint(0, 10, {203});
  std::vector<std::vector<data::Batch>> runs;
  for (int64_t workers : {0, 1, 2, 4}) {
    data::DataLoader loader(data::TensorDataset(x, y),
                            {.batch_size = 16, .shuffle = true, .num_workers = workers});
    ember::manual_seed(11);
    std::vector<data::Batch> batches;
    for (int epoch = 0; epoch < 2; ++epoch) {
      for (auto& batch : loader) batches.push_back(batch);
    }
    runs.push_back(batches);
  }
  for (size_t r = 1; r < runs.size(); ++r) {
    ASSERT_EQ(runs[r].size(), runs[0].size());
    for (size_t b = 0; b < runs[0].size(); ++b) {
      EXPECT_TRUE(ember::equal(runs[r][b].data, runs[0][b].data)) << "run " << r << " batch " << b;
      EXPECT_TRUE(ember::equal(runs[r][b].target, runs[0][b].target));
    }
  }
}

TEST(DataLoader, LeavingTheLoopEarlyWithWorkersStopsThem) {
  data::DataLoader loader(data::TensorDataset(ember::arange(1000)),
                          {.batch_size = 10, .num_workers = 3});
  int seen = 0;
  for (auto& batch : loader) {
    EXPECT_EQ(to_vector(batch.data)[0], 10 * seen);
    if (++seen == 2) break;
  }
  EXPECT_EQ(seen, 2);
  // A new epoch starts from the beginning, complete.
  const auto epoch = epoch_of(loader);
  ASSERT_EQ(epoch.size(), 100u);
  EXPECT_EQ(epoch[99].back(), 999);
  // An iterator dropped right after begin(), with every job still queued.
  { auto it = loader.begin(); }
}

TEST(DataLoader, TwoIteratorsOfOneLoaderAreIndependent) {
  data::DataLoader loader(data::TensorDataset(ember::arange(6)),
                          {.batch_size = 2, .num_workers = 2});
  auto a = loader.begin();
  auto b = loader.begin();
  ++a;
  EXPECT_EQ(to_vector(a->data), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(to_vector((*b).data), (std::vector<int64_t>{0, 1}));
}

TEST(DataLoader, IteratorPastTheEndIsAnError) {
  data::DataLoader loader(data::TensorDataset(ember::arange(2)), {.batch_size = 2});
  auto it = loader.begin();
  ++it;
  EXPECT_TRUE(it == loader.end());
  EXPECT_THROW(++it, ember::Error);
  EXPECT_THROW(*it, ember::Error);
  auto fresh = loader.begin();
  auto taken = std::move(fresh);
  EXPECT_EQ(to_vector(taken->data), (std::vector<int64_t>{0, 1}));
  EXPECT_TRUE(fresh == loader.end());  // NOLINT(bugprone-use-after-move): defined as at the end
  EXPECT_THROW(*fresh, ember::Error);
}

TEST(DataLoader, OneTensorDatasetHasNoTarget) {
  data::DataLoader loader(data::TensorDataset(ember::arange(4)), {.batch_size = 4});
  for (auto& [x, y] : loader) {
    EXPECT_EQ(x.numel(), 4);
    EXPECT_FALSE(y.defined());
  }
}

TEST(DataLoader, BatchesMoveWithTo) {
  data::DataLoader loader(data::TensorDataset(ember::ones({4, 2}), ember::zeros({4})),
                          {.batch_size = 3});
  for (auto& batch : loader) {
    const data::Batch moved = batch.to(ember::Device("cpu"));
    EXPECT_TRUE(ember::equal(moved.data, batch.data));
    EXPECT_TRUE(ember::equal(moved.target, batch.target));
    EXPECT_EQ(moved.num_tensors(), 2u);
  }
}

TEST(DataLoader, PinMemoryWithoutCudaIsIgnored) {
  if (ember::cuda::is_available()) GTEST_SKIP() << "checked by tests/cuda/DataLoaderTest.cpp";
  data::DataLoader loader(data::TensorDataset(ember::arange(6)),
                          {.batch_size = 4, .num_workers = 1, .pin_memory = true});
  EXPECT_EQ(epoch_of(loader), (std::vector<std::vector<int64_t>>{{0, 1, 2, 3}, {4, 5}}));
}

TEST(DataLoader, BadOptionsAreErrorsAsInPyTorch) {
  const data::TensorDataset dataset(ember::arange(4));
  EXPECT_EQ(message_of([&] { data::DataLoader(dataset, {.batch_size = 0}); }),
            "batch_size should be a positive integer value, but got batch_size=0");
  EXPECT_EQ(message_of([&] { data::DataLoader(dataset, {.batch_size = -3}); }),
            "batch_size should be a positive integer value, but got batch_size=-3");
  EXPECT_NE(message_of([&] {
              data::DataLoader(dataset, {.num_workers = -1});
            }).find("num_workers option should be non-negative"),
            std::string::npos);
  EXPECT_EQ(message_of([&] {
              data::DataLoader(data::TensorDataset(ember::zeros({0})), {.shuffle = true});
            }),
            "num_samples should be a positive integer value, but got num_samples=0");
}

TEST(TensorDataset, TensorsMustShareTheirFirstDimension) {
  const std::string message = message_of([] {
    data::TensorDataset(ember::zeros({3, 2}), ember::zeros({4}));
  });
  EXPECT_NE(message.find("Size mismatch between tensors"), std::string::npos) << message;
  EXPECT_NE(message.find("size 3"), std::string::npos) << message;
  EXPECT_NE(message.find("size 4"), std::string::npos) << message;
  EXPECT_THROW(data::TensorDataset(ember::zeros({})), ember::Error);
  EXPECT_THROW(data::TensorDataset(std::vector<Tensor>{}), ember::Error);
  EXPECT_THROW(data::TensorDataset{Tensor()}, ember::Error);
}

TEST(TensorDataset, GetsRowsOfEveryTensor) {
  const data::TensorDataset dataset(ember::arange(6).reshape({3, 2}), ember::arange(3));
  EXPECT_EQ(dataset.size(), 3u);
  const auto row = dataset.get(-1);
  ASSERT_EQ(row.size(), 2u);
  EXPECT_EQ(to_vector(row[0]), (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(row[1].item<int64_t>(), 2);
  const auto rows = dataset.get_batch(ember::tensor({2, 0}));
  EXPECT_EQ(to_vector(rows[0]), (std::vector<int64_t>{4, 5, 0, 1}));
  EXPECT_EQ(to_vector(rows[1]), (std::vector<int64_t>{2, 0}));
}

}  // namespace
