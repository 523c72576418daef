// nn::LayerNorm and nn::GroupNorm: weight ones and bias zeros (PyTorch's reset_parameters()),
// F::layer_norm and F::group_norm.

#include "ember/nn/modules/Normalization.h"

#include <ostream>

#include "ember/core/Check.h"
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

GroupNormImpl::GroupNormImpl(const GroupNormOptions& options_) : options(options_) { reset(); }

void GroupNormImpl::reset() {
  EMBER_CHECK(options.num_groups() > 0 && options.num_channels() % options.num_groups() == 0,
              "num_channels ({}) must be divisible by num_groups ({})", options.num_channels(),
              options.num_groups());
  const bool affine = options.affine();
  const bool has_bias = affine && options.bias();
  weight = register_parameter("weight", affine ? ember::empty({options.num_channels()}) : Tensor(),
                              affine);
  bias = register_parameter("bias", has_bias ? ember::empty({options.num_channels()}) : Tensor(),
                            has_bias);
  reset_parameters();
}

void GroupNormImpl::reset_parameters() {
  NoGradGuard no_grad;
  if (weight.defined()) weight.fill_(1);
  if (bias.defined()) bias.zero_();
}

void GroupNormImpl::pretty_print(std::ostream& stream) const {
  stream << "GroupNorm(" << options.num_groups() << ", " << options.num_channels()
         << ", eps=" << detail::python_float(options.eps())
         << ", affine=" << detail::python_bool(options.affine())
         << ", bias=" << detail::python_bool(bias.defined()) << ")";
}

Tensor GroupNormImpl::forward(const Tensor& input) {
  return functional::group_norm(input, functional::GroupNormFuncOptions(options.num_groups())
                                           .weight(weight)
                                           .bias(bias)
                                           .eps(options.eps()));
}

}  // namespace ember::nn
