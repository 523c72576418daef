// Front ends of allclose and equal, which answer with a bool rather than a tensor.

#include "core/KernelTable.h"
#include "core/Promotion.h"
#include "core/TensorIterator.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

bool allclose(const Tensor& a, const Tensor& b, double rtol, double atol, bool equal_nan) {
  EMBER_CHECK(a.dtype() == b.dtype(), "allclose: {} did not match {}", a.dtype(), b.dtype());
  EMBER_CHECK(rtol >= 0, "allclose: rtol must be greater than or equal to zero, but got {}", rtol);
  EMBER_CHECK(atol >= 0, "allclose: atol must be greater than or equal to zero, but got {}", atol);
  detail::TensorIterator iter =
      detail::TensorIteratorConfig().op_name("allclose").add_input(a).add_input(b).build();
  return detail::get_kernel<detail::Kernel::allclose>(iter.device().type())(iter, rtol, atol,
                                                                            equal_nan);
}

bool equal(const Tensor& a, const Tensor& b) {
  EMBER_CHECK(a.device() == b.device(),
              "equal: Cannot compare two tensors on different devices. Got: {} and {}", a.device(),
              b.device());
  if (a.sizes() != b.sizes()) return false;
  // Compared in the promoted dtype (1 equals 1.0, as PyTorch); NaN equals nothing.
  detail::TensorIterator iter = detail::TensorIteratorConfig()
                                    .op_name("equal")
                                    .add_input(a)
                                    .add_input(b)
                                    .cast_inputs_to(result_type(a, b))
                                    .build();
  return detail::get_kernel<detail::Kernel::allclose>(iter.device().type())(iter, 0.0, 0.0, false);
}

bool Tensor::allclose(const Tensor& other, double rtol, double atol, bool equal_nan) const {
  return ember::allclose(*this, other, rtol, atol, equal_nan);
}

bool Tensor::equal(const Tensor& other) const { return ember::equal(*this, other); }

}  // namespace ember
