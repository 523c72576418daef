// Gradients of the elementwise family: every case of elementwise_cases() through gradcheck
// and gradgradcheck (contiguous and transposed inputs), gradient values and node names
// against PyTorch, in-place forms on non-leaves and on views, and the errors.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "autograd/Formula.h"
#include "cases/OpCase.h"
#include "ember/ember.h"

namespace {

using ember::Tensor;
using ember::autograd::variable_list;

Tensor dbl(std::vector<double> values, std::vector<int64_t> shape) {
  return ember::tensor(values, ember::kDouble).view(shape);
}

// x and the output gradient w of the value tests (PyTorch's values were computed from them).
const std::vector<double> kX = {-1.5, -0.3, 0.0, 0.7, 1.2, 2.0, -2.5, 0.4};
const std::vector<double> kPositive = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 0.25, 0.75};
const std::vector<double> kOther = {-1.5, 0.3, 0.0, 0.1, 1.0, 2.0, -2.0, 0.4};
const std::vector<double> kW = {-1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75};

Tensor w_grad() { return dbl(kW, {2, 4}); }

void expect_values(const Tensor& t, const std::vector<double>& expected, double tol = 1e-12) {
  ASSERT_TRUE(t.defined());
  const Tensor flat = t.contiguous().view({-1});
  ASSERT_EQ(flat.numel(), static_cast<int64_t>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i) {
    const double got = flat[static_cast<int64_t>(i)].item<double>();
    if (std::isinf(expected[i])) {
      EXPECT_EQ(got, expected[i]) << "element " << i;
    } else {
      EXPECT_NEAR(got, expected[i], tol) << "element " << i;
    }
  }
}

// gradcheck and gradgradcheck of every case run in OpTableTest; here, each case's node is its
// op's (or CopySlices, for an in-place change of a view), as given and transposed.
TEST(ElementwiseGrad, EveryCaseRecordsItsOpsNode) {
  ember::manual_seed(0);
  for (const ember_test::OpCase& c : ember_test::elementwise_cases()) {
    for (bool transposed : {false, true}) {
      SCOPED_TRACE(c.name + (transposed ? " (transposed)" : ""));
      const variable_list outputs = c.fn(ember_test::case_inputs(c, transposed));
      ASSERT_EQ(outputs.size(), 1u);
      if (outputs[0].numel() == 0) continue;
      ASSERT_TRUE(outputs[0].grad_fn());
      if (c.name.find("_/view") == std::string::npos) {
        EXPECT_EQ(outputs[0].grad_fn()->name(), ember::detail::grad_op_node_name(c.op));
      }
    }
  }
}

TEST(ElementwiseGrad, EveryOpOfTheFamilyHasACase) {
  using ember::detail::GradOp;
  std::vector<bool> seen(ember::detail::kNumGradOps, false);
  for (const auto& c : ember_test::elementwise_cases()) seen[static_cast<int>(c.op)] = true;
  for (GradOp op : {GradOp::neg,
                    GradOp::abs,
                    GradOp::sqrt,
                    GradOp::rsqrt,
                    GradOp::exp,
                    GradOp::log,
                    GradOp::log1p,
                    GradOp::sin,
                    GradOp::cos,
                    GradOp::tanh,
                    GradOp::sigmoid,
                    GradOp::relu,
                    GradOp::reciprocal,
                    GradOp::sign,
                    GradOp::floor,
                    GradOp::ceil,
                    GradOp::round,
                    GradOp::gelu,
                    GradOp::leaky_relu,
                    GradOp::softmax,
                    GradOp::log_softmax,
                    GradOp::pow,
                    GradOp::pow_scalar,
                    GradOp::pow_scalar_base,
                    GradOp::maximum,
                    GradOp::minimum,
                    GradOp::clamp,
                    GradOp::clamp_min,
                    GradOp::clamp_max,
                    GradOp::where,
                    GradOp::masked_fill,
                    GradOp::masked_fill_tensor,
                    GradOp::tanh_backward,
                    GradOp::sigmoid_backward,
                    GradOp::threshold_backward}) {
    EXPECT_TRUE(seen[static_cast<int>(op)]) << ember::detail::grad_op_name(op);
    EXPECT_NE(ember::autograd::formula_table().get(op).backward, nullptr)
        << ember::detail::grad_op_name(op);
  }
}

