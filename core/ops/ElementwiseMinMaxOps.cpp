// Autograd-free bodies of the elementwise maximum / minimum and clamp (public front ends in
// core/api/ElementwiseMinMax.cpp). The max/min reductions are in MinMaxOps.cpp.

#include "core/ops/ElementwiseMinMaxOps.h"

#include <cmath>
#include <limits>

#include "core/TensorFactory.h"
#include "core/ops/ElementwiseOps.h"
#include "core/ops/ScalarRange.h"
#include "ember/core/Functions.h"

namespace ember::native {

using detail::Kernel;
using detail::ResultKind;

Tensor maximum(const Tensor& a, const Tensor& b) {
  return detail::binary_op<Kernel::maximum>("maximum", a, b, ResultKind::kCommon);
}
Tensor minimum(const Tensor& a, const Tensor& b) {
  return detail::binary_op<Kernel::minimum>("minimum", a, b, ResultKind::kCommon);
}

namespace {

bool is_nan_scalar(const std::optional<Scalar>& s) {
  return s && s->isFloatingPoint() && std::isnan(s->toDouble());
}

// Floating tensors keep their dtype; others promote with the bounds (int tensor, float bound
// -> float), as PyTorch's clamp.
Dtype clamp_result_type(const Tensor& t, const std::optional<Scalar>& min,
                        const std::optional<Scalar>& max) {
  if (is_floating_type(t.dtype())) return t.dtype();
  detail::ResultTypeState state;
  state.add(t);
  if (min) state.add(*min);
  if (max) state.add(*max);
  return state.result();
}

struct ClampBounds {
  Scalar lo;
  Scalar hi;
};

// `lone_nan_ignored`: clamp() with a single NaN bound leaves values unchanged (PyTorch 1.13),
// while clamp_min / clamp_max with NaN give NaN.
ClampBounds clamp_bounds(const std::optional<Scalar>& min, const std::optional<Scalar>& max,
                         Dtype result, bool lone_nan_ignored) {
  EMBER_CHECK(min || max, "torch.clamp: At least one of 'min' or 'max' must not be None");
  if (min) detail::check_scalar_fits(*min, result);
  if (max) detail::check_scalar_fits(*max, result);
  ClampBounds b{min ? *min : detail::dtype_lowest(result),
                max ? *max : detail::dtype_highest(result)};
  if (lone_nan_ignored && !(min && max)) {
    if (is_nan_scalar(min)) b.lo = detail::dtype_lowest(result);
    if (is_nan_scalar(max)) b.hi = detail::dtype_highest(result);
  }
  return b;
}

bool has_nan_bound(const ClampBounds& b) {
  return (b.lo.isFloatingPoint() && std::isnan(b.lo.toDouble())) ||
         (b.hi.isFloatingPoint() && std::isnan(b.hi.toDouble()));
}

// A NaN bound makes every element NaN (the result is floating then).
void fill_nan(const Tensor& out) {
  if (out.numel() > 0) {
    detail::get_kernel<Kernel::fill>(out.device().type())(
        out, Scalar(std::numeric_limits<double>::quiet_NaN()));
  }
}

Tensor clamp_impl(const char* name, const Tensor& t, const std::optional<Scalar>& min,
                  const std::optional<Scalar>& max, bool lone_nan_ignored) {
  const Dtype result = clamp_result_type(t, min, max);
  const ClampBounds b = clamp_bounds(min, max, result, lone_nan_ignored);
  if (has_nan_bound(b)) {
    Tensor out = detail::empty_tensor(t.sizes(), result, t.device());
    fill_nan(out);
    return out;
  }
  return detail::unary_op<Kernel::clamp>(name, t.to(result), ResultKind::kCommon, b.lo, b.hi);
}

Tensor& clamp_impl_(const char* name, Tensor& self, const std::optional<Scalar>& min,
                    const std::optional<Scalar>& max, bool lone_nan_ignored) {
  const Dtype result = clamp_result_type(self, min, max);
  EMBER_CHECK(result == self.dtype(),
              "{}: result type {} can't be cast to the desired output type {}", name, result,
              self.dtype());
  const ClampBounds b = clamp_bounds(min, max, result, lone_nan_ignored);
  if (has_nan_bound(b)) {
    fill_nan(self);
    return self;
  }
  return detail::unary_op_<Kernel::clamp>(name, self, ResultKind::kCommon, b.lo, b.hi);
}

}  // namespace

Tensor clamp(const Tensor& t, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  return clamp_impl("clamp", t, min, max, true);
}
Tensor clamp_min(const Tensor& t, const Scalar& min) {
  return clamp_impl("clamp_min", t, min, std::nullopt, false);
}
Tensor clamp_max(const Tensor& t, const Scalar& max) {
  return clamp_impl("clamp_max", t, std::nullopt, max, false);
}
Tensor& clamp_(Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  return clamp_impl_("clamp_", self, min, max, true);
}
Tensor& clamp_min_(Tensor& self, const Scalar& min) {
  return clamp_impl_("clamp_min_", self, min, std::nullopt, false);
}
Tensor& clamp_max_(Tensor& self, const Scalar& max) {
  return clamp_impl_("clamp_max_", self, std::nullopt, max, false);
}

}  // namespace ember::native
