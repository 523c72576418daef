// Autograd-free bodies of the unary elementwise ops (public front ends in core/api/Unary.cpp),
// and the non-differentiable isnan, logical_not and bitwise_not. Floating ops (sqrt, exp, ...)
// turn integer and bool inputs into the default float dtype; the others keep the input's
// dtype, as PyTorch.

#include "core/ops/UnaryOps.h"

#include "core/ops/ElementwiseOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::Kernel;
using detail::ResultKind;

namespace {

void no_check(Dtype /*unused*/) {}

void check_neg(Dtype d) {
  EMBER_CHECK(d != kBool,
              "Negation, the `-` operator, on a bool tensor is not supported. If you are trying "
              "to invert a mask, use the `~` or `logical_not()` operator instead.");
}

void check_relu(Dtype d) { EMBER_CHECK(d != kBool, "Boolean inputs not supported for relu"); }

void check_bitwise_not(Dtype d) { detail::check_bitwise("bitwise_not", d); }

}  // namespace

namespace native {

// The out-of-place and in-place bodies of one unary op.
#define EMBER_DEFINE_UNARY(name, kind, check)                      \
  Tensor name(const Tensor& t) {                                   \
    check(t.dtype());                                              \
    return detail::unary_op<Kernel::name>(#name, t, kind);         \
  }                                                                \
  Tensor& name##_(Tensor& self) {                                  \
    check(self.dtype());                                           \
    return detail::unary_op_<Kernel::name>(#name "_", self, kind); \
  }

EMBER_DEFINE_UNARY(neg, ResultKind::kCommon, check_neg)
EMBER_DEFINE_UNARY(abs, ResultKind::kCommon, no_check)
EMBER_DEFINE_UNARY(sqrt, ResultKind::kFloating, no_check)
EMBER_DEFINE_UNARY(rsqrt, ResultKind::kFloating, no_check)
EMBER_DEFINE_UNARY(exp, ResultKind::kFloating, no_check)
EMBER_DEFINE_UNARY(log, ResultKind::kFloating, no_check)
EMBER_DEFINE_UNARY(log1p, ResultKind::kFloating, no_check)
EMBER_DEFINE_UNARY(sin, ResultKind::kFloating, no_check)
EMBER_DEFINE_UNARY(cos, ResultKind::kFloating, no_check)
EMBER_DEFINE_UNARY(tanh, ResultKind::kFloating, no_check)
EMBER_DEFINE_UNARY(sigmoid, ResultKind::kFloating, no_check)
EMBER_DEFINE_UNARY(relu, ResultKind::kCommon, check_relu)
EMBER_DEFINE_UNARY(reciprocal, ResultKind::kFloating, no_check)
EMBER_DEFINE_UNARY(sign, ResultKind::kCommon, no_check)
#undef EMBER_DEFINE_UNARY

// floor, ceil and round are the identity on integers (a copy; in place, nothing to write), as
// PyTorch; bool is rejected by the kernel's dtype dispatch.
#define EMBER_DEFINE_ROUNDING(name)                                               \
  Tensor name(const Tensor& t) {                                                  \
    if (is_integral_type(t.dtype(), false)) return t.clone();                     \
    return detail::unary_op<Kernel::name>(#name, t, ResultKind::kCommon);         \
  }                                                                               \
  Tensor& name##_(Tensor& self) {                                                 \
    if (is_integral_type(self.dtype(), false)) return self;                       \
    return detail::unary_op_<Kernel::name>(#name "_", self, ResultKind::kCommon); \
  }

EMBER_DEFINE_ROUNDING(floor)
EMBER_DEFINE_ROUNDING(ceil)
EMBER_DEFINE_ROUNDING(round)
#undef EMBER_DEFINE_ROUNDING

}  // namespace native

Tensor isnan(const Tensor& t) {
  return detail::unary_op<Kernel::isnan>("isnan", t, ResultKind::kBool);
}
Tensor Tensor::isnan() const { return ember::isnan(*this); }

Tensor logical_not(const Tensor& t) {
  return detail::unary_op<Kernel::logical_not>("logical_not", t, ResultKind::kBool);
}
Tensor Tensor::logical_not() const { return ember::logical_not(*this); }
Tensor& Tensor::logical_not_() {
  // The bool result is written back in self's dtype (1 / 0), as PyTorch; copy_ makes the
  // in-place checks.
  return copy_(ember::logical_not(*this));
}

Tensor bitwise_not(const Tensor& t) {
  check_bitwise_not(t.dtype());
  return detail::unary_op<Kernel::bitwise_not>("bitwise_not", t, ResultKind::kCommon);
}
Tensor Tensor::bitwise_not() const { return ember::bitwise_not(*this); }
Tensor& Tensor::bitwise_not_() {
  // Integer and bool tensors only, which never require grad; copy_ makes the in-place checks.
  return copy_(ember::bitwise_not(*this));
}

}  // namespace ember