// ---- Values and node names against PyTorch (torch.autograd, float64) --------------------

struct UnaryValueCase {
  const char* name;
  std::function<Tensor(const Tensor&)> fn;
  const std::vector<double>* input;
  std::vector<double> grad;
  const char* node;
};

TEST(ElementwiseGrad, UnaryGradientsMatchPyTorch) {
  namespace F = ember;
  const std::vector<UnaryValueCase> cases = {
      // clang-format off
      {"neg", [](const Tensor& x) { return -x; }, &kX, {1.0, 0.75, 0.5, 0.25, -0.0, -0.25, -0.5, -0.75}, "NegBackward0"},
      {"abs", [](const Tensor& x) { return x.abs(); }, &kX, {1.0, 0.75, -0.0, -0.25, 0.0, 0.25, -0.5, 0.75}, "AbsBackward0"},
      {"sqrt", [](const Tensor& x) { return x.sqrt(); }, &kPositive, {-0.7071067811865475, -0.375, -0.20412414523193154, -0.08838834764831843, 0.0, 0.07216878364870323, 0.5, 0.43301270189221935}, "SqrtBackward0"},
      {"rsqrt", [](const Tensor& x) { return x.rsqrt(); }, &kPositive, {1.4142135623730947, 0.375, 0.1360827634879544, 0.04419417382415921, -0.0, -0.024056261216234418, -2.0, -0.5773502691896261}, "RsqrtBackward0"},
      {"exp", [](const Tensor& x) { return x.exp(); }, &kX, {-0.22313016014842982, -0.5556136655112884, -0.5, -0.5034381768676192, 0.0, 1.8472640247326626, 0.0410424993119494, 1.1188685232309528}, "ExpBackward0"},
      {"log", [](const Tensor& x) { return x.log(); }, &kPositive, {-2.0, -0.75, -0.3333333333333333, -0.125, 0.0, 0.08333333333333333, 2.0, 1.0}, "LogBackward0"},
      {"log1p", [](const Tensor& x) { return x.log1p(); }, &kPositive, {-0.6666666666666666, -0.375, -0.2, -0.08333333333333333, 0.0, 0.0625, 0.4, 0.42857142857142855}, "Log1PBackward0"},
      {"sin", [](const Tensor& x) { return x.sin(); }, &kX, {-0.0707372016677029, -0.7165023668442045, -0.5, -0.19121054682112212, 0.0, -0.1040367091367856, -0.40057180777346685, 0.6907957455021638}, "SinBackward0"},
      {"cos", [](const Tensor& x) { return x.cos(); }, &kX, {-0.9974949866040544, -0.22164015499600465, 0.0, 0.16105442180942275, -0.0, -0.22732435670642043, 0.2992360720519783, -0.2920637567314879}, "CosBackward0"},
      {"tanh", [](const Tensor& x) { return x.tanh(); }, &kX, {-0.1807066389236486, -0.6863527213699718, -0.5, -0.15868489749561465, 0.0, 0.017662706213291107, 0.013296113341580285, 0.6417290895608833}, "TanhBackward0"},
      {"sigmoid", [](const Tensor& x) { return x.sigmoid(); }, &kX, {-0.14914645207033286, -0.18334373376805937, -0.125, -0.05542821832327726, 0.0, 0.026248396350876654, 0.035051858272554075, 0.18019555930614686}, "SigmoidBackward0"},
      {"relu", [](const Tensor& x) { return x.relu(); }, &kX, {0.0, 0.0, 0.0, -0.25, 0.0, 0.25, 0.0, 0.75}, "ReluBackward0"},
      {"square", [](const Tensor& x) { return x.square(); }, &kX, {3.0, 0.44999999999999996, -0.0, -0.35, 0.0, 1.0, -2.5, 0.6000000000000001}, "PowBackward0"},
      {"reciprocal", [](const Tensor& x) { return x.reciprocal(); }, &kPositive, {4.0, 0.75, 0.2222222222222222, 0.0625, -0.0, -0.027777777777777776, -8.0, -1.3333333333333333}, "ReciprocalBackward0"},
      {"sign", [](const Tensor& x) { return x.sign(); }, &kX, {0, 0, 0, 0, 0, 0, 0, 0}, "SignBackward0"},
      {"floor", [](const Tensor& x) { return x.floor(); }, &kX, {0, 0, 0, 0, 0, 0, 0, 0}, "FloorBackward0"},
      {"ceil", [](const Tensor& x) { return x.ceil(); }, &kX, {0, 0, 0, 0, 0, 0, 0, 0}, "CeilBackward0"},
      {"round", [](const Tensor& x) { return x.round(); }, &kX, {0, 0, 0, 0, 0, 0, 0, 0}, "RoundBackward0"},
      {"gelu", [](const Tensor& x) { return F::gelu(x); }, &kX, {0.1274691922299796, -0.2007541748796676, -0.25, -0.24415352528341497, 0.0, 0.27130795026954924, -0.018805542954072597, 0.6020473482987402}, "GeluBackward0"},
      {"gelu_tanh", [](const Tensor& x) { return F::gelu(x, "tanh"); }, &kX, {0.12771079315143308, -0.20077841127089863, -0.25, -0.244089304664026, 0.0, 0.27152481415590457, -0.01897578810633309, 0.6019941258154211}, "GeluBackward0"},
      {"leaky_relu", [](const Tensor& x) { return F::leaky_relu(x, 0.2); }, &kX, {-0.2, -0.15000000000000002, -0.1, -0.25, 0.0, 0.25, 0.1, 0.75}, "LeakyReluBackward0"},
      {"softmax", [](const Tensor& x) { return x.softmax(1); }, &kX, {-0.030962156797056453, -0.05623727870786808, -0.013062012244382911, 0.10026144774930736, -0.06617551568312623, 0.003114594409834583, 0.0017052921507138934, 0.06135562912257778}, "SoftmaxBackward0"},
      {"log_softmax", [](const Tensor& x) { return x.log_softmax(0); }, &kX, {-0.9370266439430035, -0.704438519492572, -0.5, -0.5372212584058296, 0.9370266439430035, 0.704438519492572, 0.5, 0.5372212584058295}, "LogSoftmaxBackward0"},
      {"pow_scalar", [](const Tensor& x) { return x.pow(2.5); }, &kPositive, {-0.8838834764831844, -1.875, -2.2963966338592297, -1.7677669529663689, 0.0, 3.247595264191645, 0.15625, 1.2178482240718669}, "PowBackward0"},
      {"pow_scalar_base", [](const Tensor& x) { return F::pow(2.5, x); }, &kX, {-0.23180525692999798, -0.5220505462949326, -0.45814536593707755, -0.4350421219124439, 0.0, 1.4317042685533674, 0.0463610513859996, 0.9914494144938717}, "PowBackward2"},
      {"clamp", [](const Tensor& x) { return x.clamp(-1.0, 1.0); }, &kX, {0.0, -0.75, -0.5, -0.25, 0.0, 0.0, 0.0, 0.75}, "ClampBackward1"},
      {"clamp_min", [](const Tensor& x) { return x.clamp_min(0.1); }, &kX, {0.0, 0.0, 0.0, -0.25, 0.0, 0.25, 0.0, 0.75}, "ClampMinBackward0"},
      {"clamp_max", [](const Tensor& x) { return x.clamp_max(0.5); }, &kX, {-1.0, -0.75, -0.5, 0.0, 0.0, 0.0, 0.5, 0.75}, "ClampMaxBackward0"},
      {"masked_fill", [](const Tensor& x) { return x.masked_fill(x > 0.3, 3.0); }, &kX, {-1.0, -0.75, -0.5, 0.0, 0.0, 0.0, 0.5, 0.0}, "MaskedFillBackward0"},
      {"where", [](const Tensor& x) { return F::where(x > 0, x, 1.0); }, &kX, {0.0, 0.0, 0.0, -0.25, 0.0, 0.25, 0.0, 0.75}, "WhereBackward0"},
      // clang-format on
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Tensor x = dbl(*c.input, {2, 4}).requires_grad_();
    Tensor y = c.fn(x);
    ASSERT_TRUE(y.grad_fn());
    EXPECT_EQ(y.grad_fn()->name(), c.node);
    y.backward(w_grad());
    expect_values(x.grad(), c.grad);
  }
}

