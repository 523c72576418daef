// Tensor::index: the index types, basic indexing (views) and advanced indexing (copies),
// against PyTorch's results (tests/reference/gen_indexing.py).

#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <ember/ember.h>

#include "IndexingReference.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using namespace ember::indexing;
using ember_test::indexing_ref;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

using Case = std::pair<const char*, std::function<Tensor()>>;

void expect_cases(const std::vector<Case>& cases) {
  for (const auto& [name, run] : cases) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(tensors_equal(run(), indexing_ref(name)));
  }
}

bool aliases(const Tensor& a, const Tensor& b) { return a.storage().is_alias_of(b.storage()); }

// ---- the index types -----------------------------------------------------------------------

TEST(TensorIndex, SliceDefaultsAsLibtorch) {
  const Slice all;
  EXPECT_EQ(all.start(), 0);
  EXPECT_EQ(all.stop(), INDEX_MAX);
  EXPECT_EQ(all.step(), 1);
  const Slice rev(None, None, -1);
  EXPECT_EQ(rev.start(), INDEX_MAX);
  EXPECT_EQ(rev.stop(), INDEX_MIN);
  const Slice s(1, None, 2);
  EXPECT_EQ(s.start(), 1);
  EXPECT_EQ(s.stop(), INDEX_MAX);
  EXPECT_EQ(s.step(), 2);
  EXPECT_EQ(Slice(None, None, INDEX_MIN).step(), -INDEX_MAX);
  EXPECT_TRUE(throws_error_with([] { Slice(0, 3, 0); }, "slice step cannot be zero"));
}

TEST(TensorIndex, ConstructsFromEveryKind) {
  EXPECT_TRUE(TensorIndex(None).is_none());
  EXPECT_TRUE(TensorIndex(Ellipsis).is_ellipsis());
  EXPECT_TRUE(TensorIndex("...").is_ellipsis());
  EXPECT_TRUE(throws_error_with([] { TensorIndex("..x"); },
                                "Expected \"...\" to represent an ellipsis index"));
  const TensorIndex i(3), l(int64_t{-4}), u(size_t{7}), s(short{2});
  EXPECT_TRUE(i.is_integer());
  EXPECT_EQ(i.integer(), 3);
  EXPECT_EQ(l.integer(), -4);
  EXPECT_EQ(u.integer(), 7);
  EXPECT_EQ(s.integer(), 2);
  const TensorIndex b(false);
  EXPECT_TRUE(b.is_boolean());
  EXPECT_FALSE(b.boolean());
  const TensorIndex sl(Slice(1, 3));
  EXPECT_TRUE(sl.is_slice());
  EXPECT_EQ(sl.slice().stop(), 3);
  const TensorIndex t(tensor({1, 2}));
  EXPECT_TRUE(t.is_tensor());
  EXPECT_EQ(t.tensor().numel(), 2);
}

TEST(TensorIndex, PrintsAsLibtorch) {
  std::ostringstream os;
  os << std::vector<TensorIndex>{None, Ellipsis, 3, true, Slice(1, None, 2)};
  EXPECT_EQ(os.str(), "(None, ..., 3, true, 1:9223372036854775807:2)");
}

// ---- basic indexing --------------------------------------------------------------------------

