// The shape ops on the GPU against the CPU backend, for every dtype, on contiguous and
// transposed operands: flip, roll, repeat, repeat_interleave, tril / triu, diagonal,
// diag_embed, trace, take_along_dim, index_add / index_copy / index_fill, scatter,
// scatter_reduce (sum, prod, amax, amin) and scatter with "multiply", masked_select /
// masked_scatter and every padding mode; and their gradients.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::all_dtypes;
using ember_cuda_test::cuda_matches_cpu;
using ember_cuda_test::Operand;
using ember_cuda_test::random;

using Op = ember_cuda_test::OpOnOperands;

Tensor longs(std::vector<int64_t> values) { return tensor(values, kLong); }

TEST(CudaShapeOps, MovingOpsMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  const std::vector<Op> ops = {
      [](const std::vector<Tensor>& t) {
        return t[0].flip({0, 2});
      },
      [](const std::vector<Tensor>& t) {
        return t[0].roll({3, -5}, {1, 2});
      },
      [](const std::vector<Tensor>& t) { return t[0].roll({7}); },
      [](const std::vector<Tensor>& t) {
        return t[0].repeat({2, 1, 3, 1});
      },
      [](const std::vector<Tensor>& t) { return t[0].tril(1); },
      [](const std::vector<Tensor>& t) { return t[0].triu(-2); },
      [](const std::vector<Tensor>& t) { return t[0].diagonal(1, 1, 2).contiguous(); },
      [](const std::vector<Tensor>& t) { return t[0][0].diag_embed(-1); },
      [](const std::vector<Tensor>& t) {
        return t[0].repeat_interleave(longs({1, 0, 2, 3, 1, 0, 2}).to(t[0].device()), 1);
      },
      [](const std::vector<Tensor>& t) {
        return t[0].take_along_dim(longs({4, 0, 2}).view({1, 3, 1}).to(t[0].device()), 1);
      },
      [](const std::vector<Tensor>& t) {
        return t[0].index_fill(1, longs({6, -1, 0}).to(t[0].device()), 1);
      },
      [](const std::vector<Tensor>& t) {
        return t[0].masked_select((t[0][0] != 0).to(t[0].device()));
      },
      [](const std::vector<Tensor>& t) {
        return constant_pad_nd(t[0], {2, -1, 1, 3}, 1);
      },
      [](const std::vector<Tensor>& t) {
        return pad(t[0], {3, 2}, "circular");
      },
      [](const std::vector<Tensor>& t) {
        return pad(t[0], {3, 2, 1, 4}, "reflect");
      },
      [](const std::vector<Tensor>& t) {
        return pad(t[0], {3, 2, 1, 4}, "replicate");
      },
  };
  for (Dtype d : all_dtypes()) {
    const Operand base{random({3, 7, 9}, d, 1)};
    const Operand transposed{random({9, 7, 3}, d, 2),
                             [](const Tensor& t) { return t.transpose(0, 2); }};
    for (const Operand& x : {base, transposed}) {
      for (size_t i = 0; i < ops.size(); ++i) {
        EXPECT_TRUE(cuda_matches_cpu(ops[i], {x})) << "op " << i << " dtype " << d;
      }
    }
  }
}

TEST(CudaShapeOps, WritesAlongADimMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : all_dtypes()) {
    const Operand self{random({5, 6}, d, 3)};
    const Operand source{random({5, 4}, d, 4)};
    const Operand mask{random({5, 6}, kBool, 5)};
    const auto on = [](const Tensor& index, const Tensor& like) { return index.to(like.device()); };
    EXPECT_TRUE(cuda_matches_cpu(
        [&](const std::vector<Tensor>& t) {
          return t[0].index_add(1, on(longs({5, 0, 5, 2}), t[0]), t[1], 2);
        },
        {self, source}))
        << d;
    EXPECT_TRUE(cuda_matches_cpu(
        [&](const std::vector<Tensor>& t) {
          return t[0].index_copy(1, on(longs({5, 0, 3, 2}), t[0]), t[1]);
        },
        {self, source}))
        << d;
    EXPECT_TRUE(cuda_matches_cpu(
        [&](const std::vector<Tensor>& t) {
          return t[0].scatter(0, on(longs({4, 3, 2, 1, 0, 0, 1, 2}).view({2, 4}), t[0]), t[1]);
        },
        {self, source}))
        << d;
    EXPECT_TRUE(cuda_matches_cpu(
        [&](const std::vector<Tensor>& t) { return t[0].masked_scatter(t[2], t[1]); },
        {self, Operand{random({30}, d, 6)}, mask}))
        << d;
    if (d == kBool) continue;
    for (const char* reduce : {"sum", "prod", "amax", "amin"}) {
      for (bool include_self : {true, false}) {
        EXPECT_TRUE(cuda_matches_cpu(
            [&](const std::vector<Tensor>& t) {
              return t[0].scatter_reduce(1, on(longs({0, 0, 5, 1}).view({1, 4}), t[0]), t[1],
                                         reduce, include_self);
            },
            {self, source}, 8.0))
            << d << " " << reduce;
      }
    }
    EXPECT_TRUE(cuda_matches_cpu(
        [&](const std::vector<Tensor>& t) {
          return t[0].scatter(1, on(longs({0, 0, 5, 1}).view({1, 4}), t[0]), t[1], "multiply");
        },
        {self, source}, 8.0))
        << d;
  }
}

TEST(CudaShapeOps, GradientsMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  const auto grad_of = [](const Tensor& x) {
    Tensor leaf = x.detach().requires_grad_();
    Tensor y = pad(leaf.flip({1}).roll({1}, {0}).tril(), {1, 2}, "reflect");
    y = y.index_add(1, longs({0, 2}).to(x.device()), y.narrow(1, 0, 2));
    (y * y).sum().backward();
    return leaf.grad();
  };
  const Tensor x = random({4, 5}, kDouble, 7);
  EXPECT_TRUE(ember_test::tensors_close(grad_of(x.cuda()).cpu(), grad_of(x), 1e-12, 1e-12));
}

}  // namespace
