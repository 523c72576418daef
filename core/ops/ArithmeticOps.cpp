// Autograd-free bodies of add, sub, rsub, mul, div and their in-place forms (the public
// functions, methods and operators are in core/api/Arithmetic.cpp).

#include "core/ops/ArithmeticOps.h"

#include "core/ops/ElementwiseOps.h"
#include "ember/core/Functions.h"

namespace ember::native {

using detail::Kernel;
using detail::ResultKind;

namespace {

void check_alpha(const char* op, Dtype result, const Scalar& alpha) {
  EMBER_CHECK(!(is_integral_type(result, true) && alpha.isFloatingPoint()),
              "{}: For integral input tensors, argument alpha must not be a floating point "
              "number (got alpha={}).",
              op, alpha);
  EMBER_CHECK(!(alpha.isBoolean() && result != kBool),
              "{}: Boolean alpha only supported for Boolean results.", op);
}

void check_sub(Dtype a, Dtype b) {
  EMBER_CHECK(!(a == kBool && b == kBool),
              "Subtraction, the `-` operator, with two bool tensors is not supported. Use the "
              "`^` or `logical_xor()` operator instead.");
  EMBER_CHECK(a != kBool && b != kBool,
              "Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
              "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
}

const Scalar kUnused{0};

}  // namespace

Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  check_alpha("add", result_type(a, b), alpha);
  return detail::binary_op<Kernel::add>("add", a, b, ResultKind::kCommon, alpha, kUnused);
}

Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  check_alpha("add", result_type(a, b), alpha);
  return detail::binary_op<Kernel::add>("add", a, b, ResultKind::kCommon, alpha, kUnused);
}

Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  check_sub(a.dtype(), b.dtype());
  check_alpha("sub", result_type(a, b), alpha);
  return detail::binary_op<Kernel::add>("sub", a, b, ResultKind::kCommon, -alpha, kUnused);
}

Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  check_sub(a.dtype(), b.isBoolean() ? kBool : b.type());
  check_alpha("sub", result_type(a, b), alpha);
  return detail::binary_op<Kernel::add>("sub", a, b, ResultKind::kCommon, -alpha, kUnused);
}

Tensor rsub(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  // b - alpha * a
  check_sub(a.dtype(), b.isBoolean() ? kBool : b.type());
  check_alpha("rsub", result_type(a, b), alpha);
  const Tensor wrapped = detail::scalar_to_tensor(b, result_type(a, b));
  return detail::binary_op<Kernel::add>("rsub", wrapped, a, ResultKind::kCommon, -alpha, kUnused);
}

Tensor mul(const Tensor& a, const Tensor& b) {
  return detail::binary_op<Kernel::mul>("mul", a, b, ResultKind::kCommon);
}

Tensor mul(const Tensor& a, const Scalar& b) {
  return detail::binary_op<Kernel::mul>("mul", a, b, ResultKind::kCommon);
}

Tensor div(const Tensor& a, const Tensor& b) {
  return detail::binary_op<Kernel::div>("div", a, b, ResultKind::kFloating);
}

Tensor div(const Tensor& a, const Scalar& b) {
  return detail::binary_op<Kernel::div>("div", a, b, ResultKind::kFloating);
}

Tensor div(const Scalar& a, const Tensor& b) {
  const Dtype common = detail::compute_dtype(result_type(b, a), ResultKind::kFloating);
  return detail::binary_op<Kernel::div>("div", detail::scalar_to_tensor(a, common), b,
                                        ResultKind::kFloating);
}

Tensor& add_(Tensor& self, const Tensor& other, const Scalar& alpha) {
  check_alpha("add_", result_type(self, other), alpha);
  return detail::binary_op_<Kernel::add>("add_", self, other, ResultKind::kCommon, alpha, kUnused);
}

Tensor& add_(Tensor& self, const Scalar& other, const Scalar& alpha) {
  check_alpha("add_", result_type(self, other), alpha);
  return detail::binary_op_<Kernel::add>("add_", self, other, ResultKind::kCommon, alpha, kUnused);
}

Tensor& sub_(Tensor& self, const Tensor& other, const Scalar& alpha) {
  check_sub(self.dtype(), other.dtype());
  check_alpha("sub_", result_type(self, other), alpha);
  return detail::binary_op_<Kernel::add>("sub_", self, other, ResultKind::kCommon, -alpha, kUnused);
}

Tensor& sub_(Tensor& self, const Scalar& other, const Scalar& alpha) {
  check_sub(self.dtype(), other.isBoolean() ? kBool : other.type());
  check_alpha("sub_", result_type(self, other), alpha);
  return detail::binary_op_<Kernel::add>("sub_", self, other, ResultKind::kCommon, -alpha, kUnused);
}

Tensor& mul_(Tensor& self, const Tensor& other) {
  return detail::binary_op_<Kernel::mul>("mul_", self, other, ResultKind::kCommon);
}

Tensor& mul_(Tensor& self, const Scalar& other) {
  return detail::binary_op_<Kernel::mul>("mul_", self, other, ResultKind::kCommon);
}

Tensor& div_(Tensor& self, const Tensor& other) {
  return detail::binary_op_<Kernel::div>("div_", self, other, ResultKind::kFloating);
}

Tensor& div_(Tensor& self, const Scalar& other) {
  return detail::binary_op_<Kernel::div>("div_", self, other, ResultKind::kFloating);
}

}  // namespace ember::native