TEST(ElementwiseGrad, BinaryGradientsMatchPyTorch) {
  Tensor a = dbl(kX, {2, 4}).requires_grad_();
  Tensor b = dbl(kOther, {2, 4}).requires_grad_();
  // Ties (-1.5, 0.0, 2.0, 0.4) share the gradient equally.
  Tensor y = ember::maximum(a, b);
  EXPECT_EQ(y.grad_fn()->name(), "MaximumBackward0");
  y.backward(w_grad());
  expect_values(a.grad(), {-0.5, 0.0, -0.25, -0.25, 0.0, 0.125, 0.0, 0.375});
  expect_values(b.grad(), {-0.5, -0.75, -0.25, 0.0, 0.0, 0.125, 0.5, 0.375});

  a = dbl(kX, {2, 4}).requires_grad_();
  b = dbl(kOther, {2, 4}).requires_grad_();
  y = ember::min(a, b);
  EXPECT_EQ(y.grad_fn()->name(), "MinimumBackward0");
  y.backward(w_grad());
  expect_values(a.grad(), {-0.5, -0.75, -0.25, 0.0, 0.0, 0.125, 0.5, 0.375});
  expect_values(b.grad(), {-0.5, 0.0, -0.25, -0.25, 0.0, 0.125, 0.0, 0.375});

  a = dbl(kX, {2, 4}).requires_grad_();
  b = dbl(kOther, {2, 4}).requires_grad_();
  y = ember::where(dbl(kX, {2, 4}) > 0, a, b);
  EXPECT_EQ(y.grad_fn()->name(), "WhereBackward0");
  y.backward(w_grad());
  expect_values(a.grad(), {0.0, 0.0, 0.0, -0.25, 0.0, 0.25, 0.0, 0.75});
  expect_values(b.grad(), {-1.0, -0.75, -0.5, 0.0, 0.0, 0.0, 0.5, 0.0});

  a = dbl(kX, {2, 4}).requires_grad_();
  Tensor value = ember::tensor(2.0, ember::kDouble).requires_grad_();
  y = a.masked_fill(dbl(kX, {2, 4}) > 0.3, value);
  EXPECT_EQ(y.grad_fn()->name(), "MaskedFillBackward1");
  y.backward(w_grad());
  expect_values(a.grad(), {-1.0, -0.75, -0.5, 0.0, 0.0, 0.0, 0.5, 0.0});
  expect_values(value.grad(), {0.75});
  EXPECT_EQ(value.grad().dim(), 0);
}

