// nn::Embedding: PyTorch's initialisation after manual_seed, padding row, forward and
// gradients, from_pretrained, printing and errors.

#include <gtest/gtest.h>

#include <string>

#include "LayersTestUtils.h"

namespace {

namespace nn = ember::nn;
using ember::Tensor;
using ember_test::tensors_close;
using ember_test::throws_error_with;
using layers_test::repr;

TEST(EmbeddingModule, DefaultInitialisationEqualsPyTorchsAfterTheSameSeed) {
  ember::manual_seed(0);
  nn::Embedding embedding(10, 3);
  EXPECT_TRUE(tensors_close(embedding->weight, REF(embedding_init_10x3).to(ember::kFloat), 0, 0));
  EXPECT_TRUE(embedding->weight.requires_grad());
  ember::manual_seed(0);
  nn::Embedding padded(nn::EmbeddingOptions(5, 4).padding_idx(1));
  EXPECT_TRUE(tensors_close(padded->weight, REF(embedding_init_pad1).to(ember::kFloat), 0, 0));
  EXPECT_TRUE(padded->weight[1].eq(0).all().item<bool>());
  EXPECT_EQ(embedding->named_parameters().keys(), (std::vector<std::string>{"weight"}));
}

TEST(EmbeddingModule, ForwardAndGradientMatchPyTorch) {
  nn::Embedding embedding(nn::EmbeddingOptions(10, 3).padding_idx(2));
  {
    ember::NoGradGuard no_grad;
    embedding->weight.set_data(REF(emb_w));
  }
  const Tensor out = embedding(REF(emb_idx).to(ember::kLong));
  EXPECT_TRUE(tensors_close(out, REF(emb_out), 0, 0));
  (out * REF(emb_grad_out)).sum().backward();
  EXPECT_TRUE(tensors_close(embedding->weight.grad(), REF(emb_pad_grad_w), 1e-14, 1e-15));
}

TEST(EmbeddingModule, MaxNormRenormalisesTheWeight) {
  nn::Embedding embedding(nn::EmbeddingOptions(10, 3).max_norm(1.0));
  {
    ember::NoGradGuard no_grad;
    embedding->weight.set_data(REF(emb_w));
  }
  const Tensor out = embedding(REF(emb_idx).to(ember::kLong));
  EXPECT_TRUE(tensors_close(out, REF(emb_maxnorm_out), 1e-15, 1e-16));
  EXPECT_TRUE(tensors_close(embedding->weight, REF(emb_maxnorm_w), 1e-15, 1e-16));
}

TEST(EmbeddingModule, FromPretrainedSharesTheValuesAndFreezesByDefault) {
  const Tensor table = REF(emb_w);
  nn::Embedding frozen = nn::Embedding::from_pretrained(table);
  EXPECT_FALSE(frozen->weight.requires_grad());
  EXPECT_FALSE(table.requires_grad());
  EXPECT_EQ(frozen->weight.data_ptr(), table.data_ptr());
  EXPECT_TRUE(tensors_close(frozen(REF(emb_idx).to(ember::kLong)), REF(emb_out), 0, 0));
  EXPECT_EQ(repr(frozen), "Embedding(10, 3)");
  nn::Embedding trainable = nn::Embedding::from_pretrained(
      table, nn::EmbeddingFromPretrainedOptions().freeze(false).padding_idx(-1));
  EXPECT_TRUE(trainable->weight.requires_grad());
  EXPECT_EQ(trainable->options.padding_idx(), 9);
  // The padding row of a pretrained table keeps its values.
  EXPECT_TRUE(tensors_close(trainable->weight[9], table[9], 0, 0));
  EXPECT_TRUE(throws_error_with([&] { nn::Embedding::from_pretrained(table[0]); },
                                "Embeddings parameter is expected to be 2-dimensional"));
}

TEST(EmbeddingModule, PrintsAsPythonsRepr) {
  EXPECT_EQ(repr(nn::Embedding(10, 3)), "Embedding(10, 3)");
  EXPECT_EQ(repr(nn::Embedding(nn::EmbeddingOptions(10, 3)
                                   .padding_idx(0)
                                   .max_norm(1.0)
                                   .norm_type(1.0)
                                   .scale_grad_by_freq(true)
                                   .sparse(true))),
            "Embedding(10, 3, padding_idx=0, max_norm=1.0, norm_type=1.0, "
            "scale_grad_by_freq=True, sparse=True)");
  EXPECT_EQ(repr(nn::Embedding(nn::EmbeddingOptions(10, 3).padding_idx(-2))),
            "Embedding(10, 3, padding_idx=8)");
}

TEST(EmbeddingModule, BadOptionsAndIndicesAreEmberErrors) {
  EXPECT_TRUE(throws_error_with([] { nn::Embedding(-1, 3); },
                                "Trying to create tensor with negative dimension -1: [-1, 3]"));
  EXPECT_TRUE(throws_error_with([] { nn::Embedding(nn::EmbeddingOptions(4, 3).padding_idx(4)); },
                                "Padding_idx must be within num_embeddings"));
  EXPECT_TRUE(throws_error_with([] { nn::Embedding(nn::EmbeddingOptions(4, 3).padding_idx(-5)); },
                                "Padding_idx must be within num_embeddings"));
  EXPECT_TRUE(throws_error_with(
      [] {
        nn::Embedding(nn::EmbeddingOptions(4, 3)._weight(ember::zeros({3, 4})));
      },
      "Shape of weight does not match num_embeddings and embedding_dim (expected [4, 3], got "
      "[3, 4])"));
  nn::Embedding embedding(4, 3);
  EXPECT_TRUE(throws_error_with(
      [&] {
        embedding(ember::tensor({1, 4}));
      },
      "index out of range in self: index 4 is not in [0, 4)"));
  EXPECT_TRUE(throws_error_with([&] { embedding(ember::tensor({-1})); }, "index out of range"));
}

TEST(EmbeddingModule, CloneCopiesTheWeight) {
  nn::Embedding embedding(6, 2);
  const auto copy = std::dynamic_pointer_cast<nn::EmbeddingImpl>(embedding->clone());
  ASSERT_NE(copy, nullptr);
  EXPECT_TRUE(tensors_close(copy->weight, embedding->weight, 0, 0));
  EXPECT_NE(copy->weight.data_ptr(), embedding->weight.data_ptr());
}

}  // namespace
