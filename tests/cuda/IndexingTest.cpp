// Indexing on the GPU against the CPU backend: index_select, gather, scatter_add_, advanced
// indexing reads and writes (index, index_put_), masked_fill, cat and nonzero, for every
// dtype, strided and 0-d operands, int32 and int64 indices, negative indices, and bad indices
// (the CPU's ember::Error at the next synchronisation, nothing outside the tensors touched). Moved
// elements must be equal; scatter_add's floating sums add in another order (atomics): 8x the base
// tolerance.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using namespace ember::indexing;
using ember_cuda_test::all_dtypes;
using ember_cuda_test::cuda_matches_cpu;
using ember_cuda_test::Operand;
using ember_cuda_test::random;
using ember_test::throws_error_with;

Tensor random_index(std::vector<int64_t> shape, int64_t size, uint32_t seed, Dtype d = kLong) {
  return random(shape, kDouble, seed, 0.0, static_cast<double>(size) - 0.01).floor().to(d);
}

TEST(CudaIndexing, IndexSelectGatherScatterAddMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : all_dtypes()) {
    const Operand base{random({9, 1031}, d, 1)};
    const Operand transposed{random({1031, 9}, d, 2), [](const Tensor& t) { return t.t(); }};
    for (const Operand& x : {base, transposed}) {
      for (Dtype id : {kLong, kInt}) {
        const Operand rows{random_index({13}, 9, 3, id)};
        const Operand cols{random_index({500}, 1031, 4, id)};
        EXPECT_TRUE(cuda_matches_cpu(
            [](const std::vector<Tensor>& v) { return v[0].index_select(0, v[1]); }, {x, rows}))
            << d << id;
        EXPECT_TRUE(cuda_matches_cpu(
            [](const std::vector<Tensor>& v) { return v[0].index_select(1, v[1]); }, {x, cols}))
            << d << id;
      }
      const Operand gidx{random_index({9, 700}, 1031, 5)};
      EXPECT_TRUE(cuda_matches_cpu(
          [](const std::vector<Tensor>& v) { return v[0].gather(1, v[1]); }, {x, gidx}))
          << d;
      const Operand src{random({9, 700}, d, 6)};
      EXPECT_TRUE(cuda_matches_cpu(
          [](const std::vector<Tensor>& v) {
            Tensor t = v[0].clone();
            t.scatter_add_(1, v[1], v[2]);
            return t;
          },
          {x, gidx, src}, 8.0))
          << d;
      // Many duplicates: every src element of a column lands in 3 rows.
      const Operand dup{random_index({64, 1031}, 3, 7)};
      const Operand src2{random({64, 1031}, d, 8, -1.0, 1.0)};
      EXPECT_TRUE(cuda_matches_cpu(
          [](const std::vector<Tensor>& v) {
            Tensor t = zeros({3, 1031}, TensorOptions().dtype(v[1].dtype()).device(v[1].device()));
            t.scatter_add_(0, v[0], v[1]);
            return t;
          },
          {dup, src2}, 8.0))
          << d;
    }
    // 0-d operands and empty indices.
    const Operand s{random({}, d, 9)};
    const Operand zero_idx{tensor(0, kLong)};
    EXPECT_TRUE(cuda_matches_cpu(
        [](const std::vector<Tensor>& v) { return v[0].index_select(0, v[1]); }, {s, zero_idx}))
        << d;
    EXPECT_TRUE(cuda_matches_cpu([](const std::vector<Tensor>& v) { return v[0].gather(0, v[1]); },
                                 {s, zero_idx}))
        << d;
    const Operand empty_idx{zeros({0}, kLong)};
    EXPECT_TRUE(cuda_matches_cpu(
        [](const std::vector<Tensor>& v) { return v[0].index_select(1, v[1]); }, {base, empty_idx}))
        << d;
  }
}

