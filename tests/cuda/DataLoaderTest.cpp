// Data loaders feeding a GPU: pin_memory batches in page-locked memory, copied to cuda:0 with
// non_blocking, equal to the CPU batches; the same for make_data_loader's batches.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <vector>

#include "TestUtils.h"

namespace {

using ember::Tensor;
namespace data = ember::data;

TEST(CudaDataLoader, PinnedBatchesMoveToTheGpu) {
  EMBER_REQUIRE_CUDA();
  const Tensor x = ember::randn({50, 3});
  const Tensor y = ember::randint(0, 5, {50});
  const ember::Device gpu("cuda:0");
  for (int64_t workers : {0, 2}) {
    data::DataLoader plain(data::TensorDataset(x, y), {.batch_size = 8, .num_workers = workers});
    data::DataLoader pinned(data::TensorDataset(x, y),
                            {.batch_size = 8, .num_workers = workers, .pin_memory = true});
    std::vector<data::Batch> expected;
    for (auto& batch : plain) {
      EXPECT_FALSE(batch.data.is_pinned());
      expected.push_back(batch);
    }
    size_t i = 0;
    for (auto& batch : pinned) {
      ASSERT_LT(i, expected.size());
      EXPECT_TRUE(batch.data.is_pinned());
      EXPECT_TRUE(batch.target.is_pinned());
      const data::Batch on_gpu = batch.to(gpu, /*non_blocking=*/true);
      EXPECT_TRUE(on_gpu.data.is_cuda());
      EXPECT_TRUE(on_gpu.target.is_cuda());
      EXPECT_TRUE(ember::equal(on_gpu.data.cpu(), expected[i].data));
      EXPECT_TRUE(ember::equal(on_gpu.target.cpu(), expected[i].target));
      ++i;
    }
    EXPECT_EQ(i, expected.size());
  }
}

TEST(CudaDataLoader, DatasetOnTheGpu) {
  EMBER_REQUIRE_CUDA();
  const Tensor x = ember::arange(10).cuda();
  ember::manual_seed(0);
  data::DataLoader loader(data::TensorDataset(x, x * 10), {.batch_size = 4, .shuffle = true});
  std::vector<int64_t> order;
  for (auto& [inputs, targets] : loader) {
    EXPECT_TRUE(inputs.is_cuda());
    EXPECT_TRUE(ember::equal(targets, inputs * 10));
    const Tensor cpu = inputs.cpu();
    order.insert(order.end(), cpu.data_ptr<int64_t>(), cpu.data_ptr<int64_t>() + cpu.numel());
  }
  // The order does not depend on where the data is (Python's: see the CPU test).
  EXPECT_EQ(order, (std::vector<int64_t>{6, 7, 1, 4, 2, 0, 9, 8, 3, 5}));
}

TEST(CudaDataLoader, MakeDataLoaderBatchesMoveToTheGpu) {
  EMBER_REQUIRE_CUDA();
  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
      data::datasets::TensorDataset(ember::arange(12).reshape({6, 2}))
          .map(data::transforms::Stack<data::TensorExample>()),
      data::DataLoaderOptions().batch_size(4).workers(2));
  int64_t first = 0;
  for (auto& batch : *loader) {
    const Tensor on_gpu = batch.data.pin_memory().to(ember::Device("cuda:0"), true);
    EXPECT_TRUE(on_gpu.is_cuda());
    EXPECT_TRUE(ember::equal(on_gpu.cpu(), batch.data));
    EXPECT_EQ(on_gpu.cpu()[0][0].item<int64_t>(), first);
    first += 8;
  }
  EXPECT_EQ(first, 16);
}

}  // namespace
