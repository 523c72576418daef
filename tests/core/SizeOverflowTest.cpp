// Shapes are untrusted input: element counts, byte counts and view extents that do not fit
// must give an ember::Error (c10's messages), never a wrapped size, a crash or a hang.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::throws_error_with;

constexpr int64_t k2p62 = int64_t{1} << 62;
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

TEST(SizeOverflow, CreationRefusesByteCountsThatWrap) {
  // (2^62 - 1) floats are 2^64 - 4 bytes: the allocator's size classes used to wrap to 0.
  for (auto make : {+[] { return zeros({k2p62 - 1}); }, +[] { return ones({k2p62 - 1}); },
                    +[] { return full({k2p62 - 1}, 2.0); }, +[] { return rand({k2p62 - 1}); },
                    +[] { return empty({(int64_t{1} << 61) - 1}, kDouble); },
                    +[] { return linspace(0, 1, k2p62 - 1); }}) {
    EXPECT_TRUE(throws_error_with(make, "Storage size calculation overflowed"));
  }
  EXPECT_TRUE(throws_error_with(
      [] {
        zeros({k2p62, 4});
      },
      "numel: integer multiplication overflow"));
  EXPECT_TRUE(throws_error_with([] { randperm(k2p62); }, "Storage size calculation overflowed"));
}

TEST(SizeOverflow, EmptyTensorsMayHaveHugeDims) {
  const Tensor t = empty({k2p62, 4, 0});
  EXPECT_EQ(t.numel(), 0);
  EXPECT_EQ(t.nbytes(), 0u);
  EXPECT_EQ(zeros_like(t).numel(), 0);
  EXPECT_TRUE(throws_error_with([] { empty({0, kMax, 2}); }, "Stride calculation overflowed"));
}

TEST(SizeOverflow, ViewsWhoseNumelOverflowsAreRefused) {
  EXPECT_TRUE(throws_error_with(
      [] {
        empty({0}).view({k2p62, 4});
      },
      "shape '[4611686018427387904, 4]' is invalid for input of size 0"));
  EXPECT_TRUE(throws_error_with([] { empty({0}).reshape({k2p62, 4}); }, "is invalid for input"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ones({1}).expand({k2p62, 4});
      },
      "numel: integer multiplication overflow"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ones({1}).expand({k2p62 + 1, 4});
      },
      "numel: integer multiplication overflow"));
  // At the limit it still works, and reports its size.
  const Tensor big = ones({1}).expand({k2p62, 1});
  EXPECT_EQ(big.numel(), k2p62);
  EXPECT_EQ(ones({1}).expand({kMax}).numel(), kMax);
}

// Found by fuzz_api: offsets and strides of views of empty tensors with huge dims.
TEST(SizeOverflow, ViewsOfEmptyTensorsWithHugeDims) {
  const Tensor t = empty({kMax, 4, 0});
  EXPECT_EQ(t.slice(0, 0, kMax, kMax).size(0), 1);
  EXPECT_EQ(t.slice(0, 1, std::nullopt, 2).size(0), kMax / 2);
  EXPECT_EQ(t.select(0, kMax - 1).sizes(), IntArrayRef({4, 0}));
  EXPECT_EQ(t.narrow(0, kMax - 2, 2).size(0), 2);
  EXPECT_EQ(t.unsqueeze(1).dim(), 4);
  // With elements, a step past the end keeps PyTorch's stride (stride * step).
  EXPECT_EQ(arange(10).slice(0, 0, std::nullopt, 100).stride(0), 100);
  EXPECT_EQ(arange(10).slice(0, 10).storage_offset(), 10);  // as PyTorch, though empty
  // Ops on empty tensors whose strides are huge in bytes (fuzz_api: byte strides overflowed).
  const Tensor sparse = empty({0}).slice(0, 0, std::nullopt, k2p62 + 1);
  EXPECT_EQ(sparse.stride(0), k2p62 + 1);
  EXPECT_EQ((sparse * 2).numel(), 0);
  const Tensor wide = empty({0, int64_t{1} << 61}, kDouble);
  EXPECT_EQ((wide + 1).numel(), 0);
  EXPECT_EQ(wide.slice(1, (int64_t{1} << 61) - 1).numel(), 0);
  // Along-dim ops on such tensors (fuzz_api: softmax multiplied the other dims' sizes).
  const Tensor huge_empty = empty({(int64_t{1} << 62) - 1, 4, 0});
  EXPECT_EQ(softmax(huge_empty, 1).numel(), 0);
  EXPECT_EQ(cumsum(huge_empty, 1).numel(), 0);
  const int64_t k2p31 = int64_t{1} << 31, k2p32 = int64_t{1} << 32;
  EXPECT_EQ(empty({k2p31, k2p32, 0}).expand({1, k2p31, k2p32, 0}).dim(), 4);  // fuzz_api
  // No memory, no address to offset: such views keep offset 0 (PyTorch would say 5).
  const Tensor none = empty({0, 10}).slice(1, 5);
  EXPECT_EQ(none.storage_offset(), 0);
  EXPECT_EQ(none.data_ptr(), nullptr);
}

