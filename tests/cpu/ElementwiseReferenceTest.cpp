// Elementwise ops against results computed by PyTorch (tests/reference/gen_elementwise.py):
// every op over many dtypes, contiguous, transposed and sliced inputs, broadcasting, 0-d and
// empty tensors, scalar operands and in-place forms.

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::tensors_close;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

struct TensorRef {
  Dtype dtype;
  int ndim;
  int64_t shape[4];
  int is_float;
  int64_t offset;
  int64_t numel;
};

enum ScalarKind { kNone, kBoolean, kInteger, kFloating };
struct ScalarRef {
  ScalarKind kind;
  double d;
  int64_t i;
};

struct ReferenceCase {
  const char* name;
  const char* op;
  char layout;  // 'c' contiguous, 't' transposed, 's' sliced (every 2-d input)
  int ninputs;
  TensorRef inputs[3];
  int nscalars;
  ScalarRef scalars[2];
  TensorRef expected;
  double rtol;
  double atol;
};

#include "reference/elementwise_data.inc"

Tensor make_tensor(const TensorRef& r) {
  const std::vector<int64_t> shape(r.shape, r.shape + r.ndim);
  Tensor flat;
  if (r.is_float) {
    flat = tensor(std::vector<double>(kFloatPool + r.offset, kFloatPool + r.offset + r.numel),
                  kDouble);
  } else {
    flat = tensor(std::vector<int64_t>(kIntPool + r.offset, kIntPool + r.offset + r.numel), kLong);
  }
  return flat.to(r.dtype).reshape(shape);
}

// The same values in a non-contiguous layout.
Tensor relayout(const Tensor& t, char layout) {
  if (t.dim() != 2 || layout == 'c') return t;
  if (layout == 't') return t.t().contiguous().t();
  Tensor base = zeros({t.size(0), 2 * t.size(1)}, t.dtype());
  Tensor view = base.slice(1, 0, 2 * t.size(1), 2);
  view.copy_(t);
  return view;
}

std::optional<Scalar> make_scalar(const ScalarRef& s) {
  switch (s.kind) {
    case kBoolean:
      return Scalar(s.i != 0);
    case kInteger:
      return Scalar(s.i);
    case kFloating:
      return Scalar(s.d);
    case kNone:
      break;
  }
  return std::nullopt;
}

using Inputs = std::vector<Tensor>;
using Scalars = std::vector<std::optional<Scalar>>;
using OpFn = std::function<Tensor(const Inputs&, const Scalars&)>;

// Runs an in-place method on a copy of the first input and checks it returns that tensor.
template <class F>
OpFn inplace(F f) {
  return [f](const Inputs& in, const Scalars& s) {
    // A copy in the same (possibly non-contiguous) layout, so the write goes through it.
    Tensor self = in[0].is_contiguous()
                      ? in[0].clone()
                      : relayout(in[0].contiguous(), in[0].stride(0) == 1 ? 't' : 's');
    const uint32_t version = self._version();
    Tensor& r = f(self, in, s);
    EXPECT_TRUE(r.is_same(self)) << "in-place op returned another tensor";
    EXPECT_GT(self._version(), version) << "in-place op did not bump the version";
    return self;
  };
}

