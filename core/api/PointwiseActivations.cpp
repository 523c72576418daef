// Public softplus, silu, mish, elu, selu, hardtanh and log_sigmoid (ATen's functions of the
// same names; libtorch has no Tensor methods for them): each records its node for autograd
// when its input requires grad, around the bodies in core/ops/MathOps.cpp.

#include "core/AutogradHooks.h"
#include "core/ops/MathOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {

// SELU's constants (Klambauer et al.), as PyTorch's.
constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kSeluScale = 1.0507009873554804934193349852946;

// elu: scalar0 = alpha, scalar1 = scale, and input_scale as a 0-d double tensor (the
// attributes hold two scalars).
OpAttrs elu_attrs(const Scalar& alpha, const Scalar& scale, const Scalar& input_scale) {
  OpAttrs attrs;
  attrs.scalar0 = alpha;
  attrs.scalar1 = scale;
  attrs.tensors = {full({}, input_scale, kDouble)};
  return attrs;
}

}  // namespace

#define EMBER_DEFINE_ACTIVATION(name)                                     \
  Tensor name(const Tensor& t) {                                          \
    if (!detail::should_record(t)) return native::name(t);                \
    Tensor out = detail::below_autograd([&] { return native::name(t); }); \
    detail::record(GradOp::name, {t}, out);                               \
    return out;                                                           \
  }
EMBER_DEFINE_ACTIVATION(silu)
EMBER_DEFINE_ACTIVATION(mish)
EMBER_DEFINE_ACTIVATION(log_sigmoid)
#undef EMBER_DEFINE_ACTIVATION

Tensor& silu_(Tensor& t) {
  detail::InplaceGuard guard(t, "silu_", GradOp::silu, {t});
  native::silu_(t);
  return guard.commit();
}
Tensor& mish_(Tensor& t) {
  detail::InplaceGuard guard(t, "mish_", GradOp::mish, {t});
  native::mish_(t);
  return guard.commit();
}

// softplus: scalar0 = beta, scalar1 = threshold.
Tensor softplus(const Tensor& t, const Scalar& beta, const Scalar& threshold) {
  if (!detail::should_record(t)) return native::softplus(t, beta, threshold);
  Tensor out = detail::below_autograd([&] { return native::softplus(t, beta, threshold); });
  OpAttrs attrs;
  attrs.scalar0 = beta;
  attrs.scalar1 = threshold;
  detail::record(GradOp::softplus, {t}, out, std::move(attrs));
  return out;
}

Tensor elu(const Tensor& t, const Scalar& alpha, const Scalar& scale, const Scalar& input_scale) {
  if (!detail::should_record(t)) return native::elu(t, alpha, scale, input_scale);
  Tensor out = detail::below_autograd([&] { return native::elu(t, alpha, scale, input_scale); });
  detail::record(GradOp::elu, {t}, out, elu_attrs(alpha, scale, input_scale));
  return out;
}
Tensor& elu_(Tensor& t, const Scalar& alpha, const Scalar& scale, const Scalar& input_scale) {
  detail::InplaceGuard guard(t, "elu_", GradOp::elu, {t}, elu_attrs(alpha, scale, input_scale));
  native::elu_(t, alpha, scale, input_scale);
  return guard.commit();
}

// selu is elu with fixed coefficients (its node is EluBackward0, as PyTorch's).
Tensor selu(const Tensor& t) { return elu(t, kSeluAlpha, kSeluScale, 1); }
Tensor& selu_(Tensor& t) { return elu_(t, kSeluAlpha, kSeluScale, 1); }

// hardtanh: scalar0 = min_val, scalar1 = max_val.
Tensor hardtanh(const Tensor& t, const Scalar& min_val, const Scalar& max_val) {
  if (!detail::should_record(t)) return native::hardtanh(t, min_val, max_val);
  Tensor out = detail::below_autograd([&] { return native::hardtanh(t, min_val, max_val); });
  OpAttrs attrs;
  attrs.scalar0 = min_val;
  attrs.scalar1 = max_val;
  detail::record(GradOp::hardtanh, {t}, out, std::move(attrs));
  return out;
}
Tensor& hardtanh_(Tensor& t, const Scalar& min_val, const Scalar& max_val) {
  OpAttrs attrs;
  attrs.scalar0 = min_val;
  attrs.scalar1 = max_val;
  detail::InplaceGuard guard(t, "hardtanh_", GradOp::hardtanh, {t}, std::move(attrs));
  native::hardtanh_(t, min_val, max_val);
  return guard.commit();
}

}  // namespace ember
