// Autograd-free bodies of the activations gelu and leaky_relu (relu, sigmoid and tanh are
// unary ops, in UnaryOps.cpp; public front ends in core/api/Activation.cpp). Both keep the
// input's dtype and accept floating types only.

#include <string_view>

#include "core/ops/ElementwiseOps.h"
#include "core/ops/ScalarRange.h"
#include "core/ops/UnaryOps.h"
#include "ember/core/Functions.h"

namespace ember::native {

using detail::Kernel;
using detail::ResultKind;

Tensor gelu(const Tensor& t, std::string_view approximate) {
  EMBER_CHECK(approximate == "none" || approximate == "tanh",
              "approximate argument must be either none or tanh. (got \"{}\")", approximate);
  const Scalar use_tanh(static_cast<int64_t>(approximate == "tanh" ? 1 : 0));
  return detail::unary_op<Kernel::gelu>("gelu", t, ResultKind::kCommon, use_tanh, Scalar(0));
}

Tensor leaky_relu(const Tensor& t, const Scalar& negative_slope) {
  if (is_floating_type(t.dtype())) detail::check_scalar_fits(negative_slope, t.dtype());
  return detail::unary_op<Kernel::leaky_relu>("leaky_relu", t, ResultKind::kCommon, negative_slope,
                                              Scalar(0));
}

}  // namespace ember::native
