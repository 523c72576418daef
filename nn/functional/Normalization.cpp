// F::layer_norm as a composite of public ops (so first and second derivatives come from
// autograd): PyTorch's formula with the biased variance and eps inside the square root.

#include "ember/nn/functional/Normalization.h"

#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember::nn::functional {

Tensor layer_norm(const Tensor& input, const LayerNormFuncOptions& options) {
  const std::vector<int64_t>& shape = options.normalized_shape();
  const auto count = static_cast<int64_t>(shape.size());
  EMBER_CHECK(count >= 1,
              "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least "
              "one element, but got normalized_shape = {}",
              shape);
  const Tensor& weight = options.weight();
  const Tensor& bias = options.bias();
  EMBER_CHECK(!weight.defined() || weight.sizes().vec() == shape,
              "Expected weight to be of same shape as normalized_shape, but got weight of shape "
              "{} and normalized_shape = {}",
              weight.sizes().vec(), shape);
  EMBER_CHECK(!bias.defined() || bias.sizes().vec() == shape,
              "Expected bias to be of same shape as normalized_shape, but got bias of shape {} "
              "and normalized_shape = {}",
              bias.sizes().vec(), shape);
  const int64_t first = input.dim() - count;
  bool matches = first >= 0;
  for (int64_t i = 0; matches && i < count; ++i) matches = input.size(first + i) == shape[i];
  EMBER_CHECK(matches,
              "Given normalized_shape={}, expected input with shape [*, {}], but got input of "
              "size{}",
              shape, fmt::join(shape, ", "), input.sizes().vec());

  std::vector<int64_t> dims(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) dims[static_cast<size_t>(i)] = first + i;
  const Tensor centered = input - ember::mean(input, dims, /*keepdim=*/true);
  const Tensor variance = ember::mean(centered.square(), dims, /*keepdim=*/true);
  Tensor out = centered * ember::rsqrt(variance + options.eps());
  if (weight.defined()) out = out * weight;
  if (bias.defined()) out = out + bias;
  return out;
}

}  // namespace ember::nn::functional
