// libtorch's data API: Dataset subclasses, map(Stack<>()), datasets::TensorDataset, samplers,
// make_data_loader with and without workers, exceptions thrown by a dataset, early exits.
// The RandomSampler orders are libtorch 1.13's after torch::manual_seed(0).

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "LoaderTestUtils.h"
#include "ember/ember.h"

namespace {

using ember::Tensor;
namespace data = ember::data;
using ember_data_test::to_vector;

// Example i: data [i, i] (float), target 10 i. Throws for `bad_index`; counts the get calls
// running at once and in all (the counters are shared by the copies each worker gets).
struct Counters {
  std::atomic<int> running{0};
  std::atomic<int> calls{0};
};

class Numbers : public data::datasets::Dataset<Numbers> {
 public:
  explicit Numbers(size_t size, int64_t bad_index = -1, std::chrono::milliseconds delay = {})
      : size_(size),
        bad_index_(bad_index),
        delay_(delay),
        counters_(std::make_shared<Counters>()) {}

  data::Example<> get(size_t index) override {
    ++counters_->running;
    ++counters_->calls;
    if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
    --counters_->running;
    if (static_cast<int64_t>(index) == bad_index_) {
      throw std::runtime_error("no example " + std::to_string(index));
    }
    const auto i = static_cast<double>(index);
    return {ember::full({2}, i), ember::full({}, 10 * static_cast<int64_t>(index))};
  }

  std::optional<size_t> size() const override { return size_; }

  std::shared_ptr<Counters> counters() const { return counters_; }

 private:
  size_t size_;
  int64_t bad_index_;
  std::chrono::milliseconds delay_;
  std::shared_ptr<Counters> counters_;
};

template <class Loader>
std::vector<std::vector<int64_t>> targets_of(Loader& loader) {
  std::vector<std::vector<int64_t>> batches;
  for (auto& batch : loader) batches.push_back(to_vector(batch.target));
  return batches;
}

TEST(MakeDataLoader, CustomDatasetMappedWithStack) {
  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
      Numbers(5).map(data::transforms::Stack<>()), data::DataLoaderOptions().batch_size(2));
  std::vector<std::vector<int64_t>> targets;
  for (auto& batch : *loader) {
    EXPECT_EQ(batch.data.dim(), 2);
    EXPECT_EQ(batch.data.size(1), 2);
    EXPECT_EQ(batch.data.dtype(), ember::kFloat);
    EXPECT_TRUE(ember::equal(batch.data.select(1, 0) * 10, batch.target.to(ember::kFloat)));
    targets.push_back(to_vector(batch.target));
  }
  EXPECT_EQ(targets, (std::vector<std::vector<int64_t>>{{0, 10}, {20, 30}, {40}}));
  EXPECT_EQ(loader->options().batch_size, 2u);
  EXPECT_EQ(loader->options().max_jobs, 0u);
}

TEST(MakeDataLoader, WithoutATransformBatchesAreVectorsOfExamples) {
  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
      Numbers(3), data::DataLoaderOptions(2).drop_last(true));
  int batches = 0;
  for (std::vector<data::Example<>>& batch : *loader) {
    ASSERT_EQ(batch.size(), 2u);
    EXPECT_EQ(batch[1].target.item<int64_t>(), 10);
    ++batches;
  }
  EXPECT_EQ(batches, 1);
}

TEST(MakeDataLoader, TensorDatasetYieldsTensorExamples) {
  auto dataset = data::datasets::TensorDataset(ember::arange(12).reshape({6, 2}));
  EXPECT_EQ(dataset.size(), 6u);
  const data::TensorExample example = dataset.get(2);
  EXPECT_EQ(to_vector(example.data), (std::vector<int64_t>{4, 5}));
  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
      dataset.map(data::transforms::Stack<data::TensorExample>()), data::DataLoaderOptions(4));
  std::vector<std::vector<int64_t>> batches;
  for (auto& batch : *loader) {
    const Tensor& rows = batch;  // a TensorExample converts to its tensor
    batches.push_back(to_vector(rows));
  }
  EXPECT_EQ(batches, (std::vector<std::vector<int64_t>>{{0, 1, 2, 3, 4, 5, 6, 7}, {8, 9, 10, 11}}));
  // From a vector of tensors, stacked first as in libtorch.
  data::datasets::TensorDataset stacked({ember::ones({3}), ember::zeros({3})});
  EXPECT_EQ(stacked.size(), 2u);
  EXPECT_EQ(stacked.tensor.sizes(), (std::vector<int64_t>{2, 3}));
}

