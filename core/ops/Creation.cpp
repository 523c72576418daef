// Creation functions: empty, zeros, ones, full, *_like, tensor, arange, linspace, eye,
// from_blob.

#include <cmath>
#include <functional>
#include <memory>

#include "core/CheckedSize.h"
#include "core/KernelTable.h"
#include "core/TensorFactory.h"
#include "core/ops/ScalarRange.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::get_kernel;
using detail::Kernel;

namespace {

Tensor finish(Tensor t, const TensorOptions& options) {
  if (options.requires_grad()) t.requires_grad_(true);
  return t;
}

Tensor allocate(IntArrayRef size, const TensorOptions& options) {
  const Device device = detail::resolve_device(options.device());
  if (options.pinned_memory()) {
    EMBER_CHECK(device.is_cpu(), "only CPU tensors can be pinned, got device {}", device.str());
    return detail::empty_tensor(size, options.dtype(), device).pin_memory();
  }
  return detail::empty_tensor(size, options.dtype(), device);
}

void fill(const Tensor& t, const Scalar& value) {
  if (t.numel() > 0) get_kernel<Kernel::fill>(t.device().type())(t, value);
}

// full()'s dtype when none is given: that of the fill value (bool, int64 or default float).
TensorOptions infer_full_options(const Scalar& value, const TensorOptions& options) {
  if (options.has_dtype()) return options;
  return options.dtype(value.type());
}

TensorOptions like_options(const Tensor& t, const TensorOptions& options) {
  TensorOptions base = TensorOptions().dtype(t.dtype()).device(t.device());
  return base.merge_in(options.requires_grad(options.requires_grad_opt()));
}

}  // namespace

Tensor empty(IntArrayRef size, const TensorOptions& options) {
  return finish(allocate(size, options), options);
}

Tensor zeros(IntArrayRef size, const TensorOptions& options) {
  Tensor t = allocate(size, options);
  fill(t, 0);
  return finish(t, options);
}

Tensor ones(IntArrayRef size, const TensorOptions& options) {
  Tensor t = allocate(size, options);
  fill(t, 1);
  return finish(t, options);
}

Tensor full(IntArrayRef size, const Scalar& value, const TensorOptions& options) {
  const TensorOptions opts = infer_full_options(value, options);
  detail::check_scalar_fits(value, opts.dtype(), "full");
  Tensor t = allocate(size, opts);
  fill(t, value);
  return finish(t, opts);
}

Tensor empty_like(const Tensor& t, const TensorOptions& options) {
  return empty(t.sizes(), like_options(t, options));
}
Tensor zeros_like(const Tensor& t, const TensorOptions& options) {
  return zeros(t.sizes(), like_options(t, options));
}
Tensor ones_like(const Tensor& t, const TensorOptions& options) {
  return ones(t.sizes(), like_options(t, options));
}
Tensor full_like(const Tensor& t, const Scalar& value, const TensorOptions& options) {
  return full(t.sizes(), value, like_options(t, options));
}

Tensor tensor(detail::TensorDataContainer data, const TensorOptions& options) {
  return finish(data.to_tensor(options), options);
}

Tensor arange(const Scalar& end, const TensorOptions& options) {
  return arange(0, end, 1, options);
}