TEST(BasicIndexing, MatchesPyTorch) {
  const Tensor x = indexing_ref("in_x234");
  expect_cases({
      {"b_int", [&] { return x.index({1}); }},
      {"b_neg_int",
       [&] {
         return x.index({-1, 2});
       }},
      {"b_slice",
       [&] {
         return x.index({Slice(), Slice(1, 3)});
       }},
      {"b_slice_step",
       [&] {
         return x.index({"...", Slice(None, None, 2)});
       }},
      {"b_slice_step3",
       [&] {
         return x.index({Slice(), Slice(), Slice(1, None, 3)});
       }},
      {"b_slice_neg",
       [&] {
         return x.index({Slice(), Slice(-2, None)});
       }},
      {"b_slice_neg_stop",
       [&] {
         return x.index({Slice(), Slice(None, -1), Slice(-3, -1)});
       }},
      {"b_slice_oob",
       [&] {
         return x.index({Slice(), Slice(1, 100)});
       }},
      {"b_slice_empty",
       [&] {
         return x.index({Slice(), Slice(2, 1)});
       }},
      {"b_slice_huge_step",
       [&] {
         return x.index({Slice(), Slice(1, 3, int64_t{1} << 62)});
       }},
      {"b_none",
       [&] {
         return x.index({None, 0, Slice(), None});
       }},
      {"b_ellipsis",
       [&] {
         return x.index({Ellipsis, 1});
       }},
      {"b_ellipsis_mid",
       [&] {
         return x.index({0, Ellipsis, 2});
       }},
      {"b_ellipsis_none",
       [&] {
         return x.index({Ellipsis, None});
       }},
      {"b_bool_true", [&] { return x.index({true}); }},
      {"b_bool_false", [&] { return x.index({false}); }},
      {"b_0d_int_tensor", [&] { return x.index({tensor(1)}); }},
      {"b_0d_bool_tensor", [&] { return x.index({tensor(true)}); }},
      {"b_0d_none", [&] { return tensor(2.5).index({None}); }},
      {"b_0d_true", [&] { return tensor(2.5).index({true}); }},
  });
}

TEST(BasicIndexing, GivesViewsThatShareMemory) {
  Tensor x = indexing_ref("in_x234");
  Tensor row = x.index({1, Slice(), Slice(None, None, 2)});  // [3, 2] view of x[1, :, ::2]
  EXPECT_TRUE(aliases(row, x));
  row.copy_(zeros({3, 2}));
  EXPECT_EQ(x.index({1, 2, 2}).item<float>(), 0.0f);
  EXPECT_EQ(x.index({1, 2, 1}).item<float>(), indexing_ref("in_x234")[1][2][1].item<float>());
  // Ellipsis alone and full slices give a new handle on the same memory, as libtorch.
  const Tensor all = x.index({Ellipsis});
  EXPECT_FALSE(all.is_same(x));
  EXPECT_TRUE(aliases(all, x));
  EXPECT_TRUE(x.index({Slice(), Slice()}).data_ptr() == x.data_ptr());
  EXPECT_TRUE(aliases(x.index({tensor(1)}), x));  // a 0-d integer tensor selects
}

TEST(BasicIndexing, ZeroDimTensor) {
  const Tensor s = tensor(2.5);
  EXPECT_TRUE(tensors_equal(s.index({Ellipsis}), s));
  EXPECT_TRUE(throws_error_with([&] { s.index({0}); }, "invalid index of a 0-dim tensor"));
  EXPECT_TRUE(throws_error_with([&] { s.index({Slice()}); }, "0-dim tensor"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        s.index({0, 0});
      },
      "too many indices for tensor of dimension 0"));
}

TEST(BasicIndexing, Errors) {
  const Tensor x = indexing_ref("in_x234");
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index({1, 2, 3, 0});
      },
      "too many indices for tensor of dimension 3"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index({Slice(), 3});
      },
      "index 3 is out of bounds for dimension 1 with size 3"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index({Ellipsis, -5});
      },
      "index -5 is out of bounds for dimension 2 with size 4"));
  EXPECT_TRUE(throws_error_with([&] { x.index({2}); },
                                "index 2 is out of bounds for dimension 0 with size 2"));
  EXPECT_TRUE(throws_error_with([&] { x.index({Slice(None, None, -1)}); },
                                "step must be greater than zero"));
  EXPECT_TRUE(throws_error_with([&] { x.index({Ellipsis, 0, Ellipsis}); }, "a single ellipsis"));
  EXPECT_TRUE(throws_error_with([&] { x.index(ArrayRef<TensorIndex>()); },
                                "Passing an empty index list to Tensor::index()"));
  EXPECT_TRUE(throws_error_with([&] { x.index({Tensor()}); }, "undefined"));
  EXPECT_TRUE(throws_error_with([&] { x.index({tensor(7)}); },
                                "index 7 is out of bounds for dimension 0 with size 2"));
}