TEST(ElementwiseGrad, PowAtZeroBaseAndZeroExponentMatchesPyTorch) {
  Tensor base = dbl({0.0, 0.0, 0.0, 2.0, 1.5, 0.5, 3.0, 0.25}, {2, 4}).requires_grad_();
  Tensor exponent = dbl({0.0, 2.0, -1.0, 0.0, 1.5, -2.0, 0.5, 3.0}, {2, 4}).requires_grad_();
  Tensor y = ember::pow(base, exponent);
  EXPECT_EQ(y.grad_fn()->name(), "PowBackward1");
  y.backward(w_grad());
  const double inf = INFINITY;
  expect_values(base.grad(), {0.0, -0.0, inf, 0.0, 0.0, -4.0, 0.14433756729740643, 0.140625});
  expect_values(exponent.grad(), {-0.0, -0.0, inf, -0.17328679513998632, 0.0, -0.6931471805599453,
                                  0.951426150896346, -0.016245637044373717});
}

// libtorch 1.13's rule: the gradient passes where min <= x <= max, the bounds included.
TEST(ElementwiseGrad, ClampPassesTheGradientAtTheBounds) {
  Tensor x = dbl({-0.3, 0.0, 0.7, 0.5, -1.0, 2.0}, {6}).requires_grad_();
  const Tensor ones = ember::ones({6}, ember::kDouble);
  x.clamp(-0.3, 0.7).backward(ones);
  expect_values(x.grad(), {1, 1, 1, 1, 0, 0});
  x.mutable_grad().zero_();
  x.clamp_min(0.0).backward(ones);
  expect_values(x.grad(), {0, 1, 1, 1, 0, 1});
  x.mutable_grad().zero_();
  x.clamp_max(0.7).backward(ones);
  expect_values(x.grad(), {1, 1, 1, 1, 1, 0});
  x.mutable_grad().zero_();
  Tensor y = x.clamp(std::nullopt, 0.5);
  EXPECT_EQ(y.grad_fn()->name(), "ClampBackward1");
  y.backward(ones);
  expect_values(x.grad(), {1, 1, 0, 1, 1, 0});
}

