// Autograd-free bodies of pow in its tensor/scalar forms and pow_ (public front ends in
// core/api/Pow.cpp).

#include "core/ops/PowOps.h"

#include "core/DtypeDispatch.h"
#include "core/ops/ElementwiseOps.h"
#include "core/ops/ScalarRange.h"
#include "ember/core/Functions.h"

namespace ember::native {

using detail::Kernel;
using detail::ResultKind;

namespace {

void check_integer_exponent(const Tensor& base, const Scalar& exponent) {
  EMBER_CHECK(
      !(is_integral_type(base.dtype(), true) && exponent.isIntegral(true) && exponent.toLong() < 0),
      "Integers to negative integer powers are not allowed.");
}

// The exponent is converted to the result dtype for integer and 16-bit float results (so
// it must fit); float and double compute with it as a double, as PyTorch.
void check_exponent_range(const Scalar& exponent, Dtype result) {
  if (result != kFloat && result != kDouble) detail::check_scalar_fits(exponent, result);
}

}  // namespace

Tensor pow(const Tensor& base, const Tensor& exponent) {
  return detail::binary_op<Kernel::pow>("pow", base, exponent, ResultKind::kCommon);
}

Tensor pow(const Tensor& base, const Scalar& exponent) {
  check_integer_exponent(base, exponent);
  const Dtype result = result_type(base, exponent);
  if (result == kBool) detail::throw_dtype_not_implemented("pow", kBool, base.device().type());
  check_exponent_range(exponent, result);
  return detail::unary_op<Kernel::pow_scalar>("pow", base.to(result), ResultKind::kCommon, exponent,
                                              Scalar(0));
}

Tensor pow(const Scalar& base, const Tensor& exponent) {
  const Dtype result = result_type(base, exponent);
  if (base.equal(1.0)) {
    // 1 ** anything is 1, NaN included.
    return ones(exponent.sizes(), TensorOptions().dtype(result).device(exponent.device()));
  }
  return detail::binary_op<Kernel::pow>("pow", detail::scalar_to_tensor(base, result), exponent,
                                        ResultKind::kCommon);
}

Tensor& pow_(Tensor& self, const Tensor& exponent) {
  return detail::binary_op_<Kernel::pow>("pow_", self, exponent, ResultKind::kCommon);
}

Tensor& pow_(Tensor& self, const Scalar& exponent) {
  check_integer_exponent(self, exponent);
  const Dtype result = result_type(self, exponent);
  EMBER_CHECK(result == self.dtype(),
              "pow_: result type {} can't be cast to the desired output type {}", result,
              self.dtype());
  if (result == kBool) detail::throw_dtype_not_implemented("pow_", kBool, self.device().type());
  check_exponent_range(exponent, result);
  return detail::unary_op_<Kernel::pow_scalar>("pow_", self, ResultKind::kCommon, exponent,
                                               Scalar(0));
}

}  // namespace ember::native