// ---- advanced indexing -----------------------------------------------------------------------

TEST(AdvancedIndexing, MatchesPyTorch) {
  const Tensor x = indexing_ref("in_x234");
  const Tensor xi = indexing_ref("in_xi234");
  const Tensor m234 = indexing_ref("in_m234"), m23 = indexing_ref("in_m23"),
               m34 = indexing_ref("in_m34");
  const Tensor xt = x.transpose(0, 2);
  expect_cases({
      {"a_1d",
       [&] {
         return x.index({tensor({1, 0, 1})});
       }},
      {"a_neg",
       [&] {
         return x.index({tensor({-1, 0})});
       }},
      {"a_adjacent",
       [&] {
         return x.index({Slice(), tensor({0, 2}), tensor({1, 3})});
       }},
      {"a_separated",
       [&] {
         return x.index({tensor({0, 1}), Slice(), tensor({1, 3})});
       }},
      {"a_separated_slice",
       [&] {
         return x.index({tensor({0, 1}), Slice(1, None), tensor({1, 3})});
       }},
      {"a_int_then_idx",
       [&] {
         return x.index({0, Slice(), tensor({1, 3})});
       }},
      {"a_idx_int_idx",
       [&] {
         return x.index({tensor({1, 0}), 1, tensor({1, 3})});
       }},
      {"a_broadcast",
       [&] {
         return x.index({tensor({{0}, {1}}), Slice(), tensor({1, 3})});
       }},
      {"a_2d_index",
       [&] {
         return x.index({Slice(), tensor({{0, 1}, {2, 2}})});
       }},
      {"a_last_dim",
       [&] {
         return x.index({Ellipsis, tensor({3, 0, 0})});
       }},
      {"a_none_between",
       [&] {
         return x.index({tensor({0, 1}), None, tensor({1, 2})});
       }},
      {"a_none_first",
       [&] {
         return x.index({None, tensor({1}), Ellipsis, tensor({1, 3})});
       }},
      {"a_bool_and_idx",
       [&] {
         return x.index({true, tensor({0, 1})});
       }},
      {"a_mask_full", [&] { return x.index({m234}); }},
      {"a_mask_2d", [&] { return x.index({m23}); }},
      {"a_mask_after_slice",
       [&] {
         return x.index({Slice(), m34});
       }},
      {"a_mask_after_int",
       [&] {
         return x.index({1, m34});
       }},
      {"a_mask_ellipsis",
       [&] {
         return x.index({Ellipsis, tensor({true, false, true, true})});
       }},
      {"a_mask_and_idx",
       [&] {
         return x.index({m23, tensor({0, 1, 3, 2})});
       }},
      {"a_mask_then_int",
       [&] {
         return x.index({m23, 0});
       }},
      {"a_mask_then_slice",
       [&] {
         return x.index({m23, Slice(1, 3)});
       }},
      {"a_none_mask",
       [&] {
         return x.index({None, m23});
       }},
      {"a_uint8_mask", [&] { return x.index({m23.to(kByte)}); }},
      {"a_int32",
       [&] {
         return x.index({tensor({1, 0}, kInt), Slice(), tensor({3, 2}, kInt)});
       }},
      {"a_empty_index", [&] { return x.index({empty({0}, kLong)}); }},
      {"a_mask_none_true",
       [&] {
         return x.index({zeros({2, 3, 4}, kBool)});
       }},
      {"a_dup_1d",
       [&] {
         return x.index({tensor({1, 1, 1, 0})});
       }},
      {"a_transposed",
       [&] {
         return xt.index({tensor({3, 1}), Slice(), tensor({0, 1})});
       }},
      {"a_transposed_adj",
       [&] {
         return xt.index({Slice(), tensor({2, 0})});
       }},
      {"a_sliced",
       [&] {
         const Tensor xs = x.index({Slice(), Slice(None, None, 2), Slice(1, None)});
         return xs.index({tensor({1, 0}), tensor({1, 1}), tensor({2, 0})});
       }},
      {"a_index_noncontig",
       [&] {
         return x.index({Slice(), tensor({{0, 1}, {2, 0}}).t()});
       }},
      {"a_xi",
       [&] {
         return xi.index({tensor({1, 0}), Slice(), tensor({3, 3})});
       }},
      {"a_0d_index_into_1d",
       [&] {
         return arange(5.).index({tensor({{4, 0}, {1, 1}})});
       }},
  });
}

