// F::embedding against PyTorch: looked-up rows, the weight's gradient (plain, padding_idx,
// scale_grad_by_freq), max_norm's in-place renormalisation, and the errors.

#include <gtest/gtest.h>

#include "LayersTestUtils.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember_test::tensors_close;
using ember_test::throws_error_with;

Tensor indices() { return REF(emb_idx).to(ember::kLong); }

/// The weight's gradient of (embedding(indices, w, options) * grad_out).sum().
Tensor weight_grad(const F::EmbeddingFuncOptions& options) {
  const Tensor w = REF(emb_w).requires_grad_();
  (F::embedding(indices(), w, options) * REF(emb_grad_out)).sum().backward();
  return w.grad();
}

TEST(EmbeddingFunctional, LooksUpRowsAsPyTorch) {
  const Tensor out = F::embedding(indices(), REF(emb_w));
  EXPECT_EQ(out.sizes().vec(), (std::vector<int64_t>{2, 4, 3}));
  EXPECT_TRUE(tensors_close(out, REF(emb_out), 0, 0));
  // int32 indices and a 0-d index work too.
  EXPECT_TRUE(
      tensors_close(F::embedding(indices().to(ember::kInt), REF(emb_w)), REF(emb_out), 0, 0));
  EXPECT_EQ(F::embedding(ember::tensor(int64_t{3}), REF(emb_w)).sizes().vec(),
            (std::vector<int64_t>{3}));
}

TEST(EmbeddingFunctional, WeightGradientsMatchPyTorch) {
  EXPECT_TRUE(tensors_close(weight_grad({}), REF(emb_grad_w), 1e-14, 1e-15));
  // padding_idx: the padding row gets no gradient; -8 is the same row counted from the end.
  EXPECT_TRUE(tensors_close(weight_grad(F::EmbeddingFuncOptions().padding_idx(2)),
                            REF(emb_pad_grad_w), 1e-14, 1e-15));
  EXPECT_TRUE(tensors_close(weight_grad(F::EmbeddingFuncOptions().padding_idx(-8)),
                            REF(emb_pad_grad_w), 1e-14, 1e-15));
  EXPECT_TRUE(tensors_close(weight_grad(F::EmbeddingFuncOptions().scale_grad_by_freq(true)),
                            REF(emb_freq_grad_w), 1e-14, 1e-15));
}

TEST(EmbeddingFunctional, PaddingRowKeepsItsValuesInTheOutput) {
  const Tensor w = REF(emb_w).requires_grad_();
  EXPECT_TRUE(tensors_close(F::embedding(indices(), w, F::EmbeddingFuncOptions().padding_idx(2)),
                            REF(emb_out), 0, 0));
}

TEST(EmbeddingFunctional, FirstAndSecondDerivativesPassGradcheck) {
  // padding_idx and scale_grad_by_freq change the gradient on purpose, so they are checked
  // where it is the true derivative: the padding row (0) is not looked up and, for the
  // frequency scaling, every index occurs once.
  const Tensor unique_indices = ember::tensor({{1, 2, 4}, {5, 3, 9}});
  const std::vector<std::pair<Tensor, F::EmbeddingFuncOptions>> cases = {
      {indices(), F::EmbeddingFuncOptions()},
      {indices(), F::EmbeddingFuncOptions().padding_idx(0)},
      {unique_indices, F::EmbeddingFuncOptions().scale_grad_by_freq(true)}};
  for (const auto& [idx, options] : cases) {
    layers_test::expect_gradients_check(
        [&](const auto& in) {
          const Tensor rows = F::embedding(idx, in[0], options);
          return std::vector<Tensor>{rows * rows};
        },
        {REF(emb_w).requires_grad_()});
  }
}

TEST(EmbeddingFunctional, MaxNormRenormalisesTheLookedUpRowsInPlace) {
  Tensor w = REF(emb_w);
  const Tensor out = F::embedding(indices(), w, F::EmbeddingFuncOptions().max_norm(1.0));
  EXPECT_TRUE(tensors_close(out, REF(emb_maxnorm_out), 1e-15, 1e-16));
  EXPECT_TRUE(tensors_close(w, REF(emb_maxnorm_w), 1e-15, 1e-16));
  Tensor w1 = REF(emb_w);
  F::embedding(indices(), w1, F::EmbeddingFuncOptions().max_norm(0.5).norm_type(1.0));
  EXPECT_TRUE(tensors_close(w1, REF(emb_maxnorm_l1_w), 1e-15, 1e-16));
  // On a parameter that requires grad the renormalisation is not recorded.
  const Tensor leaf = REF(emb_w).requires_grad_();
  const Tensor rows = F::embedding(indices(), leaf, F::EmbeddingFuncOptions().max_norm(1.0));
  EXPECT_TRUE(tensors_close(leaf.detach(), REF(emb_maxnorm_w), 1e-15, 1e-16));
  (rows * REF(emb_grad_out)).sum().backward();
  EXPECT_TRUE(tensors_close(leaf.grad(), REF(emb_grad_w), 1e-14, 1e-15));
}

TEST(EmbeddingFunctional, BadInputsThrowEmberErrors) {
  const Tensor w = REF(emb_w);
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::embedding(ember::tensor({0, 10}), w);
      },
      "index out of range in self: index 10 is not in [0, 10)"));
  EXPECT_TRUE(throws_error_with([&] { F::embedding(ember::tensor({-1}), w); },
                                "index out of range in self: index -1"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::embedding(ember::tensor({0.0, 1.0}), w);
      },
      "Expected tensor for argument #1 'indices' to have one of the "
      "following scalar types: Long, Int; but got Float instead"));
  EXPECT_TRUE(throws_error_with([&] { F::embedding(ember::tensor({0}), w.reshape({-1})); },
                                "'weight' must be 2-D"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::embedding(ember::tensor({0}), w, F::EmbeddingFuncOptions().padding_idx(10)); },
      "Padding_idx must be within num_embeddings"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::embedding(ember::tensor({0}), w, F::EmbeddingFuncOptions().padding_idx(-11)); },
      "Padding_idx must be within num_embeddings"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::embedding(ember::tensor({0}), w, F::EmbeddingFuncOptions().sparse(true)); },
      "sparse gradients are not supported"));
}

}  // namespace