std::map<std::string, OpFn> make_ops() {
  std::map<std::string, OpFn> ops;
#define UNARY(name)                                                                 \
  ops[#name] = [](const Inputs& in, const Scalars&) { return ember::name(in[0]); }; \
  ops[#name "_"] =                                                                  \
      inplace([](Tensor& t, const Inputs&, const Scalars&) -> Tensor& { return t.name##_(); });
  UNARY(neg)
  UNARY(abs)
  UNARY(sqrt)
  UNARY(rsqrt)
  UNARY(exp)
  UNARY(log)
  UNARY(log1p)
  UNARY(sin)
  UNARY(cos)
  UNARY(tanh)
  UNARY(sigmoid)
  UNARY(relu)
  UNARY(square)
  UNARY(reciprocal)
  UNARY(sign)
  UNARY(floor)
  UNARY(ceil)
  UNARY(round)
  UNARY(logical_not)
  UNARY(bitwise_not)
#undef UNARY
  ops["isnan"] = [](const Inputs& in, const Scalars&) { return ember::isnan(in[0]); };
  ops["gelu"] = [](const Inputs& in, const Scalars&) { return ember::gelu(in[0]); };
  ops["gelu_tanh"] = [](const Inputs& in, const Scalars&) { return in[0].gelu("tanh"); };
  ops["leaky_relu"] = [](const Inputs& in, const Scalars& s) {
    return ember::leaky_relu(in[0], *s[0]);
  };
  ops["leaky_relu_default"] = [](const Inputs& in, const Scalars&) { return in[0].leaky_relu(); };
  ops["pow"] = [](const Inputs& in, const Scalars&) { return ember::pow(in[0], in[1]); };
  ops["pow_s"] = [](const Inputs& in, const Scalars& s) { return in[0].pow(*s[0]); };
  ops["rpow"] = [](const Inputs& in, const Scalars& s) { return ember::pow(*s[0], in[0]); };
  ops["pow_"] =
      inplace([](Tensor& t, const Inputs& in, const Scalars&) -> Tensor& { return t.pow_(in[1]); });
  ops["pow_s_"] =
      inplace([](Tensor& t, const Inputs&, const Scalars& s) -> Tensor& { return t.pow_(*s[0]); });
  ops["maximum"] = [](const Inputs& in, const Scalars&) { return ember::maximum(in[0], in[1]); };
  ops["minimum"] = [](const Inputs& in, const Scalars&) { return in[0].minimum(in[1]); };
  ops["max_ab"] = [](const Inputs& in, const Scalars&) { return ember::max(in[0], in[1]); };
  ops["min_ab"] = [](const Inputs& in, const Scalars&) { return in[0].min(in[1]); };
  ops["clamp"] = [](const Inputs& in, const Scalars& s) { return ember::clamp(in[0], s[0], s[1]); };
  ops["clamp_"] = inplace(
      [](Tensor& t, const Inputs&, const Scalars& s) -> Tensor& { return t.clamp_(s[0], s[1]); });
  ops["clamp_min"] = [](const Inputs& in, const Scalars& s) {
    return ember::clamp_min(in[0], *s[0]);
  };
  ops["clamp_max"] = [](const Inputs& in, const Scalars& s) { return in[0].clamp_max(*s[0]); };
  ops["clamp_min_"] = inplace(
      [](Tensor& t, const Inputs&, const Scalars& s) -> Tensor& { return t.clamp_min_(*s[0]); });
  ops["clamp_max_"] = inplace(
      [](Tensor& t, const Inputs&, const Scalars& s) -> Tensor& { return t.clamp_max_(*s[0]); });
  // Comparisons: the free function, the method, the operator (tensor and scalar forms) and
  // the operator with the scalar on the left.
  ops["eq"] = [](const Inputs& in, const Scalars&) { return in[0] == in[1]; };
  ops["ne"] = [](const Inputs& in, const Scalars&) { return in[0] != in[1]; };
  ops["lt"] = [](const Inputs& in, const Scalars&) { return ember::lt(in[0], in[1]); };
  ops["le"] = [](const Inputs& in, const Scalars&) { return in[0].le(in[1]); };
  ops["gt"] = [](const Inputs& in, const Scalars&) { return in[0] > in[1]; };
  ops["ge"] = [](const Inputs& in, const Scalars&) { return in[0] >= in[1]; };
  ops["eq_s"] = [](const Inputs& in, const Scalars& s) { return ember::eq(in[0], *s[0]); };
  ops["ne_s"] = [](const Inputs& in, const Scalars& s) { return in[0] != *s[0]; };
  ops["lt_s"] = [](const Inputs& in, const Scalars& s) { return in[0] < *s[0]; };
  ops["le_s"] = [](const Inputs& in, const Scalars& s) { return in[0] <= *s[0]; };
  ops["gt_s"] = [](const Inputs& in, const Scalars& s) { return in[0].gt(*s[0]); };
  ops["ge_s"] = [](const Inputs& in, const Scalars& s) { return ember::ge(in[0], *s[0]); };
  ops["eq_rs"] = [](const Inputs& in, const Scalars& s) { return *s[0] == in[0]; };
  ops["ne_rs"] = [](const Inputs& in, const Scalars& s) { return *s[0] != in[0]; };
  ops["lt_rs"] = [](const Inputs& in, const Scalars& s) { return *s[0] < in[0]; };
  ops["le_rs"] = [](const Inputs& in, const Scalars& s) { return *s[0] <= in[0]; };
  ops["gt_rs"] = [](const Inputs& in, const Scalars& s) { return *s[0] > in[0]; };
  ops["ge_rs"] = [](const Inputs& in, const Scalars& s) { return *s[0] >= in[0]; };
  ops["logical_and"] = [](const Inputs& in, const Scalars&) {
    return ember::logical_and(in[0], in[1]);
  };
  ops["logical_or"] = [](const Inputs& in, const Scalars&) { return in[0].logical_or(in[1]); };
  ops["bitwise_and"] = [](const Inputs& in, const Scalars&) { return in[0] & in[1]; };
  ops["bitwise_or"] = [](const Inputs& in, const Scalars&) { return in[0] | in[1]; };
  ops["bitwise_and_s"] = [](const Inputs& in, const Scalars& s) { return in[0] & *s[0]; };
  ops["bitwise_or_s"] = [](const Inputs& in, const Scalars& s) { return in[0] | *s[0]; };
  ops["bitwise_and_rs"] = [](const Inputs& in, const Scalars& s) { return *s[0] & in[0]; };
  ops["bitwise_or_rs"] = [](const Inputs& in, const Scalars& s) { return *s[0] | in[0]; };
  ops["where"] = [](const Inputs& in, const Scalars&) { return ember::where(in[0], in[1], in[2]); };
  ops["where_ts"] = [](const Inputs& in, const Scalars& s) {
    return ember::where(in[0], in[1], *s[0]);
  };
  ops["where_st"] = [](const Inputs& in, const Scalars& s) {
    return ember::where(in[0], *s[0], in[1]);
  };
  ops["where_ss"] = [](const Inputs& in, const Scalars& s) {
    return ember::where(in[0], *s[0], *s[1]);
  };
  ops["where_method"] = [](const Inputs& in, const Scalars&) { return in[0].where(in[1], in[2]); };
  return ops;
}

class ElementwiseReference : public ::testing::TestWithParam<int> {};

TEST_P(ElementwiseReference, MatchesPyTorch) {
  static const std::map<std::string, OpFn> ops = make_ops();
  const ReferenceCase& c = kCases[GetParam()];
  SCOPED_TRACE(c.name);
  const auto it = ops.find(c.op);
  ASSERT_NE(it, ops.end()) << "unknown op " << c.op;
  Inputs inputs;
  for (int i = 0; i < c.ninputs; ++i)
    inputs.push_back(relayout(make_tensor(c.inputs[i]), c.layout));
  if (c.layout != 'c') {
    bool any_noncontiguous = false;
    for (const Tensor& t : inputs) any_noncontiguous |= !t.is_contiguous();
    ASSERT_TRUE(any_noncontiguous) << "layout case without a non-contiguous input";
  }
  Scalars scalars;
  for (int i = 0; i < c.nscalars; ++i) scalars.push_back(make_scalar(c.scalars[i]));
  const Tensor expected = make_tensor(c.expected);
  const Tensor actual = it->second(inputs, scalars);
  EXPECT_TRUE(tensors_close(actual, expected, c.rtol, c.atol));
}

std::string case_name(const ::testing::TestParamInfo<int>& info) {
  std::string name = kCases[info.param].name;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name + "_" + std::to_string(info.param);
}

INSTANTIATE_TEST_SUITE_P(PyTorch, ElementwiseReference,
                         ::testing::Range(0, static_cast<int>(std::size(kCases))), case_name);

}  // namespace
