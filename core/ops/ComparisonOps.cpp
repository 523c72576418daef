// Front ends of the comparisons (eq, ne, lt, le, gt, ge and their operators), logical_and /
// logical_or, and the bitwise and / or behind operators & and |. Comparisons promote both
// operands to a common dtype and return bool.

#include "core/ops/ElementwiseOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::Kernel;
using detail::ResultKind;

#define EMBER_DEFINE_COMPARISON(name, op, reversed_op)                                 \
  Tensor name(const Tensor& a, const Tensor& b) {                                      \
    return detail::binary_op<Kernel::name>(#name, a, b, ResultKind::kBool);            \
  }                                                                                    \
  Tensor name(const Tensor& a, const Scalar& b) {                                      \
    return detail::binary_op<Kernel::name>(#name, a, b, ResultKind::kBool);            \
  }                                                                                    \
  Tensor Tensor::name(const Tensor& other) const { return ember::name(*this, other); } \
  Tensor Tensor::name(const Scalar& other) const { return ember::name(*this, other); } \
  Tensor operator op(const Tensor& a, const Tensor& b) { return ember::name(a, b); }   \
  Tensor operator op(const Tensor& a, const Scalar& b) { return ember::name(a, b); }   \
  Tensor operator op(const Scalar& a, const Tensor& b) { return ember::reversed_op(b, a); }

EMBER_DEFINE_COMPARISON(eq, ==, eq)
EMBER_DEFINE_COMPARISON(ne, !=, ne)
EMBER_DEFINE_COMPARISON(lt, <, gt)
EMBER_DEFINE_COMPARISON(le, <=, ge)
EMBER_DEFINE_COMPARISON(gt, >, lt)
EMBER_DEFINE_COMPARISON(ge, >=, le)
#undef EMBER_DEFINE_COMPARISON

Tensor logical_and(const Tensor& a, const Tensor& b) {
  return detail::binary_op<Kernel::logical_and>("logical_and", a, b, ResultKind::kBool);
}
Tensor logical_or(const Tensor& a, const Tensor& b) {
  return detail::binary_op<Kernel::logical_or>("logical_or", a, b, ResultKind::kBool);
}
Tensor Tensor::logical_and(const Tensor& other) const { return ember::logical_and(*this, other); }
Tensor Tensor::logical_or(const Tensor& other) const { return ember::logical_or(*this, other); }

#define EMBER_DEFINE_BITWISE(name, op)                                                 \
  Tensor name(const Tensor& a, const Tensor& b) {                                      \
    detail::check_bitwise(#name, result_type(a, b));                                   \
    return detail::binary_op<Kernel::name>(#name, a, b, ResultKind::kCommon);          \
  }                                                                                    \
  Tensor name(const Tensor& a, const Scalar& b) {                                      \
    detail::check_bitwise(#name, result_type(a, b));                                   \
    return detail::binary_op<Kernel::name>(#name, a, b, ResultKind::kCommon);          \
  }                                                                                    \
  Tensor Tensor::name(const Tensor& other) const { return ember::name(*this, other); } \
  Tensor Tensor::name(const Scalar& other) const { return ember::name(*this, other); } \
  Tensor operator op(const Tensor& a, const Tensor& b) { return ember::name(a, b); }   \
  Tensor operator op(const Tensor& a, const Scalar& b) { return ember::name(a, b); }   \
  Tensor operator op(const Scalar& a, const Tensor& b) { return ember::name(b, a); }

EMBER_DEFINE_BITWISE(bitwise_and, &)
EMBER_DEFINE_BITWISE(bitwise_or, |)
#undef EMBER_DEFINE_BITWISE

}  // namespace ember