// Bad indices are found on the device and thrown as the CPU's error at the next
// synchronisation (a copy to the host, cuda::synchronize()), never by the op itself; the
// elements with good indices are computed, the device stays usable, and an error is thrown
// once.
TEST(CudaIndexing, BadIndicesThrowTheCpuErrorAtTheNextSynchronisation) {
  EMBER_REQUIRE_CUDA();
  const Tensor x = random({4, 5}, kFloat, 1).cuda();
  const Tensor bad = tensor({0, 7, 1}, kLong).cuda();
  Tensor selected;
  EXPECT_NO_THROW(selected = x.index_select(1, bad));  // no host round trip
  EXPECT_TRUE(throws_error_with([&] { (void)selected.cpu(); },
                                "index_select(): index 7 is out of bounds for dimension 1 with "
                                "size 5"));
  EXPECT_NO_THROW((void)selected.cpu());  // reported once
  // The good columns were gathered.
  EXPECT_TRUE(ember_test::tensors_equal(selected.select(1, 0).cpu(), x.select(1, 0).cpu()));
  EXPECT_TRUE(ember_test::tensors_equal(selected.select(1, 2).cpu(), x.select(1, 1).cpu()));
  EXPECT_TRUE(throws_error_with(
      [&] {
        (void)x.index_select(0, tensor({-1}, kInt).cuda());
        cuda::synchronize();
      },
      "index -1 is out of bounds"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        (void)x.gather(1, bad.view({1, 3})).sum().item<float>();
      },
      "gather(): index 7"));
  Tensor y = x.clone();
  EXPECT_TRUE(throws_error_with(
      [&] {
        y.scatter_add_(1, bad.view({1, 3}), ones({1, 3}, ember_cuda_test::gpu()));
        cuda::current_stream().synchronize();
      },
      "scatter_add_(): index 7 is out of bounds"));
  Tensor expected = x.cpu();
  expected.select(0, 0).slice(0, 0, 2).add_(1);
  EXPECT_TRUE(ember_test::tensors_equal(y.cpu(), expected));  // only the bad element skipped
  EXPECT_TRUE(throws_error_with([&] { (void)x.index({bad}).cpu(); }, "index 7 is out of bounds"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        (void)x.index({Slice(), tensor({-6}, kLong).cuda()}).cpu();
      },
      "index -6 is out of bounds for dimension 1 with size 5"));
  Tensor z = x.clone();
  EXPECT_TRUE(throws_error_with(
      [&] {
        z.index_put_({bad}, 1.0);
        (void)z.cpu();
      },
      "out of bounds"));
  expected = x.cpu();
  expected.select(0, 0).fill_(1.0);
  expected.select(0, 1).fill_(1.0);
  EXPECT_TRUE(ember_test::tensors_equal(z.cpu(), expected));
  // The device is still usable afterwards (no trap), with nothing pending.
  EXPECT_TRUE(ember_test::tensors_equal((x + 1).cpu(), x.cpu() + 1));
  EXPECT_NO_THROW(cuda::synchronize());
}

TEST(CudaIndexing, AdvancedIndexingMatchesTheCpu) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : all_dtypes()) {
    const Operand x{random({6, 7, 8}, d, 1)};
    const Operand xt{random({8, 7, 6}, d, 2), [](const Tensor& t) { return t.permute({2, 1, 0}); }};
    const Operand i{tensor({0, -1, 3, 5, -6}, kLong)};
    const Operand j{tensor({{1}, {6}, {-7}}, kLong)};
    const Operand mask{random({6, 7, 8}, kBool, 3)};
    for (const Operand& t : {x, xt}) {
      EXPECT_TRUE(
          cuda_matches_cpu([](const std::vector<Tensor>& v) { return v[0].index({v[1]}); }, {t, i}))
          << d;
      EXPECT_TRUE(cuda_matches_cpu(
          [](const std::vector<Tensor>& v) {
            return v[0].index({Slice(), v[2], v[1]});
          },
          {t, i, j}))
          << d;
      EXPECT_TRUE(cuda_matches_cpu([](const std::vector<Tensor>& v) { return v[0].index({v[1]}); },
                                   {t, mask}))
          << d;
      EXPECT_TRUE(cuda_matches_cpu(
          [](const std::vector<Tensor>& v) {
            Tensor c = v[0].clone();
            c.index_put_({v[1]}, 2);
            return c;
          },
          {t, mask}))
          << d;
      const Operand values{random({5, 7, 8}, d, 4)};
      EXPECT_TRUE(cuda_matches_cpu(
          [](const std::vector<Tensor>& v) {
            Tensor c = v[0].clone();
            c.index_put_({v[1]}, v[2]);  // indices are distinct rows
            return c;
          },
          {t, i, values}))
          << d;
    }
  }
}

