// scatter_reduce with reduce "prod", "amax" and "amin" (include_self true and false) and
// scatter(reduce="multiply") against PyTorch's values and gradients
// (tests/reference/gen_scatter_reduce.py writes reference/scatter_reduce_data.inc).

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using ember::kDouble;
using ember::kLong;
using ember::Tensor;

using ember_test::RefTensor;

struct ScatterReduceCase {
  const char* reduce;
  bool include_self;
  int64_t dim;
  RefTensor self, index, src, result, self_grad, src_grad;
};

#include "reference/scatter_reduce_data.inc"

std::string describe(const ScatterReduceCase& c) {
  return std::string(c.reduce) + " include_self=" + (c.include_self ? "true" : "false") +
         " dim=" + std::to_string(c.dim);
}

TEST(ScatterReduce, ValuesAndGradientsMatchPyTorch) {
  for (const ScatterReduceCase& c : kScatterReduceCases) {
    SCOPED_TRACE(describe(c));
    const Tensor self = c.self.tensor().requires_grad_();
    const Tensor src = c.src.tensor().requires_grad_();
    const Tensor index = c.index.tensor(kLong);
    const Tensor out = self.scatter_reduce(c.dim, index, src, c.reduce, c.include_self);
    EXPECT_TRUE(ember_test::tensors_close(out, c.result.tensor(), 1e-12, 1e-12));
    // The weights of gen_scatter_reduce.py: linspace(-1, 2) over the result.
    const Tensor weights =
        ember::linspace(-1.0, 2.0, out.numel(), ember::dtype(kDouble)).reshape(out.sizes());
    (out * weights).sum().backward();
    EXPECT_TRUE(ember_test::tensors_close(self.grad(), c.self_grad.tensor(), 1e-12, 1e-12));
    EXPECT_TRUE(ember_test::tensors_close(src.grad(), c.src_grad.tensor(), 1e-12, 1e-12));
  }
}

TEST(ScatterReduce, InPlaceMatchesOutOfPlace) {
  const ScatterReduceCase& c = kScatterReduceCases[2];
  Tensor self = c.self.tensor();
  self.scatter_reduce_(c.dim, c.index.tensor(kLong), c.src.tensor(), c.reduce, c.include_self);
  EXPECT_TRUE(ember_test::tensors_close(self, c.result.tensor(), 1e-12, 1e-12));
}

TEST(ScatterReduce, IntegersAndNaNMatchPyTorch) {
  const Tensor ints = ember::tensor({5, -3, 7, 2, 8, -1}, ember::dtype(kLong)).reshape({2, 3});
  const Tensor index = ember::tensor({1, 0, 1, 1, 1, 0}, ember::dtype(kLong)).reshape({2, 3});
  const Tensor src = ember::tensor({4, 6, -9, -2, 3, 10}, ember::dtype(kLong)).reshape({2, 3});
  const std::vector<std::pair<std::string, const RefTensor*>> expected = {
      {"prod", &kIntProdSelf}, {"amax", &kIntAmaxSelf}, {"amin", &kIntAminSelf}};
  const std::vector<const RefTensor*> without_self = {&kIntProdNoSelf, &kIntAmaxNoSelf,
                                                      &kIntAminNoSelf};
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].first);
    EXPECT_TRUE(ember_test::tensors_equal(ints.scatter_reduce(0, index, src, expected[i].first),
                                          expected[i].second->tensor(kLong)));
    EXPECT_TRUE(
        ember_test::tensors_equal(ints.scatter_reduce(0, index, src, expected[i].first, false),
                                  without_self[i]->tensor(kLong)));
  }
  const Tensor nan_self = ember::tensor({1.0, NAN, 3.0}, ember::dtype(kDouble));
  const Tensor nan_src = ember::tensor({NAN, 2.0, 5.0, -1.0}, ember::dtype(kDouble));
  const Tensor nan_index = ember::tensor({0, 1, 2, 2}, ember::dtype(kLong));
  EXPECT_TRUE(ember_test::tensors_equal(nan_self.scatter_reduce(0, nan_index, nan_src, "amax"),
                                        kNanAmax.tensor()));
  EXPECT_TRUE(ember_test::tensors_equal(nan_self.scatter_reduce(0, nan_index, nan_src, "amin"),
                                        kNanAmin.tensor()));
}

TEST(ScatterReduce, ScatterMultiplyMatchesPyTorch) {
  const ScatterReduceCase& dim0 = kScatterReduceCases[0];
  const ScatterReduceCase& dim1 = kScatterReduceCases[1];
  const Tensor self = dim0.self.tensor();
  EXPECT_TRUE(ember_test::tensors_close(
      self.scatter(0, dim0.index.tensor(kLong), dim0.src.tensor(), "multiply"),
      kScatterMultiply.tensor(), 1e-12, 1e-12));
  EXPECT_TRUE(ember_test::tensors_close(self.scatter(1, dim1.index.tensor(kLong), 2.5, "multiply"),
                                        kScatterMultiplyValue.tensor(), 1e-12, 1e-12));
}

// sum and mean need only the index to differentiate: their node keeps neither self nor the
// result, so changing the result in place afterwards leaves backward valid. prod needs the
// result and says it was modified.
TEST(ScatterReduce, SumAndMeanKeepNoTensors) {
  const Tensor index = ember::tensor(std::vector<int64_t>{0, 1, 0}, kLong);
  for (const char* reduce : {"sum", "mean", "prod"}) {
    const Tensor self = ember::ones({2}, kDouble).requires_grad_();
    const Tensor src = ember::full({3}, 2.0, kDouble).requires_grad_();
    Tensor y = self.mul(1).scatter_reduce(0, index, src, reduce);
    y.add_(1);
    if (std::string(reduce) == "prod") {
      EXPECT_TRUE(ember_test::throws_error_with([&] { y.sum().backward(); },
                                                "modified by an inplace operation"));
      continue;
    }
    y.sum().backward();
    const double share = std::string(reduce) == "sum" ? 1.0 : 1.0 / 3.0;
    EXPECT_DOUBLE_EQ(src.grad()[0].item<double>(), share) << reduce;
    EXPECT_EQ(y.grad_fn()->next_edges()[0].function->name(), "ScatterReduceBackward0");
  }
}

TEST(ScatterReduce, ErrorsAsPyTorch) {
  using ember_test::throws_error_with;
  const Tensor self = ember::zeros({3});
  const Tensor index = ember::tensor({5}, ember::dtype(kLong));
  for (bool include_self : {true, false}) {
    EXPECT_TRUE(throws_error_with(
        [&] { self.scatter_reduce(0, index, ember::ones({1}), "prod", include_self); },
        "index 5 is out of bounds for dimension 0 with size 3"));
  }
  EXPECT_TRUE(throws_error_with(
      [&] { self.scatter_reduce(0, index, ember::ones({1}), "median"); },
      "reduce argument must be either sum, prod, mean, amax or amin, got median"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        self.scatter_reduce(0, ember::tensor({1}, ember::dtype(kLong)),
                            ember::ones({1}, ember::dtype(kDouble)), "amax");
      },
      "Expected self.dtype to be equal to src.dtype"));
  EXPECT_TRUE(throws_error_with(
      [&] { self.scatter(0, ember::tensor({1}, ember::dtype(kLong)), ember::ones({1}), "mul"); },
      "reduce argument must be either add or multiply."));
}

}  // namespace
