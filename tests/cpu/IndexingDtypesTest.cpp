// Every indexing op on every dtype, against PyTorch's results (tests/reference/gen_indexing.py),
// plus inputs large enough to take the threaded paths (checked against plain loops).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <ember/ember.h>

#include "IndexingReference.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using namespace ember::indexing;
using ember_test::indexing_ref;
using ember_test::tensors_equal;

class IndexingDtypes : public ::testing::TestWithParam<const char*> {
 protected:
  Tensor ref(const std::string& what) const {
    return indexing_ref(std::string("dt_") + GetParam() + "_" + what);
  }
  Tensor input() const { return indexing_ref(std::string("in_dt_") + GetParam()); }
};

TEST_P(IndexingDtypes, AdvancedIndex) {
  EXPECT_TRUE(tensors_equal(input().index({tensor({1, 0}), Slice(), tensor({3, 1})}), ref("adv")));
  EXPECT_TRUE(tensors_equal(input().index({indexing_ref("in_m23")}), ref("mask")));
}

TEST_P(IndexingDtypes, IndexPutLastDuplicateWins) {
  Tensor t = input();
  t.index_put_({tensor({0, 1, 0}), tensor({2, 0, 2})}, input().index({1, 1}));
  EXPECT_TRUE(tensors_equal(t, ref("put")));
}

TEST_P(IndexingDtypes, IndexSelectGatherScatterAdd) {
  const Tensor t = input();
  EXPECT_TRUE(tensors_equal(t.index_select(2, tensor({3, 0, 3})), ref("index_select")));
  EXPECT_TRUE(tensors_equal(t.gather(1, tensor({{{2, 0, 1, 1}}, {{0, 0, 2, 1}}})), ref("gather")));
  const Tensor src = t.index({tensor({1, 0})});  // t.flip(0)
  EXPECT_TRUE(tensors_equal(t.scatter_add(1, tensor({{{2, 0, 1, 1}, {2, 2, 0, 0}}}), src),
                            ref("scatter_add")));
}

TEST_P(IndexingDtypes, MaskedFillNonzeroCat) {
  const Tensor t = input();
  EXPECT_TRUE(tensors_equal(t.masked_fill(indexing_ref("in_m34"), 1), ref("masked_fill")));
  EXPECT_TRUE(tensors_equal(t.nonzero(), ref("nonzero")));
  EXPECT_TRUE(tensors_equal(cat({t, t.index({Slice(), Slice(None, 1)})}, 1), ref("cat")));
}

INSTANTIATE_TEST_SUITE_P(AllDtypes, IndexingDtypes,
                         ::testing::Values("u8", "i8", "i16", "i32", "i64", "f16", "bf16", "f32",
                                           "f64", "b"));

// ---- threaded paths --------------------------------------------------------------------------

struct Big {
  static constexpr int64_t kRows = 1000, kCols = 96;
  std::vector<double> values;
  Tensor t;
  Big() : values(kRows * kCols) {
    for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>((i * 37) % 1013);
    t = tensor(values, kDouble).reshape({kRows, kCols});
  }
  double at(int64_t r, int64_t c) const { return values[r * kCols + c]; }
};

std::vector<int64_t> row_picks(int64_t n, int64_t rows) {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < n; ++i) out.push_back((i * 613) % rows);
  return out;
}

TEST(IndexingLarge, RowGatherAndIndexSelect) {
  const Big big;
  const std::vector<int64_t> picks = row_picks(900, Big::kRows);
  std::vector<double> want;
  for (int64_t r : picks) {
    for (int64_t c = 0; c < Big::kCols; ++c) want.push_back(big.at(r, c));
  }
  const Tensor expected =
      tensor(want, kDouble).reshape({static_cast<int64_t>(picks.size()), Big::kCols});
  EXPECT_TRUE(tensors_equal(big.t.index({tensor(picks)}), expected));
  EXPECT_TRUE(tensors_equal(big.t.index_select(0, tensor(picks)), expected));
  // Columns of a transposed view: the gather runs along the strided dimension.
  EXPECT_TRUE(tensors_equal(big.t.t().index_select(1, tensor(picks)), expected.t()));
}

TEST(IndexingLarge, ElementGatherAndPut) {
  const Big big;
  std::vector<int64_t> rows, cols;
  std::vector<double> want;
  for (int64_t i = 0; i < 50000; ++i) {
    rows.push_back((i * 7) % Big::kRows);
    cols.push_back((i * 13) % Big::kCols - Big::kCols);  // negative: counted from the end
    want.push_back(big.at(rows.back(), cols.back() + Big::kCols));
  }
  EXPECT_TRUE(tensors_equal(big.t.index({tensor(rows), tensor(cols)}), tensor(want, kDouble)));
  // Put them back into zeros: every written position holds its own value again.
  Tensor z = zeros({Big::kRows, Big::kCols}, kDouble);
  z.index_put_({tensor(rows), tensor(cols)}, tensor(want, kDouble));
  std::vector<double> back(big.values.size(), 0.0);
  for (size_t i = 0; i < rows.size(); ++i) {
    back[rows[i] * Big::kCols + cols[i] + Big::kCols] = want[i];
  }
  EXPECT_TRUE(tensors_equal(z, tensor(back, kDouble).reshape({Big::kRows, Big::kCols})));
}

TEST(IndexingLarge, MaskedFillAndGather) {
  const Big big;
  std::vector<uint8_t> mask_bytes(big.values.size());
  std::vector<double> filled(big.values);
  for (size_t i = 0; i < mask_bytes.size(); ++i) {
    mask_bytes[i] = i % 3 == 1;
    if (mask_bytes[i]) filled[i] = -1.0;
  }
  const Tensor mask = tensor(mask_bytes).reshape({Big::kRows, Big::kCols}).to(kBool);
  EXPECT_TRUE(tensors_equal(big.t.masked_fill(mask, -1.0),
                            tensor(filled, kDouble).reshape({Big::kRows, Big::kCols})));
  std::vector<int64_t> idx(big.values.size());
  std::vector<double> gathered(big.values.size());
  for (int64_t r = 0; r < Big::kRows; ++r) {
    for (int64_t c = 0; c < Big::kCols; ++c) {
      idx[r * Big::kCols + c] = (r * 31 + c * 17) % Big::kRows;
      gathered[r * Big::kCols + c] = big.at(idx[r * Big::kCols + c], c);
    }
  }
  EXPECT_TRUE(tensors_equal(big.t.gather(0, tensor(idx).reshape({Big::kRows, Big::kCols})),
                            tensor(gathered, kDouble).reshape({Big::kRows, Big::kCols})));
}

}  // namespace
