// Custom autograd functions written as libtorch writes them: the examples of libtorch's
// "Custom autograd function" tutorial, gradcheck and double backward through them, and what
// the context does (saved tensors and data, dirty and non-differentiable outputs,
// materialized gradients, needs_input_grad) with libtorch's errors.

#include <gtest/gtest.h>

#include <string>

#include "autograd/GradTestUtils.h"
#include "ember/ember.h"

// libtorch's tutorial examples, as written there (at namespace scope, so that their nodes'
// names are the plain class names).

using ember::Tensor;
using ember::autograd::AutogradContext;
using ember::autograd::Function;
using ember::autograd::tensor_list;

class LinearFunction : public Function<LinearFunction> {
 public:
  static Tensor forward(AutogradContext* ctx, Tensor input, Tensor weight, Tensor bias = Tensor()) {
    ctx->save_for_backward({input, weight, bias});
    auto output = input.mm(weight.t());
    if (bias.defined()) {
      output += bias.unsqueeze(0).expand_as(output);
    }
    return output;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grad_outputs) {
    auto saved = ctx->get_saved_variables();
    auto input = saved[0];
    auto weight = saved[1];
    auto bias = saved[2];

    auto grad_output = grad_outputs[0];
    auto grad_input = grad_output.mm(weight);
    auto grad_weight = grad_output.t().mm(input);
    auto grad_bias = Tensor();
    if (bias.defined()) {
      grad_bias = grad_output.sum(0);
    }
    return {grad_input, grad_weight, grad_bias};
  }
};

class MulConstant : public Function<MulConstant> {
 public:
  static Tensor forward(AutogradContext* ctx, Tensor tensor, double constant) {
    ctx->saved_data["constant"] = constant;
    return tensor * constant;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grad_outputs) {
    return {grad_outputs[0] * ctx->saved_data["constant"].toDouble(), Tensor()};
  }
};

struct ScaleInPlace : Function<ScaleInPlace> {
  static Tensor forward(AutogradContext* ctx, Tensor t) {
    t.mul_(2);
    ctx->mark_dirty({t});
    return t;
  }
  static ember::autograd::variable_list backward(AutogradContext*,
                                                 ember::autograd::variable_list g) {
    return {g[0] * 2};
  }
};