TEST(ElementwiseGrad, ANanClampBoundPassesNoGradient) {
  const Tensor ones = ember::ones({3}, ember::kDouble);
  for (bool lone_min : {true, false}) {
    Tensor x = dbl({-1.0, 0.5, 2.0}, {3}).requires_grad_();
    (lone_min ? x.clamp(NAN) : x.clamp_min(NAN)).backward(ones);
    expect_values(x.grad(), {0, 0, 0});
  }
}

TEST(ElementwiseGrad, GradientsHaveTheInputsDtype) {
  Tensor f = ember::tensor(std::vector<float>{0.5f, 1.5f}, ember::kFloat).requires_grad_();
  Tensor d = dbl({2.0, 3.0}, {2}).requires_grad_();
  Tensor y = ember::pow(f, d);  // float64 result
  EXPECT_EQ(y.dtype(), ember::kDouble);
  y.backward(ember::ones({2}, ember::kDouble));
  EXPECT_EQ(f.grad().dtype(), ember::kFloat);
  EXPECT_EQ(d.grad().dtype(), ember::kDouble);
  expect_values(f.grad().to(ember::kDouble), {2.0 * 0.5, 3.0 * 1.5 * 1.5});
  expect_values(d.grad(), {0.25 * std::log(0.5), 3.375 * std::log(1.5)}, 1e-7);
  Tensor g = ember::tensor(std::vector<float>{-1.0f, 2.0f}, ember::kFloat).requires_grad_();
  Tensor s = g.sigmoid();
  EXPECT_EQ(s.dtype(), ember::kFloat);
  s.backward(ember::ones({2}, ember::kFloat));
  EXPECT_EQ(g.grad().dtype(), ember::kFloat);
  // Integer inputs never get history.
  EXPECT_FALSE(ember::exp(ember::arange(3)).requires_grad());
}

TEST(ElementwiseGrad, SecondDerivativesMatchPyTorch) {
  // d/dx sum(d/dx sum(w * f(x))) with create_graph.
  struct Case {
    const char* name;
    std::function<Tensor(const Tensor&)> fn;
    std::vector<double> expected;
  };
  const std::vector<Case> cases = {
      // clang-format off
      {"gelu", [](const Tensor& x) { return ember::gelu(x); }, {0.03237939891647296, -0.5463380456472008, -0.3989422804014327, -0.11787585984595239, 0.0, -0.02699548325659403, -0.037247638548833145, 0.5082127936185862}},
      {"gelu_tanh", [](const Tensor& x) { return ember::gelu(x, "tanh"); }, {0.03051819648422486, -0.5461113363254338, -0.3989422804014327, -0.11771573171115843, 0.0, -0.026968769987769613, -0.03812269603680647, 0.5078607667811893}},
      {"tanh", [](const Tensor& x) { return x.tanh(); }, {-0.32713259728754795, -0.39988640865109076, 0.0, 0.19180807752297915, -0.0, -0.03405467185677824, 0.026236271065290202, -0.48764860325529574}},
      {"sigmoid", [](const Tensor& x) { return x.sigmoid(); }, {-0.09473021278475269, -0.027297137966682174, -0.0, 0.018644697110085456, -0.0, -0.01999062526403828, 0.02973391792271703, -0.03556615622115642}},
      {"relu", [](const Tensor& x) { return x.relu(); }, {0, 0, 0, 0, 0, 0, 0, 0}},
      // clang-format on
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Tensor x = dbl(kX, {2, 4}).requires_grad_();
    const Tensor y = c.fn(x) * w_grad();
    const variable_list g = ember::autograd::grad({y}, {x}, {ember::ones_like(y)}, std::nullopt,
                                                  /*create_graph=*/true);
    const variable_list g2 = ember::autograd::grad({g[0]}, {x}, {ember::ones_like(g[0])});
    expect_values(g2[0], c.expected, 1e-10);
  }
}