TEST(AdvancedIndexing, CopiesRatherThanViews) {
  Tensor x = indexing_ref("in_x234");
  Tensor picked = x.index({tensor({1, 0})});
  EXPECT_FALSE(aliases(picked, x));
  picked.copy_(zeros_like(picked));
  EXPECT_TRUE(tensors_equal(x, indexing_ref("in_x234")));
}

TEST(AdvancedIndexing, OperatorBracketWithTensors) {
  const Tensor x = indexing_ref("in_x234");
  EXPECT_TRUE(tensors_equal(x[tensor({1, 0, 1})], indexing_ref("a_1d")));
  EXPECT_TRUE(tensors_equal(x[indexing_ref("in_m23")], indexing_ref("a_mask_2d")));
  const Tensor row = x[tensor(1)];  // 0-d integer tensor: select, as libtorch
  EXPECT_TRUE(tensors_equal(row, indexing_ref("b_int")));
  EXPECT_TRUE(aliases(row, x));
  EXPECT_TRUE(throws_error_with([&] { x[tensor({2})]; },
                                "index 2 is out of bounds for dimension 0 with size 2"));
}

TEST(AdvancedIndexing, IndexDevicesAndEmptyShapes) {
  const Tensor z = zeros({2, 0});
  const Tensor r = z.index({Slice(), tensor({0, 1, 0}).index({Slice(0, 0)})});
  EXPECT_EQ(r.sizes(), IntArrayRef({2, 0}));
  const Tensor e = zeros({0, 3}).index({empty({0}, kLong)});
  EXPECT_EQ(e.sizes(), IntArrayRef({0, 3}));
  const Tensor w = zeros({2, 0}).index({tensor({1, 0, 1})});
  EXPECT_EQ(w.sizes(), IntArrayRef({3, 0}));
}

TEST(AdvancedIndexing, Errors) {
  const Tensor x = indexing_ref("in_x234");
  EXPECT_TRUE(throws_error_with([&] { x.index({tensor({5})}); },
                                "index 5 is out of bounds for dimension 0 with size 2"));
  // The message names the dimension of x (PyTorch 1.13 would say "dimension 0").
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index({Slice(), Slice(), tensor({0, 4})});
      },
      "index 4 is out of bounds for dimension 2 with size 4"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index({tensor({0}), tensor({-4})});
      },
      "index -4 is out of bounds for dimension 1 with size 3"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index({0, Slice(), tensor({7})});
      },
      "index 7 is out of bounds for dimension 2 with size 4"));
  EXPECT_TRUE(throws_error_with([&] { x.index({tensor({1.0f})}); },
                                "tensors used as indices must be long, int, byte or bool tensors"));
  EXPECT_TRUE(throws_error_with([&] { x.index({tensor({1}, kShort)}); },
                                "tensors used as indices must be long, int, byte or bool tensors"));
  EXPECT_TRUE(throws_error_with([&] { x.index({tensor(1.0)}); },
                                "tensors used as indices must be long, int, byte or bool tensors"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index({tensor({0, 1}), tensor({0, 1, 2})});
      },
      "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index({tensor({true, false, true})});
      },
      "The shape of the mask [3] at index 0 does not match the shape of "
      "the indexed tensor [2, 3, 4] at index 0"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index({0, zeros({3, 3}, kBool)});
      },
      "The shape of the mask [3, 3] at index 1 does not match"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index({zeros({2, 3, 4, 1}, kBool)});
      },
      "too many indices for tensor of dimension 3"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        zeros({0, 3}).index({tensor({0})});
      },
      "index 0 is out of bounds for dimension 0 with size 0"));
}

}  // namespace
