// from_blob: wraps caller memory without copying (as NumPy's bridge does), with explicit
// strides and an optional deleter called exactly once, when the last user of the memory dies.

#include <gtest/gtest.h>

#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

TEST(FromBlob, SharesMemory) {
  std::vector<float> buffer = {1, 2, 3, 4, 5, 6};
  Tensor t = from_blob(buffer.data(), {2, 3});
  EXPECT_EQ(t.dtype(), kFloat);
  EXPECT_EQ(t.data_ptr<float>(), buffer.data());
  EXPECT_TRUE(t.is_contiguous());
  EXPECT_TRUE(tensors_equal(t, tensor({{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}})));
  buffer[4] = 50;  // visible through the tensor
  EXPECT_EQ(t[1][1].item<float>(), 50.f);
  t[0].copy_(tensor({7.f, 8.f, 9.f}));  // and writes reach the buffer
  EXPECT_EQ(buffer[0], 7.f);
  EXPECT_EQ(buffer[2], 9.f);
  EXPECT_EQ(buffer[3], 4.f);
}

TEST(FromBlob, Strides) {
  std::vector<int32_t> buffer = {0, 1, 2, 3, 4, 5, 6, 7};
  // Column-major 2x3 view of the first 6 values.
  const Tensor t = from_blob(buffer.data(), {2, 3}, {1, 2}, kInt);
  EXPECT_FALSE(t.is_contiguous());
  EXPECT_EQ(t.strides(), IntArrayRef({1, 2}));
  EXPECT_TRUE(tensors_equal(t, tensor({{0, 2, 4}, {1, 3, 5}}, kInt)));
  // Every other element.
  const Tensor s = from_blob(buffer.data(), {4}, {2}, kInt);
  EXPECT_TRUE(tensors_equal(s, tensor({0, 2, 4, 6}, kInt)));
  // Broadcast (stride 0). A braced {0} would also match the deleter overload (nullptr), as
  // in libtorch, hence the explicit vector.
  const Tensor b = from_blob(buffer.data() + 7, {3}, std::vector<int64_t>{0}, kInt);
  EXPECT_TRUE(tensors_equal(b, tensor({7, 7, 7}, kInt)));
}

TEST(FromBlob, DeleterRunsOnceWhenTheLastViewDies) {
  std::vector<double> buffer(12, 1.0);
  int calls = 0;
  void* seen = nullptr;
  {
    Tensor t = from_blob(
        buffer.data(), {3, 4},
        [&](void* p) {
          ++calls;
          seen = p;
        },
        kDouble);
    Tensor copy = t;         // same TensorImpl
    Tensor view = t.t()[1];  // a view sharing the storage
    t = Tensor();
    copy = Tensor();
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(view.numel(), 3);
    view = Tensor();
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(seen, buffer.data());
  }
  EXPECT_EQ(calls, 1);
}

TEST(FromBlob, CopiesOwnTheirMemory) {
  std::vector<float> buffer = {1, 2, 3};
  int calls = 0;
  Tensor copy;
  {
    const Tensor t = from_blob(buffer.data(), {3}, [&](void*) { ++calls; });
    copy = t.clone();
  }
  EXPECT_EQ(calls, 1);
  buffer[0] = 100;
  EXPECT_EQ(copy[0].item<float>(), 1.f);
}

TEST(FromBlob, OptionsAndEmpty) {
  std::vector<double> buffer = {1.5, 2.5};
  const Tensor t =
      from_blob(buffer.data(), {2}, TensorOptions().dtype(kDouble).requires_grad(true));
  EXPECT_TRUE(t.requires_grad());
  EXPECT_EQ(t.dtype(), kDouble);
  const Tensor e = from_blob(nullptr, {0, 3});
  EXPECT_EQ(e.numel(), 0);
  const Tensor s = from_blob(buffer.data(), {});
  EXPECT_EQ(s.dim(), 0);
}

TEST(FromBlob, Errors) {
  std::vector<float> buffer(4);
  EXPECT_TRUE(throws_error_with(
      [&] {
        from_blob(buffer.data(), {2, 2}, {1});
      },
      "from_blob: got 2 sizes but 1 strides"));
  EXPECT_TRUE(throws_error_with([] { from_blob(nullptr, {2}); }, "data pointer is null"));
  EXPECT_TRUE(throws_error_with([&] { from_blob(buffer.data(), {2}, {-1}); },
                                "negative strides are not supported"));
  EXPECT_TRUE(throws_error_with([&] { from_blob(buffer.data(), {-2}); }, "negative dimension"));
}

}  // namespace
