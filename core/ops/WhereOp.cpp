// Autograd-free body of where(condition, a, b) (public front ends in core/api/Where.cpp): a
// three-input iterator (bool condition, then the two value operands in their promoted dtype),
// broadcasting all three.

#include "core/ops/ElementwiseOps.h"
#include "core/ops/ScalarRange.h"
#include "core/ops/WhereOps.h"
#include "ember/core/Functions.h"

namespace ember::native {

using detail::Kernel;

namespace {

Tensor where_impl(const Tensor& condition, const Tensor& a, const Tensor& b, Dtype result) {
  // uint8 conditions are deprecated in PyTorch but still accepted (non-zero is true).
  EMBER_CHECK(condition.dtype() == kBool || condition.dtype() == kByte,
              "where expected condition to be a boolean tensor, but got a tensor with dtype {}",
              condition.dtype());
  const Tensor cond = condition.dtype() == kBool ? condition : condition.to(kBool);
  detail::TensorIterator iter = detail::TensorIteratorConfig()
                                    .op_name("where")
                                    .add_output(Tensor())
                                    .add_input(cond)
                                    .add_input(a.to(result))
                                    .add_input(b.to(result))
                                    .output_dtype(result)
                                    .allow_cpu_scalars()
                                    .build();
  detail::get_kernel<Kernel::where>(iter.device().type())(iter);
  return iter.output();
}

Tensor wrap(const Scalar& s, Dtype result) {
  detail::check_scalar_fits(s, result);
  return detail::scalar_to_tensor(s, result);
}

}  // namespace

Tensor where(const Tensor& condition, const Tensor& a, const Tensor& b) {
  return where_impl(condition, a, b, result_type(a, b));
}

Tensor where(const Tensor& condition, const Scalar& a, const Tensor& b) {
  const Dtype result = result_type(a, b);
  return where_impl(condition, wrap(a, result), b, result);
}

Tensor where(const Tensor& condition, const Tensor& a, const Scalar& b) {
  const Dtype result = result_type(a, b);
  return where_impl(condition, a, wrap(b, result), result);
}

Tensor where(const Tensor& condition, const Scalar& a, const Scalar& b) {
  detail::ResultTypeState state;
  state.add(a);
  state.add(b);
  const Dtype result = state.result();
  return where_impl(condition, wrap(a, result), wrap(b, result), result);
}

}  // namespace ember::native
