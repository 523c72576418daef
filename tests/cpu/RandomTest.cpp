// Random numbers: PyTorch's CPU values for the same seed and sequence of calls (data from
// tests/reference/gen_random.py), and PyTorch's argument checks.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <thread>
#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::throws_error_with;

// Builds the expected tensor from the literal values the generator script writes.
template <class T>
Tensor expected_tensor(const std::vector<T>& values, IntArrayRef shape, Dtype dtype) {
  const Dtype literal_dtype =
      std::is_same_v<T, double> ? kDouble : (std::is_same_v<T, bool> ? kBool : kLong);
  return tensor(values, literal_dtype).reshape(shape).to(dtype);
}

// sum over i of bits[i] * (i + 1), mod 2^64, over the elements in logical order.
uint64_t digest(const Tensor& t) {
  const Tensor c = t.detach().contiguous();
  const auto* bytes = static_cast<const unsigned char*>(c.data_ptr());
  const int64_t size = c.element_size();
  uint64_t sum = 0;
  for (int64_t i = 0; i < c.numel(); ++i) {
    uint64_t bits = 0;
    std::memcpy(&bits, bytes + i * size, static_cast<size_t>(size));  // little-endian
    sum += bits * static_cast<uint64_t>(i + 1);
  }
  return sum;
}

#define EMBER_RANDOM_STEP(expression, expected)                              \
  {                                                                          \
    const Tensor actual = expression;                                        \
    EXPECT_TRUE(ember_test::tensors_equal(actual, expected)) << #expression; \
  }
#define EMBER_RANDOM_DIGEST(expression, expected_dtype, expected_shape, expected_digest) \
  {                                                                                      \
    const Tensor actual = expression;                                                    \
    ASSERT_EQ(actual.dtype(), expected_dtype) << #expression;                            \
    ASSERT_EQ(actual.sizes(), IntArrayRef(expected_shape)) << #expression;               \
    EXPECT_EQ(digest(actual), expected_digest) << #expression;                           \
  }
#define EMBER_RANDOM_CASE(name, seed, ...) \
  TEST(RandomMatchesPyTorch, name) {       \
    manual_seed(seed);                     \
    __VA_ARGS__                            \
  }
#include "cpu/reference/random_data.inc"
#undef EMBER_RANDOM_CASE
#undef EMBER_RANDOM_DIGEST
#undef EMBER_RANDOM_STEP

TEST(Random, SameSeedSameValues) {
  manual_seed(2023);
  const Tensor a = randn({50});
  const Tensor b = rand({7}, kDouble);
  manual_seed(2023);
  EXPECT_TRUE(ember_test::tensors_equal(randn({50}), a));
  EXPECT_TRUE(ember_test::tensors_equal(rand({7}, kDouble), b));
  EXPECT_FALSE(ember_test::tensors_equal(randn({50}), a));  // the stream moves on
}

TEST(Random, RequiresGradOption) {
  const Tensor t = rand({2}, requires_grad());
  EXPECT_TRUE(t.requires_grad());
  EXPECT_TRUE(throws_error_with([] { randint(0, 3, {2}, requires_grad()); },
                                "only Tensors of floating point dtype can require gradients"));
}

TEST(Random, InPlaceFillsBumpTheVersionAndReturnSelf) {
  Tensor t = empty({4});
  const uint32_t v0 = t._version();
  Tensor& r = t.uniform_();
  EXPECT_EQ(&r, &t);
  EXPECT_GT(t._version(), v0);
  const uint32_t v1 = t._version();
  t.normal_();
  EXPECT_GT(t._version(), v1);
}

// The values of `t` as doubles, in logical order.
std::vector<double> values_of(const Tensor& t) {
  const Tensor d = t.to(kDouble).contiguous();
  const double* p = d.data_ptr<double>();
  return std::vector<double>(p, p + d.numel());
}

TEST(Random, ValuesStayInRange) {
  manual_seed(5);
  for (double v : values_of(empty({10000}).uniform_(-2, 3))) {
    ASSERT_TRUE(v >= -2.0 && v < 3.0) << v;
  }
  for (double v : values_of(randint(-3, 4, {10000}, kChar))) ASSERT_TRUE(v >= -3 && v <= 3) << v;
  std::vector<double> perm = values_of(randperm(1000));
  std::sort(perm.begin(), perm.end());
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(perm[i], i);
}

TEST(Random, EmptyTensorsDrawNothing) {
  manual_seed(9);
  const Tensor expected = rand({3});
  manual_seed(9);
  EXPECT_EQ(rand({0}).numel(), 0);
  EXPECT_EQ(randn({2, 0}).numel(), 0);
  EXPECT_EQ(randint(0, 5, {0}).numel(), 0);
  EXPECT_EQ(randperm(1).item<int64_t>(), 0);  // no draw for n <= 1
  EXPECT_TRUE(ember_test::tensors_equal(rand({3}), expected));
}

TEST(Random, ConcurrentDrawsAreSafe) {
  // The generator is locked per kernel: concurrent calls each get whole, distinct draws.
  std::vector<Tensor> results(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&results, i] { results[i] = rand({20000}); });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < 4; ++i) {
    for (int j = i + 1; j < 4; ++j) EXPECT_FALSE(ember_test::tensors_equal(results[i], results[j]));
  }
}