TEST(MakeDataLoader, RandomSamplerOrderIsLibtorchsAfterTheSameSeed) {
  ember::manual_seed(0);
  data::samplers::RandomSampler sampler(10);
  EXPECT_EQ(*sampler.next(10), (std::vector<size_t>{4, 1, 7, 5, 3, 9, 0, 8, 6, 2}));
  EXPECT_FALSE(sampler.next(1).has_value());
  EXPECT_EQ(sampler.index(), 10u);

  // The loader's sampler draws once when made and once per epoch, as libtorch's.
  ember::manual_seed(0);
  auto loader = data::make_data_loader(data::datasets::TensorDataset(ember::arange(10))
                                           .map(data::transforms::Stack<data::TensorExample>()),
                                       data::DataLoaderOptions().batch_size(4));
  std::vector<std::vector<std::vector<int64_t>>> epochs;
  for (int epoch = 0; epoch < 2; ++epoch) {
    std::vector<std::vector<int64_t>> batches;
    for (auto& batch : *loader) batches.push_back(to_vector(batch.data));
    epochs.push_back(batches);
  }
  EXPECT_EQ(epochs[0], (std::vector<std::vector<int64_t>>{{3, 9, 4, 2}, {7, 8, 6, 0}, {5, 1}}));
  EXPECT_EQ(epochs[1], (std::vector<std::vector<int64_t>>{{4, 0, 8, 5}, {9, 1, 6, 3}, {7, 2}}));
  EXPECT_FLOAT_EQ(ember::rand({1}).item<float>(), 0.036164820194244385f);
}

TEST(MakeDataLoader, SamplersResetToANewSize) {
  data::samplers::SequentialSampler sequential(3);
  EXPECT_EQ(*sequential.next(2), (std::vector<size_t>{0, 1}));
  EXPECT_EQ(*sequential.next(2), (std::vector<size_t>{2}));
  EXPECT_FALSE(sequential.next(2));
  sequential.reset(5);
  EXPECT_EQ(*sequential.next(100), (std::vector<size_t>{0, 1, 2, 3, 4}));
  data::samplers::RandomSampler random(4, ember::kInt32);
  random.reset(6);
  auto all = *random.next(static_cast<size_t>(-1));
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<size_t>{0, 1, 2, 3, 4, 5}));
}

TEST(MakeDataLoader, WorkersGiveTheSameBatchesInTheSameOrder) {
  std::vector<std::vector<std::vector<int64_t>>> runs;
  for (size_t workers : {0, 2, 4}) {
    ember::manual_seed(5);
    auto loader = data::make_data_loader(Numbers(37).map(data::transforms::Stack<>()),
                                         data::DataLoaderOptions().batch_size(3).workers(workers));
    std::vector<std::vector<int64_t>> batches;
    for (int epoch = 0; epoch < 2; ++epoch) {
      for (auto& batch : *loader) batches.push_back(to_vector(batch.target));
    }
    runs.push_back(batches);
  }
  EXPECT_EQ(runs[1], runs[0]);
  EXPECT_EQ(runs[2], runs[0]);
  EXPECT_EQ(runs[0].size(), 26u);
}

TEST(MakeDataLoader, UnorderedWorkersDeliverEveryBatchOnce) {
  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
      Numbers(20).map(data::transforms::Stack<>()),
      data::DataLoaderOptions().batch_size(2).workers(3).max_jobs(5).enforce_ordering(false));
  std::multiset<int64_t> seen;
  for (auto& batch : *loader) {
    for (int64_t t : to_vector(batch.target)) seen.insert(t);
  }
  std::multiset<int64_t> expected;
  for (int64_t i = 0; i < 20; ++i) expected.insert(10 * i);
  EXPECT_EQ(seen, expected);
}

TEST(MakeDataLoader, ADatasetErrorReachesTheLoopAsItself) {
  for (size_t workers : {0, 1, 3}) {
    auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
        Numbers(10, /*bad_index=*/5).map(data::transforms::Stack<>()),
        data::DataLoaderOptions().batch_size(2).workers(workers));
    std::vector<std::vector<int64_t>> before;
    try {
      for (auto& batch : *loader) before.push_back(to_vector(batch.target));
      ADD_FAILURE() << "no exception with " << workers << " workers";
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()), "no example 5");
    }
    EXPECT_EQ(before, (std::vector<std::vector<int64_t>>{{0, 10}, {20, 30}})) << workers;
    // The loader is still usable: the next epoch fails at the same batch again.
    EXPECT_THROW(for (auto& batch : *loader)(void) batch, std::runtime_error);
  }
}

