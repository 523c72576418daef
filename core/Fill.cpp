// In-place fills: fill_ (a number or a 0-d tensor) and zero_.

#include "core/Fill.h"

#include <cmath>
#include <limits>

#include "core/DtypeDispatch.h"
#include "core/ElementwiseOps.h"
#include "core/KernelTable.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember {

namespace detail {
namespace {

// The C++ type names PyTorch's message uses.
const char* cpp_type_name(Dtype d) {
  switch (d) {
    case kByte:
      return "uint8_t";
    case kChar:
      return "int8_t";
    case kShort:
      return "int16_t";
    case kInt:
      return "int";
    case kLong:
      return "int64_t";
    case kHalf:
      return "at::Half";
    case kFloat:
      return "float";
    case kDouble:
      return "double";
    case kBool:
      return "bool";
    case kBFloat16:
      return "at::BFloat16";
    default:
      return "?";
  }
}

template <class T>
bool fits(const Scalar& value) {
  if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, double>) {
    return true;
  } else if constexpr (std::is_integral_v<T>) {
    using L = std::numeric_limits<T>;
    if (value.isFloatingPoint()) {
      const double v = value.toDouble();
      // Floating values must lie in range (negative ones too, for uint8).
      return !std::isnan(v) && v >= static_cast<double>(L::lowest()) &&
             v <= static_cast<double>(L::max());
    }
    const int64_t v = value.toLong();
    if constexpr (std::is_unsigned_v<T>) {
      // Negative integers wrap (uint8 holds -1 as 255), as PyTorch allows.
      const uint64_t magnitude = v < 0 ? uint64_t(0) - static_cast<uint64_t>(v) : uint64_t(v);
      return magnitude <= L::max();
    } else {
      return v >= static_cast<int64_t>(L::lowest()) && v <= static_cast<int64_t>(L::max());
    }
  } else {
    const double v = value.toDouble();
    const double max = static_cast<double>(static_cast<float>(std::numeric_limits<T>::max()));
    return !std::isfinite(v) || std::fabs(v) <= max;
  }
}

// The same memory with broadcast (stride 0) dimensions reduced to one element, so that a fill
// writes each location once (PyTorch fills expanded tensors).
Tensor without_broadcast_dims(const Tensor& t) {
  bool expanded = false;
  DimVector sizes(t.sizes());
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (t.strides()[d] == 0 && sizes[d] > 1) {
      sizes[d] = 1;
      expanded = true;
    }
  }
  return expanded ? make_view(t, sizes, t.strides(), t.storage_offset()) : t;
}

}  // namespace

void check_fill_value(const Scalar& value, Dtype dtype) {
  const bool ok =
      dispatch_dtype<types::kAll>(dtype, "fill_", kCPU, [&]<class T>() { return fits<T>(value); });
  EMBER_CHECK(ok, "value cannot be converted to type {} without overflow", cpp_type_name(dtype));
}

}  // namespace detail

Tensor& Tensor::fill_(const Scalar& value) {
  detail::check_inplace(*this, "fill_");
  detail::check_fill_value(value, dtype());
  if (numel() > 0) {
    const Tensor target = detail::without_broadcast_dims(*this);
    detail::get_kernel<detail::Kernel::fill>(device().type())(target, value);
  }
  impl()->bump_version();
  return *this;
}

Tensor& Tensor::fill_(const Tensor& value) {
  EMBER_CHECK(value.dim() == 0,
              "fill_ only supports 0-dimension value tensor but got tensor with {} dimensions.",
              value.dim());
  if (value.is_cuda() && is_cuda()) {
    // Stays on the GPU: no synchronisation to read the value.
    detail::check_inplace(*this, "fill_");
    Tensor target = detail::without_broadcast_dims(*this);
    target.copy_(value);  // bumps the shared version counter
    return *this;
  }
  return fill_(value.item());
}

Tensor& Tensor::zero_() { return fill_(0); }

}  // namespace ember
