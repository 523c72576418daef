// F::group_norm as a composite of public ops (first and second derivatives come from
// autograd): the channels split into groups, each normalised with its biased variance, then
// the per-channel affine transform.

#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/nn/functional/Normalization.h"
#include "nn/functional/ChannelAffine.h"

namespace ember::nn::functional {

Tensor group_norm(const Tensor& input, const GroupNormFuncOptions& options) {
  EMBER_CHECK(input.dim() >= 2, "Expected at least 2 dimensions for input tensor but received {}",
              input.dim());
  const int64_t groups = options.num_groups();
  const int64_t batch = input.size(0);
  const int64_t channels = input.size(1);
  EMBER_CHECK(groups > 0, "Expected num_groups to be positive, but got num_groups={}", groups);
  EMBER_CHECK(channels % groups == 0,
              "Expected number of channels in input to be divisible by num_groups, but got input "
              "of shape {} and num_groups={}",
              input.sizes().vec(), groups);
  detail::check_channel_vector(options.weight(), "weight", input);
  detail::check_channel_vector(options.bias(), "bias", input);
  int64_t group_size = channels / groups;
  for (int64_t d = 2; d < input.dim(); ++d) group_size *= input.size(d);
  // Python's _verify_batch_size on [N * C / G, G, *spatial]: one value per group cannot be
  // normalised.
  EMBER_CHECK(batch * group_size != 1,
              "Expected more than 1 value per channel when training, got input size {}",
              input.sizes().vec());

  // var() and mean() rather than the mean of the squared deviations: their backward formulas
  // are a few times faster than the composite's.
  const Tensor grouped = input.reshape({batch, groups, group_size});
  const Tensor variance = grouped.var({2}, /*unbiased=*/false, /*keepdim=*/true);
  const Tensor centered = grouped - grouped.mean({2}, /*keepdim=*/true);
  const Tensor normalized = (centered * ember::rsqrt(variance + options.eps())).view(input.sizes());
  return detail::channel_affine(normalized, options.weight(), options.bias());
}

}  // namespace ember::nn::functional
