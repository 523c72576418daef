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

}  // namespace ember::nn::functional