// The activations' backward functions: PyTorch's values (torch.ops.aten.*_backward, float32),
// the nodes of double backward, third order through tanh, and their errors.
TEST(ElementwiseGrad, ActivationBackwardFunctionsMatchPyTorch) {
  const Tensor g = ember::tensor({0.5f, -1.25f, 2.0f, 3.0f});
  const Tensor y = ember::tensor({0.3f, -0.9f, 0.99f, 0.0f});
  const auto expect_floats = [](const Tensor& t, const std::vector<float>& expected) {
    ASSERT_EQ(t.dtype(), ember::kFloat);
    ASSERT_EQ(t.numel(), static_cast<int64_t>(expected.size()));
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(t[static_cast<int64_t>(i)].item<float>(), expected[i]) << "element " << i;
    }
  };
  expect_floats(ember::tanh_backward(g, y),
                {0.45499998331069946f, -0.23750005662441254f, 0.03979996219277382f, 3.0f});
  expect_floats(ember::sigmoid_backward(g, y),
                {0.10500000417232513f, 2.137500047683716f, 0.019799981266260147f, 0.0f});
  const Tensor x = ember::tensor({-1.0f, 0.0f, NAN, 0.5f});
  expect_floats(ember::threshold_backward(g, x, 0.0), {0.0f, 0.0f, 2.0f, 3.0f});
  const Tensor ints = ember::threshold_backward(ember::tensor({int64_t{1}, int64_t{2}}),
                                                ember::tensor({int64_t{1}, int64_t{-1}}), 0);
  EXPECT_EQ(ints.dtype(), ember::kLong);
  EXPECT_EQ(ints[0].item<int64_t>(), 1);
  EXPECT_EQ(ints[1].item<int64_t>(), 0);
  EXPECT_THROW(ember::tanh_backward(ember::ones({2}), ember::ones({3})), ember::Error);
  EXPECT_THROW(
      ember::sigmoid_backward(ember::ones({2}, ember::kLong), ember::ones({2}, ember::kLong)),
      ember::Error);

  for (const auto& [name, node] :
       std::vector<std::pair<std::string, std::string>>{{"tanh", "TanhBackwardBackward0"},
                                                        {"sigmoid", "SigmoidBackwardBackward0"},
                                                        {"relu", "ThresholdBackwardBackward0"}}) {
    SCOPED_TRACE(name);
    Tensor a = dbl(kX, {2, 4}).requires_grad_();
    const Tensor out = name == "tanh" ? a.tanh() : name == "sigmoid" ? a.sigmoid() : a.relu();
    const variable_list d = ember::autograd::grad({out.sum()}, {a}, {}, std::nullopt, true);
    ASSERT_TRUE(d[0].grad_fn());
    EXPECT_EQ(d[0].grad_fn()->name(), node);
  }
  Tensor a = dbl(kX, {2, 4}).requires_grad_();
  const variable_list d1 = ember::autograd::grad({a.tanh().sum()}, {a}, {}, std::nullopt, true);
  const variable_list d2 = ember::autograd::grad({d1[0].sum()}, {a}, {}, std::nullopt, true);
  const variable_list d3 = ember::autograd::grad({d2[0].sum()}, {a});
  expect_values(d3[0],
                {0.526897219588103, -1.3643061061011235, -2.0, 0.12159227738323643,
                 0.6618567963114292, 0.25265406509806265, 0.1021260276128307, -0.9701512491541173},
                1e-12);
}

