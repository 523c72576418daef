#include "core/CheckedSize.h"

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::detail {

void check_tensor_rank(size_t ndim) {
  EMBER_CHECK(ndim <= static_cast<size_t>(kMaxTensorDims),
              "Ember tensors have at most {} dimensions, got a shape with {}", kMaxTensorDims,
              ndim);
}

bool product_fits(IntArrayRef sizes, int64_t* out) {
  int64_t n = 1;
  bool overflowed = false;
  for (int64_t s : sizes) {
    if (s == 0) {
      *out = 0;
      return true;
    }
    overflowed |= !checked_mul(n, s, &n);
  }
  *out = n;
  return !overflowed;
}

namespace {
bool times_itemsize_fits(int64_t elements, size_t itemsize, size_t* bytes) {
  uint64_t b = 0;
  if (__builtin_mul_overflow(static_cast<uint64_t>(elements), static_cast<uint64_t>(itemsize),
                             &b) ||
      b > kMaxStorageBytes) {
    return false;
  }
  *bytes = static_cast<size_t>(b);
  return true;
}
}  // namespace

int64_t checked_numel(IntArrayRef sizes) {
  int64_t n = 0;
  EMBER_CHECK(product_fits(sizes, &n), "numel: integer multiplication overflow (sizes {})", sizes);
  return n;
}

size_t storage_nbytes_contiguous(IntArrayRef sizes, size_t itemsize, int64_t storage_offset) {
  int64_t n = 0;
  bool overflowed = !product_fits(sizes, &n);
  overflowed = overflowed || !checked_add(n, storage_offset, &n);
  size_t bytes = 0;
  overflowed = overflowed || !times_itemsize_fits(n, itemsize, &bytes);
  EMBER_CHECK(!overflowed, "Storage size calculation overflowed with sizes={}", sizes);
  return bytes;
}

size_t storage_nbytes(IntArrayRef sizes, IntArrayRef strides, size_t itemsize,
                      int64_t storage_offset) {
  for (int64_t s : sizes) {
    if (s == 0) return 0;
  }
  // One past the element furthest from the storage's start.
  int64_t end = storage_offset;
  bool overflowed = !checked_add(end, 1, &end);
  for (size_t i = 0; i < sizes.size(); ++i) {
    int64_t reach = 0;
    overflowed |= !checked_mul(sizes[i] - 1, strides[i], &reach);
    overflowed |= !checked_add(end, reach, &end);
  }
  size_t bytes = 0;
  overflowed = overflowed || !times_itemsize_fits(end, itemsize, &bytes);
  EMBER_CHECK(!overflowed, "Storage size calculation overflowed with sizes={} and strides={}",
              sizes, strides);
  return bytes;
}

}  // namespace ember::detail
