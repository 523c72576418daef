// nn::functional activations against PyTorch's values and gradients, their gradient checks,
// in-place forms and options.

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "LayersTestUtils.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember_test::tensors_close;
using ember_test::throws_error_with;

struct ActivationCase {
  std::string name;
  std::function<Tensor(const Tensor&)> fn;
  const std::vector<double>& out;
  const std::vector<double>& grad;
};

std::vector<ActivationCase> activation_cases() {
  using namespace layers_reference;
  return {
      {"relu", [](const Tensor& x) { return F::relu(x); }, relu_out, relu_grad},
      {"sigmoid", [](const Tensor& x) { return F::sigmoid(x); }, sigmoid_out, sigmoid_grad},
      {"tanh", [](const Tensor& x) { return F::tanh(x); }, tanh_out, tanh_grad},
      {"gelu", [](const Tensor& x) { return F::gelu(x); }, gelu_out, gelu_grad},
      {"gelu_tanh",
       [](const Tensor& x) { return F::gelu(x, F::GELUFuncOptions().approximate("tanh")); },
       gelu_tanh_out, gelu_tanh_grad},
      {"leaky_relu", [](const Tensor& x) { return F::leaky_relu(x); }, leaky_relu_out,
       leaky_relu_grad},
      {"leaky_relu_02",
       [](const Tensor& x) {
         return F::leaky_relu(x, F::LeakyReLUFuncOptions().negative_slope(0.2));
       },
       leaky_relu_02_out, leaky_relu_02_grad},
      {"softmax_1", [](const Tensor& x) { return F::softmax(x, 1); }, softmax_1_out,
       softmax_1_grad},
      {"softmax_0", [](const Tensor& x) { return F::softmax(x, F::SoftmaxFuncOptions(0)); },
       softmax_0_out, softmax_0_grad},
      {"log_softmax_1", [](const Tensor& x) { return F::log_softmax(x, 1); }, log_softmax_1_out,
       log_softmax_1_grad},
      {"log_softmax_m2",
       [](const Tensor& x) { return F::log_softmax(x, F::LogSoftmaxFuncOptions(-2)); },
       log_softmax_m2_out, log_softmax_m2_grad},
  };
}

TEST(ActivationFunctional, ValuesAndGradientsMatchPyTorch) {
  for (const ActivationCase& c : activation_cases()) {
    SCOPED_TRACE(c.name);
    const Tensor x = REF(act_x).requires_grad_();
    const Tensor out = c.fn(x);
    EXPECT_TRUE(
        tensors_close(out, layers_test::ref(c.out, layers_reference::act_x_shape), 1e-12, 1e-14));
    (out * REF(act_grad_out)).sum().backward();
    EXPECT_TRUE(tensors_close(x.grad(), layers_test::ref(c.grad, layers_reference::act_x_shape),
                              1e-12, 1e-14));
  }
}

TEST(ActivationFunctional, FloatInputsGiveFloatResultsCloseToPyTorch) {
  for (const ActivationCase& c : activation_cases()) {
    SCOPED_TRACE(c.name);
    const Tensor out = c.fn(REF(act_x).to(ember::kFloat));
    EXPECT_TRUE(tensors_close(
        out, layers_test::ref(c.out, layers_reference::act_x_shape, ember::kFloat), 1e-5, 1e-6));
  }
}

TEST(ActivationFunctional, FirstAndSecondDerivativesPassGradcheck) {
  for (const ActivationCase& c : activation_cases()) {
    if (c.name == "relu" || c.name.rfind("leaky_relu", 0) == 0) continue;  // kinks: below
    SCOPED_TRACE(c.name);
    layers_test::expect_gradients_check(
        [&](const auto& in) { return std::vector<Tensor>{c.fn(in[0])}; },
        {REF(act_x).requires_grad_()});
  }
  // relu and leaky_relu away from their kink at 0.
  const Tensor away_from_zero = (REF(act_x) + 0.05).requires_grad_();
  for (const ActivationCase& c : activation_cases()) {
    if (c.name != "relu" && c.name.rfind("leaky_relu", 0) != 0) continue;
    SCOPED_TRACE(c.name);
    layers_test::expect_gradients_check(
        [&](const auto& in) { return std::vector<Tensor>{c.fn(in[0])}; }, {away_from_zero});
  }
}