// ---- In place ------------------------------------------------------------------------

TEST(ElementwiseGrad, InPlaceOnANonLeafRebasesItsHistory) {
  Tensor x = dbl(kX, {2, 4}).requires_grad_();
  Tensor y = x * 2;
  const int64_t version = y._version();
  y.exp_();
  EXPECT_EQ(y._version(), version + 1);
  EXPECT_EQ(y.grad_fn()->name(), "ExpBackward0");
  EXPECT_EQ(y.grad_fn()->next_edges()[0].function->name(), "MulBackward1");
  y.backward(w_grad());
  // d/dx exp(2x) = 2 exp(2x)
  std::vector<double> expected;
  for (size_t i = 0; i < kX.size(); ++i) expected.push_back(kW[i] * 2 * std::exp(2 * kX[i]));
  expect_values(x.grad(), expected, 1e-10);

  for (const char* op : {"pow_", "clamp_", "masked_fill_", "sigmoid_"}) {
    SCOPED_TRACE(op);
    Tensor z = x * 1;
    const std::string name = op;
    if (name == "pow_") z.pow_(2);
    if (name == "clamp_") z.clamp_(-1, 1);
    if (name == "masked_fill_") z.masked_fill_(z > 0, 0.0);
    if (name == "sigmoid_") z.sigmoid_();
    const std::string node = z.grad_fn()->name();
    EXPECT_EQ(node, name == "pow_"           ? "PowBackward0"
                    : name == "clamp_"       ? "ClampBackward1"
                    : name == "masked_fill_" ? "MaskedFillBackward0"
                                             : "SigmoidBackward0");
  }
}

TEST(ElementwiseGrad, InPlaceOnAViewOfANonLeafGoesThroughCopySlices) {
  // PyTorch: y = x * 2; y[:, 1:3].exp_(); y.backward(w)
  Tensor x = dbl(kX, {2, 4}).requires_grad_();
  Tensor y = x * 2;
  Tensor middle = y.as_strided({2, 2}, {4, 1}, 1);
  middle.exp_();
  EXPECT_EQ(y.grad_fn()->name(), "CopySlices");
  EXPECT_EQ(middle.grad_fn()->name(), "AsStridedBackward0");
  y.backward(w_grad());
  expect_values(
      x.grad(),
      {-2.0, -0.8232174541410398, -1.0, -0.5, 0.0, 27.299075016572118, 0.006737946999085467, 1.5},
      1e-10);
}

