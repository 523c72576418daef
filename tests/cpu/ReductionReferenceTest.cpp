// Reductions and along-dim ops against PyTorch: every case of reference/reductions_data.inc
// (written by tests/reference/gen_reductions.py) runs the op on the case's input, after its
// layout transform (transpose, slice, expand, permute), and compares with PyTorch's result.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "TestUtils.h"
#include "backends/cpu/CpuFeatures.h"

namespace {

using ember::Tensor;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

struct RefTensor {
  ember::Dtype dtype = ember::kFloat;
  const int64_t* shape = nullptr;
  int ndim = -1;                   // -1: no tensor
  const double* values = nullptr;  // floating and bool dtypes
  const int64_t* ints = nullptr;   // integer dtypes
  int64_t count = 0;
  bool formula = false;  // values not stored: computed by formula_tensor
  int stride = 1;        // values are every stride-th element of the flattened tensor
};

struct RefCase {
  const char* name;
  const char* op;
  RefTensor input;
  const char* layout;
  const int64_t* layout_arg;
  int layout_argc;
  RefTensor other;
  const int64_t* dims;
  int ndims;
  bool has_dims;
  bool keepdim;
  int dtype;  // -1: none
  double p;
  bool has_p;
  bool unbiased;
  double rtol;
  double atol;
  bool equal_nan;
  RefTensor expected;
  RefTensor indices;
  double check_rtol;
  double check_atol;
};

#include "reference/reductions_data.inc"

std::vector<int64_t> shape_of(const RefTensor& r) { return {r.shape, r.shape + r.ndim}; }

// The generator's formula for large inputs (same arithmetic as formula_values in Python).
Tensor formula_tensor(const RefTensor& r) {
  const std::vector<int64_t> shape = shape_of(r);
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  if (ember::is_floating_type(r.dtype) || r.dtype == ember::kBool) {
    std::vector<double> v(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      const int64_t k = (i * 7919 + 13);
      v[i] = r.dtype == ember::kBool ? double(k % 3 != 0)
                                     : static_cast<double>(k % 10007) / 10007.0 - 0.5;
    }
    return ember::tensor(v, ember::kDouble).reshape(shape).to(r.dtype);
  }
  std::vector<int64_t> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[i] = (i * 7919 + 13) % 11 - (r.dtype == ember::kByte ? 0 : 5);
  return ember::tensor(v, ember::kLong).reshape(shape).to(r.dtype);
}

Tensor make_tensor(const RefTensor& r) {
  if (r.formula) return formula_tensor(r);
  std::vector<int64_t> shape = r.stride == 1 ? shape_of(r) : std::vector<int64_t>{r.count};
  if (r.values != nullptr ||
      (r.ints == nullptr && (ember::is_floating_type(r.dtype) || r.dtype == ember::kBool))) {
    std::vector<double> v(r.values, r.values + r.count);
    return ember::tensor(v, ember::kDouble).reshape(shape).to(r.dtype);
  }
  std::vector<int64_t> v(r.ints, r.ints + r.count);
  return ember::tensor(v, ember::kLong).reshape(shape).to(r.dtype);
}

Tensor apply_layout(const RefCase& c, const Tensor& t) {
  const std::string layout = c.layout;
  const ember::IntArrayRef arg(c.layout_arg, static_cast<size_t>(c.layout_argc));
  if (layout.empty()) return t;
  if (layout == "t") return t.transpose(-1, -2);
  if (layout == "s") return t.slice(0, 0, std::nullopt, 2);
  if (layout == "s_last") return t.slice(-1, 0, std::nullopt, 2);
  if (layout == "e") return t.expand(arg);
  if (layout == "p") return t.permute(arg);
  ADD_FAILURE() << "unknown layout " << layout;
  return t;
}

// Runs the case's op; the second tensor is max/min's indices.
std::pair<Tensor, Tensor> run_op(const RefCase& c, const Tensor& x, const Tensor& other) {
  const std::string op = c.op;
  const ember::IntArrayRef dims(c.dims, static_cast<size_t>(c.ndims));
  const int64_t dim = c.ndims > 0 ? c.dims[0] : 0;
  const std::optional<ember::Dtype> dtype =
      c.dtype < 0 ? std::nullopt : std::optional<ember::Dtype>(static_cast<ember::Dtype>(c.dtype));
  if (op == "sum") return {c.has_dims ? x.sum(dims, c.keepdim, dtype) : x.sum(dtype), {}};
  if (op == "mean") return {c.has_dims ? x.mean(dims, c.keepdim, dtype) : x.mean(dtype), {}};
  if (op == "prod") return {c.has_dims ? x.prod(dim, c.keepdim, dtype) : x.prod(dtype), {}};
  if (op == "max" || op == "min") {
    if (!c.has_dims) return {op == "max" ? x.max() : x.min(), {}};
    auto [values, indices] = op == "max" ? x.max(dim, c.keepdim) : x.min(dim, c.keepdim);
    return {values, indices};
  }
  if (op == "argmax" || op == "argmin") {
    const std::optional<int64_t> d = c.has_dims ? std::optional<int64_t>(dim) : std::nullopt;
    return {op == "argmax" ? x.argmax(d, c.keepdim) : x.argmin(d, c.keepdim), {}};
  }
  if (op == "any") return {c.has_dims ? x.any(dim, c.keepdim) : x.any(), {}};
  if (op == "all") return {c.has_dims ? x.all(dim, c.keepdim) : x.all(), {}};
  if (op == "var") return {c.has_dims ? x.var(dims, c.unbiased, c.keepdim) : x.var(c.unbiased), {}};
  if (op == "std") return {c.has_dims ? x.std(dims, c.unbiased, c.keepdim) : x.std(c.unbiased), {}};
  if (op == "norm") {
    const ember::Scalar p = c.has_p ? ember::Scalar(c.p) : ember::Scalar(2);
    if (!c.has_dims) return {c.has_p ? x.norm(p) : x.norm(), {}};
    return {x.norm(c.has_p ? std::optional<ember::Scalar>(p) : std::nullopt, dims, c.keepdim), {}};
  }
  if (op == "logsumexp") return {x.logsumexp(dims, c.keepdim), {}};
  if (op == "cumsum") return {x.cumsum(dim, dtype), {}};
  if (op == "softmax") return {x.softmax(dim, dtype), {}};
  if (op == "log_softmax") return {x.log_softmax(dim, dtype), {}};
  if (op == "allclose") {
    return {ember::tensor(ember::allclose(x, other, c.rtol, c.atol, c.equal_nan)), {}};
  }
  if (op == "equal") return {ember::tensor(ember::equal(x, other)), {}};
  ADD_FAILURE() << "unknown op " << op;
  return {};
}

// Compares `actual` with the expected tensor (every stride-th element when sampled).
::testing::AssertionResult matches(const Tensor& actual, const RefTensor& expected, double rtol,
                                   double atol) {
  const Tensor e = make_tensor(expected);
  if (expected.stride == 1) return ember_test::tensors_close(actual, e, rtol, atol);
  if (actual.sizes() != ember::IntArrayRef(shape_of(expected))) {
    return ::testing::AssertionFailure() << "shape " << actual.sizes() << " != expected "
                                         << ember::IntArrayRef(shape_of(expected));
  }
  const Tensor sample = actual.reshape({-1}).slice(0, 0, std::nullopt, expected.stride);
  return ember_test::tensors_close(sample, e, rtol, atol);
}

class ReductionReference : public ::testing::TestWithParam<size_t> {};

TEST_P(ReductionReference, MatchesPyTorch) {
  const RefCase& c = kReductionCases[GetParam()];
  const Tensor input = apply_layout(c, make_tensor(c.input));
  const Tensor other = c.other.ndim >= 0 ? make_tensor(c.other) : Tensor();
  const auto [values, indices] = run_op(c, input, other);
  EXPECT_TRUE(matches(values, c.expected, c.check_rtol, c.check_atol)) << c.name;
  if (c.indices.ndim >= 0) {
    EXPECT_TRUE(matches(indices, c.indices, 0, 0)) << c.name;
  }
}

std::string case_name(const ::testing::TestParamInfo<size_t>& info) {
  return kReductionCases[info.param].name;
}

INSTANTIATE_TEST_SUITE_P(Cases, ReductionReference,
                         ::testing::Range<size_t>(0, std::size(kReductionCases)), case_name);

// Kernels with an AVX2 path (sum, max, min, softmax, log_softmax) give PyTorch's results on
// the baseline path too.
TEST(ReductionReferenceBaseline, OpsWithAnAvx2PathWithoutIt) {
  ember::cpu::set_use_avx2(false);
  for (const RefCase& c : kReductionCases) {
    const std::string op = c.op;
    if (op != "softmax" && op != "log_softmax" && op != "sum" && op != "mean" && op != "max" &&
        op != "min") {
      continue;
    }
    const Tensor input = apply_layout(c, make_tensor(c.input));
    const auto [values, indices] = run_op(c, input, Tensor());
    EXPECT_TRUE(matches(values, c.expected, c.check_rtol, c.check_atol)) << c.name;
    if (c.indices.ndim >= 0) {
      EXPECT_TRUE(matches(indices, c.indices, 0, 0)) << c.name;
    }
  }
  ember::cpu::set_use_avx2(true);
}

// The results do not depend on the number of threads: every case gives bit-identical results
// on one thread and on several.
TEST(ReductionReferenceThreads, ResultsDoNotDependOnThreadCount) {
  const int threads = ember::get_num_threads();
  for (const RefCase& c : kReductionCases) {
    if (!c.input.formula) continue;  // the large cases, which use threads
    const Tensor input = apply_layout(c, make_tensor(c.input));
    ember::set_num_threads(1);
    const auto one = run_op(c, input, Tensor());
    ember::set_num_threads(4);
    const auto four = run_op(c, input, Tensor());
    ember::set_num_threads(threads);
    EXPECT_TRUE(ember_test::tensors_equal(one.first, four.first)) << c.name;
    if (one.second.defined()) {
      EXPECT_TRUE(ember_test::tensors_equal(one.second, four.second)) << c.name;
    }
  }
}

}  // namespace