namespace {

using ember::autograd::variable_list;

Tensor leaf(std::initializer_list<double> values) {
  return ember::tensor(std::vector<double>(values), ember::kDouble).requires_grad_();
}

using ember_test::expect_values;

void expect_close(const Tensor& actual, const Tensor& expected) {
  ASSERT_EQ(actual.sizes(), expected.sizes());
  EXPECT_TRUE(ember::allclose(actual, expected, 1e-12, 1e-12)) << "actual:\n"
                                                               << actual << "\nexpected:\n"
                                                               << expected;
}

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ember::Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(CustomFunction, MulConstantOfTheLibtorchTutorial) {
  Tensor x = leaf({1, -2, 3});
  Tensor y = MulConstant::apply(x, 5.5);
  expect_values(y, {5.5, -11, 16.5});
  ASSERT_TRUE(y.grad_fn());
  EXPECT_EQ(y.grad_fn()->name(), "torch::autograd::CppNode<MulConstant>");
  EXPECT_EQ(y.grad_fn()->next_edges().size(), 1u);
  EXPECT_FALSE(y.is_leaf());
  y.backward(ember::ones({3}, ember::kDouble));
  expect_values(x.grad(), {5.5, 5.5, 5.5});
  // Drawn by to_dot under its name without libtorch's namespace.
  const std::string dot = ember::autograd::to_dot(MulConstant::apply(x, 2.0));
  EXPECT_NE(dot.find("[label=\"CppNode<MulConstant>\"]"), std::string::npos) << dot;
}

TEST(CustomFunction, LinearFunctionOfTheLibtorchTutorial) {
  const Tensor x_value = ember::arange(6, ember::kDouble)
                             .view({2, 3})
                             .mul(0.5)
                             .sub(1);  // [[-1, -.5, 0], [.5, 1, 1.5]]
  const Tensor w_value = ember::arange(12, ember::kDouble).view({4, 3}).mul(0.25).sub(1.5);
  Tensor x = x_value.clone().requires_grad_();
  Tensor weight = w_value.clone().requires_grad_();
  Tensor y = LinearFunction::apply(x, weight);
  expect_close(y, ember::mm(x_value, w_value.t()));
  const Tensor g = ember::ones({2, 4}, ember::kDouble);
  y.backward(g);
  expect_close(x.grad(), ember::mm(g, w_value));
  expect_close(weight.grad(), ember::mm(g.t(), x_value));

  // An undefined bias passed explicitly is a tensor argument without a gradient.
  Tensor y_undefined_bias = LinearFunction::apply(x, weight, Tensor());
  EXPECT_EQ(y_undefined_bias.grad_fn()->next_edges().size(), 3u);
  EXPECT_FALSE(y_undefined_bias.grad_fn()->next_edges()[2].is_valid());
  x.mutable_grad() = Tensor();
  y_undefined_bias.backward(g);
  expect_close(x.grad(), ember::mm(g, w_value));

  // With a bias: three tensor arguments, three gradients.
  Tensor bias = leaf({1, 2, 3, 4});
  x.mutable_grad() = Tensor();
  Tensor yb = LinearFunction::apply(x, weight, bias);
  expect_close(yb, ember::mm(x_value, w_value.t()) + bias.detach());
  EXPECT_EQ(yb.grad_fn()->next_edges().size(), 3u);
  yb.backward(g);
  expect_values(bias.grad(), {2, 2, 2, 2});
  expect_close(x.grad(), ember::mm(g, w_value));
}

TEST(CustomFunction, GradcheckOfTheLinearFunction) {
  Tensor x = ember::arange(6, ember::kDouble).view({2, 3}).mul(0.3).sub(0.7).requires_grad_();
  Tensor w = ember::arange(12, ember::kDouble).view({4, 3}).mul(0.1).sub(0.5).requires_grad_();
  Tensor b = leaf({0.5, -0.25, 1, 2});
  EXPECT_TRUE(ember::autograd::gradcheck(
      [](const variable_list& in) {
        return variable_list{LinearFunction::apply(in[0], in[1], in[2])};
      },
      {x, w, b}));
}

// ---- functions whose backward is written in (recorded) ops: double backward ----

// y = x^3, saving the input; backward 3 x^2 g.
class Cube : public Function<Cube> {
 public:
  static Tensor forward(AutogradContext* ctx, const Tensor& x) {
    ctx->save_for_backward({x});
    return x * x * x;
  }
  static variable_list backward(AutogradContext* ctx, variable_list grad_outputs) {
    const Tensor x = ctx->get_saved_variables()[0];
    return {grad_outputs[0] * x * x * 3};
  }
};

// y = exp(x), saving the output (its own derivative), as the classic example does.
class Exp : public Function<Exp> {
 public:
  static Tensor forward(AutogradContext* ctx, const Tensor& x) {
    Tensor result = x.exp();
    ctx->save_for_backward({result});
    return result;
  }
  static variable_list backward(AutogradContext* ctx, variable_list grad_outputs) {
    return {grad_outputs[0] * ctx->get_saved_variables()[0]};
  }
};

TEST(CustomFunction, GradcheckAndGradgradcheckOfACustomFunction) {
  Tensor x = leaf({0.5, -1.25, 2, 0.1});
  const ember::autograd::GradCheckFn cube = [](const variable_list& in) {
    return variable_list{Cube::apply(in[0])};
  };
  EXPECT_TRUE(ember::autograd::gradcheck(cube, {x}));
  EXPECT_TRUE(ember::autograd::gradgradcheck(cube, {x}));
}

TEST(CustomFunction, DoubleBackwardThroughABackwardWrittenInOps) {
  Tensor x = leaf({3, -2});
  Tensor y = Cube::apply(x);
  auto g = ember::autograd::grad({y}, {x}, {ember::ones({2}, ember::kDouble)}, std::nullopt,
                                 /*create_graph=*/true);
  expect_values(g[0], {27, 12});
  ASSERT_TRUE(g[0].requires_grad());
  auto g2 = ember::autograd::grad({g[0]}, {x}, {ember::ones({2}, ember::kDouble)});
  expect_values(g2[0], {18, -12});
}

TEST(CustomFunction, SavedOutputGetsItsHistoryBackForDoubleBackward) {
  Tensor x = leaf({0.5, -1});
  Tensor y = Exp::apply(x);
  const Tensor ex = x.detach().exp();
  expect_close(y, ex);
  auto g = ember::autograd::grad({y}, {x}, {ember::ones({2}, ember::kDouble)}, std::nullopt,
                                 /*create_graph=*/true);
  expect_close(g[0], ex);
  // The saved output is y itself: its gradient flows back through the same node.
  auto g2 = ember::autograd::grad({g[0]}, {x}, {ember::ones({2}, ember::kDouble)});
  expect_close(g2[0], ex);
}

TEST(CustomFunction, BackwardTwiceWithoutRetainGraphIsTheLibtorchError) {
  Tensor x = leaf({1, 2});
  Tensor y = Cube::apply(x);
  y.backward(ember::ones({2}, ember::kDouble), /*retain_graph=*/true);
  y.backward(ember::ones({2}, ember::kDouble));
  expect_values(x.grad(), {6, 24});
  EXPECT_NE(error_of([&] {
              y.backward(ember::ones({2}, ember::kDouble));
            }).find("Trying to backward through the graph a second time"),
            std::string::npos);
}

// ---- the context ----

struct NeedsInputGrad : Function<NeedsInputGrad> {
  static inline std::vector<bool> seen;
  static Tensor forward(AutogradContext*, const Tensor& a, int64_t /*unused*/, const Tensor& b) {
    return a * b;
  }
  static variable_list backward(AutogradContext* ctx, variable_list g) {
    seen = {ctx->needs_input_grad(0), ctx->needs_input_grad(1), ctx->needs_input_grad({0, 1})};
    return {g[0], Tensor(), g[0]};
  }
};

TEST(CustomFunction, NeedsInputGradCountsTensorArgumentsOnly) {
  Tensor a = leaf({1, 2});
  Tensor b = ember::ones({2}, ember::kDouble);
  Tensor y = NeedsInputGrad::apply(a, int64_t{7}, b);
  y.backward(ember::ones({2}, ember::kDouble));
  EXPECT_EQ(NeedsInputGrad::seen, (std::vector<bool>{true, false, true}));
  expect_values(a.grad(), {1, 1});
}

struct TwoOutputs : Function<TwoOutputs> {
  static inline bool second_defined = false;
  static inline Tensor second_grad;
  static variable_list forward(AutogradContext* ctx, const Tensor& x, bool materialize) {
    ctx->set_materialize_grads(materialize);
    Tensor doubled = x * 2;
    Tensor tripled = x * 3;
    ctx->mark_non_differentiable({tripled});
    return {doubled, tripled};
  }
  static variable_list backward(AutogradContext*, variable_list g) {
    second_defined = g[1].defined();
    second_grad = g[1];
    return {g[0] * 2, Tensor()};
  }
};

TEST(CustomFunction, NonDifferentiableOutputsAndMaterializedGradients) {
  Tensor x = leaf({1, 2});
  variable_list outs = TwoOutputs::apply(x, true);
  ASSERT_EQ(outs.size(), 2u);
  EXPECT_TRUE(outs[0].requires_grad());
  EXPECT_FALSE(outs[1].requires_grad());
  EXPECT_FALSE(outs[1].grad_fn());
  expect_values(outs[1], {3, 6});
  outs[0].backward(ember::ones({2}, ember::kDouble));
  EXPECT_TRUE(TwoOutputs::second_defined);
  expect_values(TwoOutputs::second_grad, {0, 0});
  expect_values(x.grad(), {2, 2});

  variable_list again = TwoOutputs::apply(x, false);
  again[0].backward(ember::ones({2}, ember::kDouble));
  EXPECT_FALSE(TwoOutputs::second_defined);
  expect_values(x.grad(), {4, 4});
}

TEST(CustomFunction, MarkDirtyMakesTheFunctionTheInputsHistory) {
  Tensor x = leaf({1, 2, 3});
  Tensor h = x * 1;
  Tensor probe = ember::ones({1});
  probe.mul_(2);
  const uint32_t bumps_of_mul_ = probe._version();
  const uint32_t version = h._version();
  Tensor y = ScaleInPlace::apply(h);
  EXPECT_EQ(y.unsafeGetTensorImpl(), h.unsafeGetTensorImpl());
  // The bumps of mul_, then one by mark_dirty (as libtorch).
  EXPECT_EQ(h._version(), version + bumps_of_mul_ + 1);
  EXPECT_EQ(h.grad_fn()->name(), "torch::autograd::CppNode<ScaleInPlace>");
  expect_values(h, {2, 4, 6});
  y.backward(ember::ones({3}, ember::kDouble));
  expect_values(x.grad(), {2, 2, 2});

  Tensor leaf_x = leaf({1});
  EXPECT_EQ(error_of([&] { ScaleInPlace::apply(leaf_x); }),
            "a leaf Variable that requires grad has been used in an in-place operation.");
}

struct DirtyNotReturned : Function<DirtyNotReturned> {
  static Tensor forward(AutogradContext* ctx, Tensor t) {
    t.mul_(2);
    ctx->mark_dirty({t});
    return t * 1;
  }
  static variable_list backward(AutogradContext*, variable_list g) { return {g[0] * 2}; }
};

TEST(CustomFunction, DirtyInputsMustBeReturned) {
  Tensor h = leaf({1}) * 1;
  EXPECT_EQ(error_of([&] { DirtyNotReturned::apply(h); }),
            "Some elements marked as dirty during the forward method were not returned as output. "
            "The inputs that are modified inplace must all be outputs of the Function.");
}

struct Identity : Function<Identity> {
  static Tensor forward(AutogradContext*, Tensor t) { return t; }
  static variable_list backward(AutogradContext*, variable_list g) { return {g[0] * 3}; }
};

TEST(CustomFunction, AnInputReturnedAsItIsBecomesANewTensor) {
  Tensor x = leaf({1, 2});
  Tensor y = Identity::apply(x);
  EXPECT_NE(y.unsafeGetTensorImpl(), x.unsafeGetTensorImpl());
  EXPECT_EQ(y.data_ptr(), x.data_ptr());
  EXPECT_TRUE(x.is_leaf());
  EXPECT_EQ(y.grad_fn()->name(), "torch::autograd::CppNode<(anonymous namespace)::Identity>");
  y.backward(ember::ones({2}, ember::kDouble));
  expect_values(x.grad(), {3, 3});
}

TEST(CustomFunction, NoRecordingWithoutGradModeOrInputsThatRequireGrad) {
  Tensor x = leaf({1, 2});
  {
    ember::NoGradGuard no_grad;
    Tensor y = MulConstant::apply(x, 2.0);
    EXPECT_FALSE(y.requires_grad());
    EXPECT_FALSE(y.grad_fn());
  }
  Tensor plain = ember::ones({2}, ember::kDouble);
  Tensor y = Cube::apply(plain);
  EXPECT_FALSE(y.requires_grad());
  expect_values(y, {1, 1});
}

struct WrongCount : Function<WrongCount> {
  static Tensor forward(AutogradContext*, const Tensor& t, double) { return t * 2; }
  static variable_list backward(AutogradContext*, variable_list g) { return {g[0]}; }
};
struct GradientForANonTensor : Function<GradientForANonTensor> {
  static Tensor forward(AutogradContext*, const Tensor& t, double) { return t * 2; }
  static variable_list backward(AutogradContext*, variable_list g) { return {g[0], g[0]}; }
};

TEST(CustomFunction, WrongGradientsFromBackwardAreTheLibtorchErrors) {
  Tensor x = leaf({1});
  Tensor y = WrongCount::apply(x, 1.0);
  EXPECT_EQ(error_of([&] { y.backward(); }),
            "function torch::autograd::CppNode<(anonymous namespace)::WrongCount> returned an "
            "incorrect number of gradients (expected 2, got 1)");
  Tensor z = GradientForANonTensor::apply(x, 1.0);
  EXPECT_EQ(error_of([&] { z.backward(); }),
            "function torch::autograd::CppNode<(anonymous namespace)::GradientForANonTensor> "
            "returned a gradient different that is defined at position 2, std the corresponding "
            "forward input was not a Variable");
}

struct SavedData : Function<SavedData> {
  static Tensor forward(AutogradContext* ctx, const Tensor& t) {
    ctx->saved_data["scale"] = 2.5;
    ctx->saved_data["count"] = 3;
    ctx->saved_data["flag"] = true;
    ctx->saved_data["name"] = "scaled";
    ctx->saved_data["sizes"] = t.sizes();
    ctx->saved_data["tensor"] = t.detach();
    return t * 2.5;
  }
  static variable_list backward(AutogradContext* ctx, variable_list g) {
    EXPECT_EQ(ctx->saved_data["count"].toInt(), 3);
    EXPECT_TRUE(ctx->saved_data["flag"].toBool());
    EXPECT_EQ(ctx->saved_data["name"].toStringRef(), "scaled");
    EXPECT_EQ(ctx->saved_data["sizes"].toIntVector(), (std::vector<int64_t>{2}));
    EXPECT_TRUE(ctx->saved_data["tensor"].isTensor());
    return {g[0] * ctx->saved_data["scale"].toDouble() + ctx->saved_data["tensor"].toTensor() * 0};
  }
};

TEST(CustomFunction, SavedDataKeepsValuesOfEveryKind) {
  Tensor x = leaf({1, 2});
  SavedData::apply(x).backward(ember::ones({2}, ember::kDouble));
  expect_values(x.grad(), {2.5, 2.5});
}

TEST(IValue, AccessorsAndWrongKindErrors) {
  ember::IValue i = int64_t{4};
  EXPECT_EQ(i.toInt(), 4);
  EXPECT_EQ(i.toDouble(), 4.0);
  EXPECT_EQ(error_of([&] { (void)i.toBool(); }), "Expected Bool but got Int");
  ember::IValue none;
  EXPECT_TRUE(none.isNone());
  EXPECT_EQ(error_of([&] { (void)none.toTensor(); }), "Expected Tensor but got None");
  ember::IValue s = std::string("a");
  EXPECT_EQ(error_of([&] { (void)s.toIntVector(); }), "Expected IntList but got String");
  EXPECT_EQ(error_of([&] { (void)s.toDouble(); }), "Expected Double but got String");
}

}  // namespace
