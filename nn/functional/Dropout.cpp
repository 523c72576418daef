// F::dropout as PyTorch's CPU path (_dropout_impl): the input itself when p is 0 or not
// training, input * 0 when p is 1, otherwise input * noise with noise = bernoulli(1 - p) / (1 - p).
// The noise is a constant factor, so the product records the gradient (the noise) through the
// public multiplication. The Bernoulli draws come from uniform numbers (u < 1 - p): Ember's
// masks follow its own generator and do not equal PyTorch's masks for the same seed.

#include "ember/nn/functional/Dropout.h"

#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember::nn::functional {

namespace {

/// 1 with probability `keep`, 0 otherwise, in the dtype and on the device of `like`.
Tensor bernoulli_like(const Tensor& like, double keep) {
  Tensor uniform = ember::empty_like(like);
  uniform.uniform_(0, 1);
  return uniform.lt(keep).to(like.dtype());
}

}  // namespace

Tensor dropout(Tensor input, const DropoutFuncOptions& options) {
  const double p = options.p();
  EMBER_CHECK(p >= 0. && p <= 1., "dropout probability has to be between 0 and 1, but got {}", p);
  if (p == 0 || !options.training() || input.numel() == 0) return input;
  EMBER_CHECK(input.is_floating_point(), "dropout: expected a floating-point input, but got {}",
              dtype_name(input.dtype()));
  if (p == 1) {
    const Tensor zero = ember::zeros({}, input.options().requires_grad(false));
    return options.inplace() ? input.mul_(zero) : ember::mul(input, zero);
  }
  Tensor noise = bernoulli_like(input, 1 - p);
  noise.div_(1 - p);
  return options.inplace() ? input.mul_(noise) : ember::mul(input, noise);
}

}  // namespace ember::nn::functional