Tensor arange(const Scalar& start, const Scalar& end, const TensorOptions& options) {
  return arange(start, end, 1, options);
}

Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
              const TensorOptions& options) {
  const bool all_integral =
      !start.isFloatingPoint() && !end.isFloatingPoint() && !step.isFloatingPoint();
  const Dtype dtype = options.dtype_opt().value_or(all_integral ? kLong : default_dtype());
  const double s = start.toDouble(), e = end.toDouble(), d = step.toDouble();
  EMBER_CHECK(d != 0, "arange: step must be nonzero");
  EMBER_CHECK(std::isfinite(s) && std::isfinite(e), "arange: unsupported range: {} -> {}", start,
              end);
  EMBER_CHECK((d > 0 && e >= s) || (d < 0 && e <= s),
              "arange: upper bound and larger bound inconsistent with step sign "
              "(start={}, end={}, step={})",
              start, end, step);
  int64_t length = 0;
  if (all_integral) {
    // ceil((end - start) / step) in 128 bits: end - start alone may not fit int64.
    const __int128 span = static_cast<__int128>(end.toLong()) - start.toLong();
    const __int128 id = step.toLong();
    const __int128 count = (span + id + (id > 0 ? -1 : 1)) / id;
    // Checked in 64 bits too: bounds a double cannot tell apart may still be inconsistent.
    EMBER_CHECK(count >= 0,
                "arange: upper bound and larger bound inconsistent with step sign (start={}, "
                "end={}, step={})",
                start, end, step);
    EMBER_CHECK(count <= INT64_MAX,
                "arange: the range {} to {} with step {} has too many "
                "elements",
                start, end, step);
    length = static_cast<int64_t>(count);
  } else {
    const double count = std::ceil((e - s) / d);
    EMBER_CHECK(count >= 0 && count < 9.0e18,
                "arange: the range {} to {} with step {} has too many elements (invalid size, "
                "possible overflow?)",
                start, end, step);
    length = static_cast<int64_t>(count);
  }
  Tensor t = allocate({length}, options.dtype(dtype));
  if (t.numel() > 0) get_kernel<Kernel::range>(t.device().type())(t, start, step);
  return finish(t, options);
}

Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps,
                const TensorOptions& options) {
  EMBER_CHECK(steps >= 0, "linspace: number of steps must be non-negative, got {}", steps);
  Tensor t = allocate({steps}, options);
  if (steps > 0) get_kernel<Kernel::linspace>(t.device().type())(t, start, end);
  return finish(t, options);
}

Tensor eye(int64_t n, const TensorOptions& options) { return eye(n, n, options); }

Tensor eye(int64_t n, int64_t m, const TensorOptions& options) {
  EMBER_CHECK(n >= 0, "eye: n must be greater or equal to 0, got {}", n);
  EMBER_CHECK(m >= 0, "eye: m must be greater or equal to 0, got {}", m);
  Tensor t = zeros({n, m}, options.requires_grad(false));
  const int64_t diag = std::min(n, m);
  if (diag > 0) fill(detail::make_view(t, {diag}, {m + 1}, 0), 1);
  return finish(t, options);
}

namespace {
struct BlobDeleter {
  std::function<void(void*)> fn;
};
void call_blob_deleter(void* data, void* context) {
  std::unique_ptr<BlobDeleter> d(static_cast<BlobDeleter*>(context));
  if (d->fn) d->fn(data);
}

Tensor wrap_blob(void* data, IntArrayRef sizes, IntArrayRef strides,
                 std::function<void(void*)> deleter, const TensorOptions& options) {
  EMBER_CHECK(sizes.size() == strides.size(), "from_blob: got {} sizes but {} strides",
              sizes.size(), strides.size());
  const int64_t numel = compute_numel(sizes);
  EMBER_CHECK(data != nullptr || numel == 0, "from_blob: data pointer is null");
  for (int64_t stride : strides) {
    EMBER_CHECK(stride >= 0 || numel == 0, "from_blob: negative strides are not supported ({})",
                strides);
  }
  // The furthest element's byte offset must fit, however the strides lay the elements out.
  const size_t nbytes = detail::storage_nbytes(sizes, strides, element_size(options.dtype()), 0);
  const Device device = detail::resolve_device(options.device());
  auto context = std::make_unique<BlobDeleter>(BlobDeleter{std::move(deleter)});
  DataPtr ptr(data, context.release(), &call_blob_deleter, device);
  auto storage = IntrusivePtr<StorageImpl>::make(std::move(ptr), nbytes);
  Tensor t(IntrusivePtr<TensorImpl>::make(Storage(std::move(storage)), options.dtype(), sizes,
                                          strides, 0));
  return finish(t, options);
}
}  // namespace

Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options) {
  return wrap_blob(data, sizes, contiguous_strides(sizes), nullptr, options);
}

Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides, const TensorOptions& options) {
  return wrap_blob(data, sizes, strides, nullptr, options);
}

Tensor from_blob(void* data, IntArrayRef sizes, std::function<void(void*)> deleter,
                 const TensorOptions& options) {
  return wrap_blob(data, sizes, contiguous_strides(sizes), std::move(deleter), options);
}

}  // namespace ember
