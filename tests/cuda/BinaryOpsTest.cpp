// Binary and ternary elementwise ops beyond the arithmetic ones on the GPU against the CPU
// backend: comparisons, logical and bitwise ops, maximum / minimum, pow(tensor, tensor) and
// where, for every dtype pair of one dtype, broadcast, strided, empty and 0-d operands, host
// numbers and 0-d host tensors as operands, and in-place forms. Integer and bool results must
// be equal; floating ones (pow) may differ by CUDA libm's few ulp (8x the base tolerance).

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <functional>
#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::all_dtypes;
using ember_cuda_test::cuda_matches_cpu;
using ember_cuda_test::Operand;
using ember_cuda_test::random;
using ember_cuda_test::same_on_both;

using Binary = std::function<Tensor(const Tensor&, const Tensor&)>;

struct BinaryCase {
  const char* name;
  Binary op;
};

std::vector<BinaryCase> binary_cases() {
  return {
      {"eq", [](const Tensor& a, const Tensor& b) { return eq(a, b); }},
      {"ne", [](const Tensor& a, const Tensor& b) { return ne(a, b); }},
      {"lt", [](const Tensor& a, const Tensor& b) { return lt(a, b); }},
      {"le", [](const Tensor& a, const Tensor& b) { return le(a, b); }},
      {"gt", [](const Tensor& a, const Tensor& b) { return gt(a, b); }},
      {"ge", [](const Tensor& a, const Tensor& b) { return ge(a, b); }},
      {"logical_and", [](const Tensor& a, const Tensor& b) { return logical_and(a, b); }},
      {"logical_or", [](const Tensor& a, const Tensor& b) { return logical_or(a, b); }},
      {"bitwise_and", [](const Tensor& a, const Tensor& b) { return bitwise_and(a, b); }},
      {"bitwise_or", [](const Tensor& a, const Tensor& b) { return bitwise_or(a, b); }},
      {"maximum", [](const Tensor& a, const Tensor& b) { return maximum(a, b); }},
      {"minimum", [](const Tensor& a, const Tensor& b) { return minimum(a, b); }},
      {"pow", [](const Tensor& a, const Tensor& b) { return pow(a, b); }},
      {"where", [](const Tensor& a, const Tensor& b) { return where(gt(a, b), a, b); }},
      {"where-mixed", [](const Tensor& a, const Tensor& b) { return where(lt(a, 0), a, b.t()); }},
  };
}

// Operand pairs (a, b), each a view of a fresh base on each device.
struct PairLayout {
  const char* name;
  std::vector<int64_t> a, b;
  std::function<Tensor(const Tensor&)> va, vb;
};

std::vector<PairLayout> pair_layouts() {
  auto same = [](const Tensor& t) { return t; };
  return {
      {"contiguous", {1031}, {1031}, same, same},
      {"vector-multiple", {64, 64}, {64, 64}, same, same},
      {"0-d", {}, {}, same, same},
      {"empty", {0, 3}, {0, 3}, same, same},
      {"broadcast", {7, 1, 5}, {5, 5}, same, same},
      {"transposed", {17, 17}, {17, 17}, [](const Tensor& t) { return t.t(); }, same},
      {"misaligned",
       {1001},
       {1001},
       [](const Tensor& t) { return t.slice(0, 1); },
       [](const Tensor& t) { return t.slice(0, 0, 1000); }},
      {"stepped", {90, 8}, {30, 8}, [](const Tensor& t) { return t.slice(0, 0, 90, 3); }, same},
      {"0-d-device", {9, 9}, {}, same, same},
  };
}

TEST(CudaBinaryOps, MatchTheCpuForEveryDtypeAndLayout) {
  EMBER_REQUIRE_CUDA();
  for (const BinaryCase& c : binary_cases()) {
    for (Dtype d : all_dtypes()) {
      for (const PairLayout& l : pair_layouts()) {
        // Small integers make equal pairs (and pow's results) common.
        const Operand a{random(l.a, d, 21, -3.0, 3.0), l.va};
        const Operand b{random(l.b, d, 22, -3.0, 3.0), l.vb};
        EXPECT_TRUE(cuda_matches_cpu([&](const std::vector<Tensor>& v) { return c.op(v[0], v[1]); },
                                     {a, b}, 8.0))
            << c.name << " " << d << " " << l.name;
      }
    }
  }
}

