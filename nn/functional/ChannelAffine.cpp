#include "nn/functional/ChannelAffine.h"

#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::nn::detail {

void check_channel_vector(const Tensor& vector, std::string_view name, const Tensor& input) {
  EMBER_CHECK(!vector.defined() || (vector.dim() == 1 && vector.numel() == input.size(1)),
              "Expected {} to be a vector of size equal to the number of channels in input, but "
              "got {} of shape {} and input of shape {}",
              name, name, vector.sizes().vec(), input.sizes().vec());
}

Tensor along_channels(const Tensor& vector, int64_t dims) {
  std::vector<int64_t> shape(static_cast<size_t>(dims), 1);
  shape[1] = vector.numel();
  return vector.view(shape);
}

Tensor channel_affine(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  Tensor out = x;
  if (weight.defined()) out = out * along_channels(weight, x.dim());
  if (bias.defined()) out = out + along_channels(bias, x.dim());
  return out;
}

}  // namespace ember::nn::detail