TEST(ActivationFunctional, SoftmaxDtypeConvertsTheInputFirst) {
  const Tensor out =
      F::softmax(REF(act_x).to(ember::kFloat), F::SoftmaxFuncOptions(1).dtype(ember::kDouble));
  EXPECT_EQ(out.dtype(), ember::kDouble);
  EXPECT_TRUE(tensors_close(out, REF(softmax_dtype_out), 1e-15, 1e-15));
  const Tensor log_out = F::log_softmax(REF(act_x).to(ember::kFloat),
                                        F::LogSoftmaxFuncOptions(1).dtype(ember::kDouble));
  EXPECT_TRUE(tensors_close(log_out, REF(softmax_dtype_out).log(), 1e-12, 1e-14));
}

TEST(ActivationFunctional, InplaceFormsModifyAndReturnTheInput) {
  Tensor x = REF(act_x).clone();
  Tensor y = F::relu(x, F::ReLUFuncOptions().inplace(true));
  EXPECT_TRUE(y.is_same(x));
  EXPECT_TRUE(tensors_close(x, REF(relu_out), 0, 0));
  Tensor z = REF(act_x).clone();
  Tensor w = F::relu(z, /*inplace=*/true);  // ReLUFuncOptions is implicit from the flag
  EXPECT_TRUE(w.is_same(z));

  Tensor a = REF(act_x).clone();
  Tensor b = F::leaky_relu(a, F::LeakyReLUFuncOptions().negative_slope(0.2).inplace(true));
  EXPECT_TRUE(b.is_same(a));
  EXPECT_TRUE(tensors_close(a, REF(leaky_relu_02_out), 0, 0));
  Tensor f = REF(act_x).to(ember::kFloat);
  F::leaky_relu(f, F::LeakyReLUFuncOptions().inplace(true));
  EXPECT_TRUE(tensors_close(f, ember::leaky_relu(REF(act_x).to(ember::kFloat)), 0, 0));
}

TEST(ActivationFunctional, InplaceFormsRecordTheGradientOfTheirOutOfPlaceForms) {
  for (const double slope : {0.01, 0.2}) {
    const Tensor x = REF(act_x).requires_grad_();
    Tensor y = x * 1.0;  // in-place ops need a non-leaf
    F::leaky_relu(y, F::LeakyReLUFuncOptions().negative_slope(slope).inplace(true));
    (y * REF(act_grad_out)).sum().backward();
    const Tensor expected_grad = slope == 0.2 ? REF(leaky_relu_02_grad) : REF(leaky_relu_grad);
    EXPECT_TRUE(tensors_close(x.grad(), expected_grad, 0, 0));
  }
  const Tensor x = REF(act_x).requires_grad_();
  Tensor y = x * 1.0;
  F::relu(y, true);
  (y * REF(act_grad_out)).sum().backward();
  EXPECT_TRUE(tensors_close(x.grad(), REF(relu_grad), 0, 0));
  // Second derivatives of the in-place leaky_relu.
  layers_test::expect_gradients_check(
      [](const auto& in) {
        Tensor t = in[0] * 1.0;
        return std::vector<Tensor>{
            F::leaky_relu(t, F::LeakyReLUFuncOptions().negative_slope(0.3).inplace(true)) * in[0]};
      },
      {(REF(act_x) + 0.05).requires_grad_()});
}

TEST(ActivationFunctional, BadOptionsThrowEmberErrors) {
  const Tensor x = REF(act_x);
  EXPECT_TRUE(throws_error_with([&] { F::gelu(x, F::GELUFuncOptions().approximate("fast")); },
                                "approximate argument must be either none or tanh"));
  EXPECT_TRUE(throws_error_with([&] { F::softmax(x, 2); }, "out of range"));
  EXPECT_TRUE(throws_error_with([&] { F::log_softmax(x, -3); }, "out of range"));
  Tensor ints = ember::tensor({1, -2});
  EXPECT_TRUE(
      throws_error_with([&] { F::leaky_relu(ints, F::LeakyReLUFuncOptions().inplace(true)); },
                        "leaky_relu_: not implemented for"));
}

}  // namespace
