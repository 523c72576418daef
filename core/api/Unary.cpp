// Public unary elementwise ops, their methods and in-place forms: each records its node for
// autograd when its input requires grad, around the body in core/ops/UnaryOps.cpp.

#include "core/AutogradHooks.h"
#include "core/ops/UnaryOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;

// The free function, the method and the in-place method of one unary op. No formula reads
// attributes.
#define EMBER_DEFINE_UNARY(name)                                          \
  Tensor name(const Tensor& t) {                                          \
    if (!detail::should_record(t)) return native::name(t);                \
    Tensor out = detail::below_autograd([&] { return native::name(t); }); \
    detail::record(GradOp::name, {t}, out);                               \
    return out;                                                           \
  }                                                                       \
  Tensor Tensor::name() const { return ember::name(*this); }              \
  Tensor& Tensor::name##_() {                                             \
    detail::InplaceGuard guard(*this, #name "_", GradOp::name, {*this});  \
    native::name##_(*this);                                               \
    return guard.commit();                                                \
  }

EMBER_DEFINE_UNARY(neg)
EMBER_DEFINE_UNARY(abs)
EMBER_DEFINE_UNARY(sqrt)
EMBER_DEFINE_UNARY(rsqrt)
EMBER_DEFINE_UNARY(exp)
EMBER_DEFINE_UNARY(log)
EMBER_DEFINE_UNARY(log1p)
EMBER_DEFINE_UNARY(sin)
EMBER_DEFINE_UNARY(cos)
EMBER_DEFINE_UNARY(tanh)
EMBER_DEFINE_UNARY(sigmoid)
EMBER_DEFINE_UNARY(relu)
EMBER_DEFINE_UNARY(reciprocal)
EMBER_DEFINE_UNARY(sign)
EMBER_DEFINE_UNARY(floor)
EMBER_DEFINE_UNARY(ceil)
EMBER_DEFINE_UNARY(round)
#undef EMBER_DEFINE_UNARY

// x * x with pow's promotion (bool squares to int64); recorded as pow (PowBackward0), as
// PyTorch.
Tensor square(const Tensor& t) { return ember::pow(t, 2); }
Tensor Tensor::square() const { return ember::square(*this); }
Tensor& Tensor::square_() { return pow_(2); }

}  // namespace ember
