// nn::LayerNorm: weight ones and bias zeros (PyTorch's reset_parameters()), F::layer_norm.

#include "ember/nn/modules/Normalization.h"

#include <ostream>

#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"
#include "ember/nn/functional/Normalization.h"
#include "nn/PythonFormat.h"

namespace ember::nn {

LayerNormImpl::LayerNormImpl(const LayerNormOptions& options_) : options(options_) { reset(); }

void LayerNormImpl::reset() {
  const bool affine = options.elementwise_affine();
  const bool has_bias = affine && options.bias();
  weight = register_parameter("weight",
                              affine ? ember::empty(options.normalized_shape()) : Tensor(), affine);
  bias = register_parameter("bias", has_bias ? ember::empty(options.normalized_shape()) : Tensor(),
                            has_bias);
  reset_parameters();
}

void LayerNormImpl::reset_parameters() {
  NoGradGuard no_grad;
  if (weight.defined()) weight.fill_(1);
  if (bias.defined()) bias.zero_();
}

void LayerNormImpl::pretty_print(std::ostream& stream) const {
  // normalized_shape as a Python tuple: (3,) or (2, 3).
  stream << "LayerNorm((";
  const std::vector<int64_t>& shape = options.normalized_shape();
  for (size_t i = 0; i < shape.size(); ++i) stream << (i > 0 ? ", " : "") << shape[i];
  stream << (shape.size() == 1 ? ",)" : ")") << ", eps=" << detail::python_float(options.eps())
         << ", elementwise_affine=" << detail::python_bool(options.elementwise_affine())
         << ", bias=" << detail::python_bool(bias.defined()) << ")";
}

Tensor LayerNormImpl::forward(const Tensor& input) {
  return functional::layer_norm(input, functional::LayerNormFuncOptions(options.normalized_shape())
                                           .weight(weight)
                                           .bias(bias)
                                           .eps(options.eps()));
}

}  // namespace ember::nn
