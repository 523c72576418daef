#pragma once

// nn::functional activations with libtorch's FuncOptions forms:
// F::relu(x, F::ReLUFuncOptions().inplace(true)), F::leaky_relu(x, ...negative_slope(0.2)),
// F::softmax(x, F::SoftmaxFuncOptions(1).dtype(kDouble)), F::gelu(x, ...approximate("tanh")).
// `inplace` variants modify and return the input, as libtorch's.

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/Activation.h"

namespace ember::nn::functional {

EMBER_API Tensor relu(Tensor input, const ReLUFuncOptions& options = {});
EMBER_API Tensor sigmoid(const Tensor& input);
EMBER_API Tensor tanh(const Tensor& input);
EMBER_API Tensor gelu(const Tensor& input, const GELUFuncOptions& options = {});
EMBER_API Tensor leaky_relu(Tensor input, const LeakyReLUFuncOptions& options = {});
EMBER_API Tensor softmax(const Tensor& input, const SoftmaxFuncOptions& options);
EMBER_API Tensor log_softmax(const Tensor& input, const LogSoftmaxFuncOptions& options);
EMBER_API Tensor softplus(const Tensor& input, const SoftplusFuncOptions& options = {});
EMBER_API Tensor silu(const Tensor& input);
EMBER_API Tensor mish(const Tensor& input);
EMBER_API Tensor elu(Tensor input, const ELUFuncOptions& options = {});
EMBER_API Tensor selu(Tensor input, const SELUFuncOptions& options = {});
EMBER_API Tensor hardtanh(Tensor input, const HardtanhFuncOptions& options = {});
EMBER_API Tensor logsigmoid(const Tensor& input);

}  // namespace ember::nn::functional