TEST(SizeOverflow, ContiguousCopiesOfHugeExpandsAreRefused) {
  const Tensor big = ones({1}).expand({k2p62 - 1});
  EXPECT_TRUE(throws_error_with([&] { big.contiguous(); }, "Storage size calculation overflowed"));
  EXPECT_TRUE(throws_error_with([&] { big.clone(); }, "Storage size calculation overflowed"));
  EXPECT_TRUE(throws_error_with([&] { zeros_like(big); }, "Storage size calculation overflowed"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        big + ones({4, 1});
      },
      "numel: integer multiplication overflow"));
}

TEST(SizeOverflow, FromBlobChecksTheStridesExtent) {
  float data[4] = {1, 2, 3, 4};
  EXPECT_TRUE(throws_error_with(
      [&] {
        from_blob(data, {2, 2}, {k2p62, 1});
      },
      "Storage size calculation overflowed with sizes=[2, 2] and "
      "strides=[4611686018427387904, 1]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        from_blob(data, {k2p62, 4});
      },
      "numel: integer multiplication overflow"));
  EXPECT_TRUE(throws_error_with([&] { from_blob(data, {2}, {-1}); }, "negative strides"));
  EXPECT_EQ(from_blob(data, {2, 2}, {1, 2}).storage().nbytes(), 4 * sizeof(float));
}

TEST(SizeOverflow, AllocatorRefusesAbsurdSizes) {
  Allocator* cpu = get_allocator(kCPU);
  for (size_t n : {std::numeric_limits<size_t>::max(), std::numeric_limits<size_t>::max() - 63,
                   size_t{1} << 63}) {
    EXPECT_TRUE(throws_error_with([&] { cpu->allocate(n, Device(kCPU)); }, "out of memory"));
  }
}

TEST(SizeOverflow, SplitOfAHugeExpandedDimIsAnError) {
  const Tensor big = ones({1}).expand({int64_t{1} << 40});
  EXPECT_TRUE(throws_error_with([&] { big.unbind(0); }, "unbind: cannot return 1099511627776"));
  EXPECT_TRUE(throws_error_with([&] { big.split(1); }, "split: cannot return"));
  EXPECT_TRUE(throws_error_with([&] { big.chunk(int64_t{1} << 40); }, "split: cannot return"));
  EXPECT_TRUE(
      throws_error_with([] { empty({0}).chunk(int64_t{1} << 40); }, "chunk: cannot return"));
  EXPECT_EQ(big.split(int64_t{1} << 39).size(), 2u);
}

TEST(SizeOverflow, ArangeLengthNeverOverflows) {
  const Tensor one = arange(0, 10, kMax);
  ASSERT_EQ(one.numel(), 1);
  EXPECT_EQ(one.item<int64_t>(), 0);
  EXPECT_EQ(arange(-kMax, kMax, kMax).numel(), 2);
  EXPECT_EQ(arange(kMax, 0, -kMax).numel(), 1);
  const Tensor wide = arange(std::numeric_limits<int64_t>::min(), kMax, kMax);
  ASSERT_EQ(wide.numel(), 3);
  EXPECT_EQ(wide[1].item<int64_t>(), -1);
  EXPECT_EQ(wide[2].item<int64_t>(), kMax - 1);
  EXPECT_TRUE(throws_error_with([] { arange(-kMax - 1, kMax, 1); }, "has too many elements"));
  EXPECT_TRUE(throws_error_with([] { arange(0.0, 1e300, 1.0); }, "has too many elements"));
}

TEST(MaxRank, SixtyFourDimsWorkEverywhere) {
  const DimVector shape(64, 1);
  const Tensor t = ones(shape);
  DimVector reversed(64, 0);
  for (int64_t i = 0; i < 64; ++i) reversed[static_cast<size_t>(i)] = 63 - i;
  EXPECT_EQ(t.permute(reversed).dim(), 64);
  EXPECT_EQ(t.sum(63).dim(), 63);
  EXPECT_EQ(t.sum().item<float>(), 1.0f);
}

TEST(MaxRank, MoreDimsAreRefusedWhereverTheyWouldArise) {
  const std::string message = "Ember tensors have at most 64 dimensions, got a shape with 65";
  const DimVector shape(65, 1);
  EXPECT_TRUE(throws_error_with([&] { zeros(shape); }, message));
  EXPECT_TRUE(throws_error_with([&] { ones(DimVector(64, 1)).unsqueeze(0); }, message));
  EXPECT_TRUE(throws_error_with([&] { ones({1}).view(shape); }, message));
  EXPECT_TRUE(throws_error_with([&] { ones({1}).expand(shape); }, message));
  EXPECT_TRUE(
      throws_error_with([&] { ones({1}) + ones(DimVector(64, 1)).unsqueeze(-1); }, message));
  float x = 1;
  EXPECT_TRUE(throws_error_with([&] { from_blob(&x, shape); }, message));
}

TEST(NpyPaths, EmbeddedNulIsRejected) {
  const std::string path = ember_test::test_data_dir() + "/npy/float32_3x4.npy" + '\0' + "x";
  EXPECT_TRUE(throws_error_with([&] { npy::load(path); }, "the path contains a NUL byte"));
  EXPECT_TRUE(throws_error_with([&] { npy::save(std::string("/tmp/a\0b", 8), ones({1})); },
                                "the path contains a NUL byte"));
}

}  // namespace
