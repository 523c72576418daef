// F::normalize as Python's: input / max(norm_p(input, dim), eps), a composite of public ops.

#include "ember/core/Functions.h"
#include "ember/nn/functional/Normalization.h"

namespace ember::nn::functional {

Tensor normalize(const Tensor& input, NormalizeFuncOptions options) {
  const int64_t dims[] = {options.dim()};
  const Tensor norm = ember::norm(input, Scalar(options.p()), dims, /*keepdim=*/true);
  return input / norm.clamp_min(options.eps()).expand_as(input);
}

}  // namespace ember::nn::functional