TEST(ElementwiseGrad, InPlaceOnALeafThatRequiresGradIsAnError) {
  Tensor x = dbl(kX, {2, 4}).requires_grad_();
  EXPECT_THROW(x.exp_(), ember::Error);
  EXPECT_THROW(x.pow_(2), ember::Error);
  EXPECT_THROW(x.clamp_(0, 1), ember::Error);
  EXPECT_THROW(x.masked_fill_(x > 0, 1.0), ember::Error);
  try {
    x.relu_();
    FAIL() << "relu_ on a leaf that requires grad did not throw";
  } catch (const ember::Error& e) {
    EXPECT_NE(std::string(e.what()).find("relu_: a leaf Variable that requires grad"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(x._version(), 0);
  // Allowed without grad mode, as PyTorch.
  {
    ember::NoGradGuard no_grad;
    x.exp_();
  }
  EXPECT_EQ(x._version(), 1);
}

TEST(ElementwiseGrad, ChangingASavedTensorInPlaceIsDetectedInBackward) {
  Tensor x = dbl(kX, {2, 4}).requires_grad_();
  Tensor y = x.exp();  // saves its output
  y.add_(1);
  try {
    y.backward(w_grad());
    FAIL() << "backward through a changed saved tensor did not throw";
  } catch (const ember::Error& e) {
    EXPECT_NE(std::string(e.what()).find("modified by an inplace operation"), std::string::npos)
        << e.what();
  }
  // sigmoid_ applied to a tensor that pow saved.
  Tensor z = x * 1;
  Tensor p = z.pow(2);
  z.sigmoid_();
  EXPECT_THROW(p.backward(w_grad()), ember::Error);
}

TEST(ElementwiseGrad, MaskedFillInPlaceTakesAnElementOfSelfAsItsValue) {
  Tensor z = dbl({1.0, -2.0, 3.0}, {3});
  z.masked_fill_(z < 0, z[2]);
  expect_values(z, {1.0, 3.0, 3.0});
  Tensor x = dbl({1.0, -2.0, 3.0}, {3}).requires_grad_();
  Tensor y = x * 1;
  y.masked_fill_(y < 0, y[0]);
  expect_values(y, {1.0, 1.0, 3.0});
  EXPECT_EQ(y.grad_fn()->name(), "MaskedFillBackward1");
}

// ---- Recording rules -------------------------------------------------------------------

TEST(ElementwiseGrad, NothingIsRecordedWithoutGradModeOrForNonDifferentiableResults) {
  Tensor x = dbl(kX, {2, 4}).requires_grad_();
  {
    ember::NoGradGuard no_grad;
    EXPECT_FALSE(x.exp().requires_grad());
    EXPECT_FALSE(ember::where(x > 0, x, 0.0).requires_grad());
  }
  EXPECT_FALSE(ember::where(x > 0, 1.0, 0.0).requires_grad());
  EXPECT_FALSE(ember::pow(dbl(kX, {2, 4}), 2).requires_grad());
  // The condition and the mask are not differentiable; only the values are.
  Tensor other = dbl(kOther, {2, 4});
  Tensor y = ember::where(x > 0, other, x);
  EXPECT_TRUE(y.requires_grad());
  y.backward(w_grad());
  expect_values(x.grad(), {-1.0, -0.75, -0.5, 0.0, 0.0, 0.0, 0.5, 0.0});
}

TEST(ElementwiseGrad, SoftmaxWithADtypeGivesTheGradientInTheInputsDtype) {
  Tensor x = ember::tensor(std::vector<float>{1, 2, 3}, ember::kFloat).requires_grad_();
  Tensor y = x.softmax(0, ember::kDouble);
  EXPECT_EQ(y.dtype(), ember::kDouble);
  EXPECT_EQ(y.grad_fn()->name(), "SoftmaxBackward0");
  y.backward(ember::tensor(std::vector<double>{1, 0, 0}, ember::kDouble));
  EXPECT_EQ(x.grad().dtype(), ember::kFloat);
  // d softmax_0 / dx = s0 * (delta - s)
  const double e1 = std::exp(1.0), e2 = std::exp(2.0), e3 = std::exp(3.0);
  const double s0 = e1 / (e1 + e2 + e3), s1 = e2 / (e1 + e2 + e3), s2 = e3 / (e1 + e2 + e3);
  expect_values(x.grad().to(ember::kDouble), {s0 * (1 - s0), -s0 * s1, -s0 * s2}, 1e-6);
}

TEST(ElementwiseGrad, BadArgumentsAreStillReportedWhenRecording) {
  Tensor x = dbl(kX, {2, 4}).requires_grad_();
  EXPECT_THROW(ember::gelu(x, "fast"), ember::Error);
  EXPECT_THROW(x.clamp(std::nullopt, std::nullopt), ember::Error);
  EXPECT_THROW(ember::where(x, x, x), ember::Error);  // a double condition
  EXPECT_THROW(x.masked_fill(x, 1.0), ember::Error);  // a double mask
  Tensor y = x * 1;
  EXPECT_THROW(y.masked_fill_(y > 0, ember::ones({2}, ember::kDouble)), ember::Error);
  EXPECT_THROW(y.masked_fill_(y > 0, Tensor()), ember::Error);
  EXPECT_EQ(y.grad_fn()->name(), "MulBackward1");
}

}  // namespace