// ---- errors ---------------------------------------------------------------------------------
TEST(RandomErrors, UniformBounds) {
  EXPECT_TRUE(throws_error_with([] { empty({3}).uniform_(2, 1); },
                                "uniform_ expects to return a [from, to) range, but found "
                                "from=2 > to=1"));
  EXPECT_TRUE(throws_error_with([] { empty({3}, kHalf).uniform_(0, 1e5); },
                                "uniform_: to=100000 is out of bounds for Half"));
  EXPECT_TRUE(throws_error_with([] { empty({3}).uniform_(-1e39, 0); },
                                "uniform_: from=-1e+39 is out of bounds for Float"));
  EXPECT_TRUE(
      throws_error_with([] { empty({3}).uniform_(std::nan(""), 1); }, "from=nan is out of bounds"));
  EXPECT_TRUE(throws_error_with([] { empty({3}).uniform_(-3e38, 3e38); },
                                "uniform_ expects to-from <= std::numeric_limits<Float>::max()"));
  EXPECT_TRUE(throws_error_with([] { empty({3}, kLong).uniform_(); },
                                "uniform_: not implemented for Long on cpu"));
  EXPECT_TRUE(throws_error_with([] { rand({3}, kInt); },
                                "rand: expected a floating point dtype (Half, BFloat16, Float or "
                                "Double), got Int"));
  EXPECT_TRUE(throws_error_with([] { rand({3}, kBool); }, "rand: expected a floating point"));
  EXPECT_TRUE(throws_error_with([] { randn({3}, kLong); }, "randn: expected a floating point"));
}

TEST(RandomErrors, NormalStd) {
  EXPECT_TRUE(throws_error_with([] { empty({3}).normal_(0, -1); },
                                "normal expects std >= 0.0, but found std -1"));
  EXPECT_TRUE(throws_error_with([] { empty({3}).normal_(0, std::nan("")); },
                                "normal expects std >= 0.0, but found std nan"));
  EXPECT_TRUE(throws_error_with([] { empty({3}, kLong).normal_(); },
                                "normal_: not implemented for Long on cpu"));
}

TEST(RandomErrors, OverlappingOutputs) {
  const char* message =
      "more than one element of the written-to tensor refers to a single "
      "memory location";
  EXPECT_TRUE(throws_error_with([] { empty({1}).expand({3}).uniform_(); }, message));
  EXPECT_TRUE(throws_error_with([] { empty({1}).expand({20}).normal_(); }, message));
  EXPECT_TRUE(throws_error_with([] { empty({1}).expand({3}).normal_(); }, message));
}

TEST(RandomErrors, InPlaceOnLeafRequiringGrad) {
  EXPECT_TRUE(throws_error_with([] { randn({3}, requires_grad()).normal_(); },
                                "a leaf Variable that requires grad is being used in an "
                                "in-place operation"));
  EXPECT_TRUE(throws_error_with([] { rand({3}, requires_grad()).uniform_(); }, "in-place"));
  NoGradGuard guard;
  Tensor t = rand({3}, requires_grad());
  EXPECT_NO_THROW(t.uniform_(-1, 1));  // as nn::init does
}

TEST(RandomErrors, Randint) {
  EXPECT_TRUE(throws_error_with([] { randint(5, 5, {3}); },
                                "randint expects 'low' to be less than 'high', but got low=5 "
                                ">= high=5"));
  EXPECT_TRUE(throws_error_with([] { randint(0, {3}); }, "low=0 >= high=0"));
  EXPECT_TRUE(throws_error_with([] { randint(0, 300, {3}, kByte); },
                                "randint: high - 1=299 is out of bounds for Byte"));
  EXPECT_TRUE(throws_error_with([] { randint(-1, 3, {3}, kByte); },
                                "randint: low=-1 is out of bounds for Byte"));
  EXPECT_TRUE(throws_error_with([] { randint(0, 3, {3}, kBool); },
                                "randint: high - 1=2 is out of bounds for Bool"));
  EXPECT_TRUE(throws_error_with([] { randint(0, (int64_t{1} << 31) + 1, {3}, kInt); },
                                "high - 1=2147483648 is out of bounds for Int"));
  EXPECT_TRUE(throws_error_with([] { randint(0, 70000, {3}, kHalf); },
                                "randint: high - 1=69999 is out of bounds for Half"));
}

TEST(RandomErrors, Randperm) {
  EXPECT_TRUE(throws_error_with([] { randperm(-1); }, "randperm: n must be non-negative, got -1"));
  EXPECT_TRUE(throws_error_with([] { randperm(3000, kHalf); },
                                "n cannot be greater than 2049 for Half type"));
  EXPECT_TRUE(throws_error_with([] { randperm((int64_t{1} << 24) + 2, kFloat); },
                                "n cannot be greater than 2^24+1 for Float type"));
  EXPECT_TRUE(throws_error_with([] { randperm(129, kChar); },
                                "randperm: n=129 is too large for result dtype Char"));
  EXPECT_TRUE(throws_error_with([] { randperm(257, kByte); },
                                "randperm: n=257 is too large for result dtype Byte"));
  EXPECT_TRUE(
      throws_error_with([] { randperm(5, kBool); }, "randperm: not implemented for Bool on cpu"));
}

}  // namespace