TEST(MakeDataLoader, AnEmberErrorInAWorkerStaysAnEmberError) {
  struct Mismatched : data::datasets::Dataset<Mismatched> {
    data::Example<> get(size_t index) override {
      // Rows of different lengths: Stack<> fails with an ember::Error.
      return {ember::zeros({static_cast<int64_t>(index) + 1}), ember::zeros({})};
    }
    std::optional<size_t> size() const override { return 4; }
  };
  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
      Mismatched().map(data::transforms::Stack<>()),
      data::DataLoaderOptions().batch_size(2).workers(2));
  EXPECT_THROW(for (auto& batch : *loader)(void) batch, ember::Error);
}

TEST(MakeDataLoader, LeavingTheLoopEarlyAndDestroyingTheLoaderJoinsTheWorkers) {
  Numbers dataset(1000, -1, std::chrono::milliseconds(2));
  const auto counters = dataset.counters();
  {
    auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
        dataset.map(data::transforms::Stack<>()),
        data::DataLoaderOptions().batch_size(4).workers(4));
    int seen = 0;
    for (auto& batch : *loader) {
      EXPECT_EQ(to_vector(batch.target)[0], 40 * seen);
      if (++seen == 3) break;
    }
    // A new epoch after the break starts from the first batch.
    auto it = loader->begin();
    EXPECT_EQ(to_vector(it->target), (std::vector<int64_t>{0, 10, 20, 30}));
  }
  // The loader is gone: no get() is running and none starts later.
  EXPECT_EQ(counters->running.load(), 0);
  const int calls = counters->calls.load();
  EXPECT_LT(calls, 1000);  // the queued batches were dropped, not prepared
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(counters->calls.load(), calls);
}

TEST(MakeDataLoader, TimeoutWhileWaitingForAWorkerIsAnError) {
  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
      Numbers(1, -1, std::chrono::milliseconds(50)).map(data::transforms::Stack<>()),
      data::DataLoaderOptions().batch_size(1).workers(1).timeout(std::chrono::milliseconds(1)));
  try {
    for (auto& batch : *loader) (void)batch;
    ADD_FAILURE() << "no timeout";
  } catch (const ember::Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "Timeout in DataLoader queue while waiting for next batch (timeout was 1 ms)");
  }
}

TEST(MakeDataLoader, BadOptionsAreErrors) {
  EXPECT_THROW(data::make_data_loader(Numbers(3), data::DataLoaderOptions().batch_size(0)),
               ember::Error);
  EXPECT_THROW(data::make_data_loader(Numbers(3), data::DataLoaderOptions().workers(2).max_jobs(0)),
               ember::Error);
}

TEST(MakeDataLoader, IteratorPastTheEndIsAnError) {
  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
      Numbers(2).map(data::transforms::Stack<>()), data::DataLoaderOptions(2));
  auto it = loader->begin();
  EXPECT_TRUE(it != loader->end());
  ++it;
  EXPECT_TRUE(it == loader->end());
  EXPECT_THROW(++it, ember::Error);
  EXPECT_THROW(*it, ember::Error);
  auto end = loader->end();
  EXPECT_THROW(++end, ember::Error);
  EXPECT_THROW(*end, ember::Error);
}

TEST(Transforms, LambdaTensorLambdaAndNormalize) {
  using Example = data::Example<>;
  auto doubled = Numbers(4)
                     .map(data::transforms::Lambda<Example>([](Example e) {
                       e.target = e.target * 2;
                       return e;
                     }))
                     .map(data::transforms::TensorLambda<>([](Tensor t) { return t + 1; }))
                     .map(data::transforms::Stack<>());
  auto batch = doubled.get_batch(std::vector<size_t>{1, 3});
  EXPECT_EQ(to_vector(batch.target), (std::vector<int64_t>{20, 60}));
  EXPECT_TRUE(ember::equal(batch.data, ember::tensor({{2.f, 2.f}, {4.f, 4.f}})));

  // Normalize: per channel of a [channels, height, width] tensor.
  data::transforms::Normalize<> normalize({1.0, 2.0}, {2.0, 4.0});
  const Tensor image = ember::ones({2, 1, 2}) * 5;
  const Tensor out = normalize(image);
  EXPECT_TRUE(ember::allclose(out, ember::tensor({{{2.f, 2.f}}, {{0.75f, 0.75f}}})));

  data::transforms::BatchLambda<std::vector<Example>, int64_t> count(
      [](std::vector<Example> examples) { return static_cast<int64_t>(examples.size()); });
  auto counted = Numbers(5).map(count);
  EXPECT_EQ(counted.get_batch(std::vector<size_t>{0, 1, 2}), 3);
  EXPECT_EQ(counted.size(), 5u);
}

}  // namespace