TEST(CudaBinaryOps, MixedDtypesPromote) {
  EMBER_REQUIRE_CUDA();
  const std::vector<Dtype> dtypes = {kByte, kInt, kLong, kHalf, kFloat, kDouble, kBool, kBFloat16};
  for (const BinaryCase& c : binary_cases()) {
    for (Dtype da : dtypes) {
      for (Dtype db : dtypes) {
        const Operand a{random({5, 7}, da, 23, -3.0, 3.0)};
        const Operand b{random({7}, db, 24, -3.0, 3.0)};
        EXPECT_TRUE(cuda_matches_cpu([&](const std::vector<Tensor>& v) { return c.op(v[0], v[1]); },
                                     {a, b}, 8.0))
            << c.name << " " << da << " " << db;
      }
    }
  }
}

TEST(CudaBinaryOps, NumbersAndHostScalarsAsOperands) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : all_dtypes()) {
    const Tensor h = random({257}, d, 3, -3.0, 3.0);
    const Tensor c = h.cuda();
    const Tensor s = random({}, d, 4, -3.0, 3.0);  // 0-d host tensor: a wrapped number
    EXPECT_TRUE(same_on_both(eq(c, s), eq(h, s))) << d;
    EXPECT_TRUE(same_on_both(lt(s, c), lt(s, h))) << d;
    EXPECT_TRUE(same_on_both(maximum(c, s), maximum(h, s))) << d;
    EXPECT_TRUE(same_on_both(where(gt(c, s), c, s), where(gt(h, s), h, s))) << d;
    if (d != kBool) {
      EXPECT_TRUE(same_on_both(gt(c, 1), gt(h, 1))) << d;
      EXPECT_TRUE(same_on_both(le(c, 0.5), le(h, 0.5))) << d;
      EXPECT_TRUE(same_on_both(where(gt(c, 0), c, 2), where(gt(h, 0), h, 2))) << d;
      EXPECT_TRUE(same_on_both(where(gt(c, 0), 1.5, c), where(gt(h, 0), 1.5, h))) << d;
      EXPECT_TRUE(same_on_both(pow(2, c.abs()), pow(2, h.abs()), 8.0)) << d;
    }
    EXPECT_TRUE(same_on_both(where(lt(c, 0), 1, 0), where(lt(h, 0), 1, 0))) << d;
    if (!is_floating_type(d)) {
      EXPECT_TRUE(same_on_both(bitwise_and(c, 6), bitwise_and(h, 6))) << d;
      EXPECT_TRUE(same_on_both(bitwise_or(c, 1), bitwise_or(h, 1))) << d;
    }
  }
}

TEST(CudaBinaryOps, NaNAndInfinities) {
  EMBER_REQUIRE_CUDA();
  const double inf = INFINITY, nan = NAN;
  const Tensor a = tensor({nan, 1.0, nan, inf, -inf, 0.0, -0.0, 2.0, 0.0, -2.0});
  const Tensor b = tensor({1.0, nan, nan, inf, inf, -0.0, 0.0, -inf, -1.0, 0.5});
  for (Dtype d : ember_cuda_test::floating_dtypes()) {
    for (const BinaryCase& c : binary_cases()) {
      if (std::string(c.name).rfind("bitwise", 0) == 0 || std::string(c.name) == "where-mixed") {
        continue;
      }
      EXPECT_TRUE(cuda_matches_cpu([&](const std::vector<Tensor>& v) { return c.op(v[0], v[1]); },
                                   {Operand{a.to(d)}, Operand{b.to(d)}}, 8.0))
          << c.name << " " << d;
    }
  }
  // Integer pow: negative exponents and wrap-around.
  const Tensor base = tensor({2, -1, 1, 3, -2, 0, 7}, kLong);
  const Tensor expo = tensor({-1, -3, -5, 40, 63, 0, 3}, kLong);
  EXPECT_TRUE(ember_test::tensors_equal(pow(base.cuda(), expo.cuda()).cpu(), pow(base, expo)));
}

TEST(CudaBinaryOps, InPlaceForms) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : {kFloat, kHalf, kInt, kDouble, kBFloat16, kByte}) {
    const Operand a{random({33, 17}, d, 1, -3.0, 3.0), [](const Tensor& t) { return t.t(); }};
    const Operand b{random({33}, d, 2, -3.0, 3.0)};
    auto check = [&](const char* name, std::function<void(Tensor&, const Tensor&)> f) {
      EXPECT_TRUE(cuda_matches_cpu(
          [&](const std::vector<Tensor>& v) {
            Tensor t = v[0];
            f(t, v[1]);
            return t;
          },
          {a, b}, 8.0))
          << name << " " << d;
    };
    check("pow_", [](Tensor& t, const Tensor& o) { t.pow_(o.abs()); });
    check("clamp_", [](Tensor& t, const Tensor&) { t.clamp_(-1, 1); });
  }
}

}  // namespace
