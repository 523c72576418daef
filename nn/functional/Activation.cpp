// nn::functional activations: thin forms over the core ops (which record their own
// gradients), with libtorch's options and in-place variants.

#include "ember/nn/functional/Activation.h"

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::nn::functional {

Tensor relu(Tensor input, const ReLUFuncOptions& options) {
  if (options.inplace()) return input.relu_();
  return ember::relu(input);
}

Tensor sigmoid(const Tensor& input) { return ember::sigmoid(input); }

Tensor tanh(const Tensor& input) { return ember::tanh(input); }

Tensor gelu(const Tensor& input, const GELUFuncOptions& options) {
  return ember::gelu(input, options.approximate());
}

Tensor leaky_relu(Tensor input, const LeakyReLUFuncOptions& options) {
  if (!options.inplace()) return ember::leaky_relu(input, options.negative_slope());
  EMBER_CHECK(input.is_floating_point(), "leaky_relu_: not implemented for {} on {}", input.dtype(),
              input.device());
  // In place as a multiplication by 1 (positive elements) or the slope (the others): the
  // factor is computed before the input changes, so the in-place product records a correct
  // gradient (the factor) while the values equal leaky_relu's (x * 1 is exact).
  const Tensor factor = ember::where(input.gt(0), ember::ones_like(input),
                                     ember::full_like(input, options.negative_slope()));
  return input.mul_(factor);
}

Tensor softmax(const Tensor& input, const SoftmaxFuncOptions& options) {
  return ember::softmax(input, options.dim(), options.dtype());
}

Tensor log_softmax(const Tensor& input, const LogSoftmaxFuncOptions& options) {
  return ember::log_softmax(input, options.dim(), options.dtype());
}

Tensor softplus(const Tensor& input, const SoftplusFuncOptions& options) {
  return ember::softplus(input, options.beta(), options.threshold());
}

Tensor silu(const Tensor& input) { return ember::silu(input); }

Tensor mish(const Tensor& input) { return ember::mish(input); }

Tensor elu(Tensor input, const ELUFuncOptions& options) {
  if (options.inplace()) return ember::elu_(input, options.alpha());
  return ember::elu(input, options.alpha());
}

Tensor selu(Tensor input, const SELUFuncOptions& options) {
  if (options.inplace()) return ember::selu_(input);
  return ember::selu(input);
}

Tensor hardtanh(Tensor input, const HardtanhFuncOptions& options) {
  if (options.inplace()) return ember::hardtanh_(input, options.min_val(), options.max_val());
  return ember::hardtanh(input, options.min_val(), options.max_val());
}

Tensor logsigmoid(const Tensor& input) { return ember::log_sigmoid(input); }

}  // namespace ember::nn::functional