TEST(CudaIndexing, MaskedFillCatNonzeroMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : all_dtypes()) {
    for (const auto& l : ember_cuda_test::view_layouts(/*with_expanded=*/false)) {
      const Operand x{random(l.base, d, 1, -2.0, 2.0), l.view};
      const Operand m{random(l.base, kBool, 2), l.view};
      EXPECT_TRUE(cuda_matches_cpu(
          [](const std::vector<Tensor>& v) { return v[0].masked_fill(v[1], 1); }, {x, m}))
          << d << " " << l.name;
      EXPECT_TRUE(cuda_matches_cpu(
          [](const std::vector<Tensor>& v) {
            Tensor c = v[0];
            c.masked_fill_(v[1], tensor(0, v[0].dtype()));
            return c;
          },
          {x, m}))
          << d << " " << l.name;
      EXPECT_TRUE(
          cuda_matches_cpu([](const std::vector<Tensor>& v) { return v[0].nonzero(); }, {x}))
          << d << " " << l.name;
    }
    const Operand a{random({3, 1031}, d, 3)};
    const Operand b{random({5, 3}, d, 4), [](const Tensor& t) { return t.t(); }};
    const Operand e{random({3, 0}, d, 5)};
    EXPECT_TRUE(cuda_matches_cpu(
        [](const std::vector<Tensor>& v) {
          return cat({v[0], v[1], v[2], v[0]}, 1);
        },
        {a, b, e}))
        << d;
    EXPECT_TRUE(cuda_matches_cpu(
        [](const std::vector<Tensor>& v) {
          return cat({v[0].t(), v[1].t()}, 0);
        },
        {a, b}))
        << d;
  }
  // Broadcast mask; all-zero and all-non-zero inputs; 0-d.
  const Tensor x = random({5, 7}, kFloat, 6).cuda();
  const Tensor row = tensor({true, false, true, false, false, true, true}).cuda();
  EXPECT_TRUE(ember_test::tensors_equal(x.masked_fill(row, -1.0).cpu(),
                                        x.cpu().masked_fill(row.cpu(), -1.0)));
  EXPECT_EQ(zeros({100}, ember_cuda_test::gpu()).nonzero().size(0), 0);
  EXPECT_TRUE(ember_test::tensors_equal(ones({2, 3}, ember_cuda_test::gpu()).nonzero().cpu(),
                                        ones({2, 3}).nonzero()));
  EXPECT_TRUE(ember_test::tensors_equal(tensor(3.0).cuda().nonzero().cpu(), tensor(3.0).nonzero()));
  const Tensor big = random({3, 1 << 20}, kHalf, 7, -1.0, 1.0).round();
  EXPECT_TRUE(ember_test::tensors_equal(big.cuda().nonzero().cpu(), big.nonzero()));
}

TEST(CudaRandomInt, RandintAndRandpermAreValidAndReproducible) {
  EMBER_REQUIRE_CUDA();
  const auto opts = TensorOptions().device(ember_cuda_test::gpu());
  for (Dtype d : {kLong, kInt, kShort, kChar, kFloat, kDouble, kHalf, kBFloat16}) {
    manual_seed(7);
    const Tensor a = randint(-3, 11, {10007}, opts.dtype(d)).cpu();
    manual_seed(7);
    const Tensor b = randint(-3, 11, {10007}, opts.dtype(d)).cpu();
    EXPECT_EQ(a.dtype(), d);
    EXPECT_TRUE(ember_test::tensors_equal(a, b)) << d;
    const Tensor v = a.to(kLong);
    // 10007 draws over 14 values: each one appears, nothing else does.
    for (int64_t k = -3; k < 11; ++k) EXPECT_TRUE(eq(v, k).any().item<bool>()) << d << " " << k;
    EXPECT_EQ(logical_or(lt(v, -3), ge(v, 11)).any().item<bool>(), false) << d;
  }
  // A range that needs 64 random bits.
  const Tensor wide = randint(0, int64_t(1) << 40, {4096}, opts.dtype(kLong)).cpu();
  EXPECT_GT(wide.max().item<int64_t>(), int64_t(1) << 32);
  EXPECT_GE(wide.min().item<int64_t>(), 0);
  for (Dtype d : {kLong, kInt, kFloat, kDouble}) {
    for (int64_t n : {0, 1, 2, 1031, 100000}) {
      manual_seed(3);
      const Tensor p = randperm(n, opts.dtype(d));
      manual_seed(3);
      const Tensor q = randperm(n, opts.dtype(d));
      EXPECT_EQ(p.dtype(), d);
      EXPECT_TRUE(ember_test::tensors_equal(p.cpu(), q.cpu())) << d << " " << n;
      // A permutation: sorted, it is 0..n-1 (the sum and the counts of each value).
      const Tensor counts = zeros({n}, kLong);
      Tensor c = counts.clone();
      c.scatter_add_(0, p.cpu().to(kLong), ones({n}, kLong));
      EXPECT_TRUE(ember_test::tensors_equal(c, ones({n}, kLong))) << d << " " << n;
    }
  }
}

}  // namespace
