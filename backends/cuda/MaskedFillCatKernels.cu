// masked_fill_ and cat on the GPU. masked_fill_ is an elementwise kernel over (self, mask);
// cat copies each input into its slice of the output with the copy kernel (one launch per
// input, any strides and alignment).

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

namespace {
template <class T>
struct MaskedFillFn {
  T value;
  EMBER_HOST_DEVICE T operator()(T x, bool mask) const { return mask ? value : x; }
};
}  // namespace

void masked_fill_kernel(TensorIterator& iter, const Scalar& value) {
  detail::dispatch_dtype<types::kAll>(iter.dtype(0), "masked_fill_", kCUDA, [&]<class T>() {
    gpu_kernel(iter, MaskedFillFn<T>{value.to<T>()});
  });
}

void cat_kernel(const Tensor& out, ArrayRef<Tensor> inputs, int64_t dim) {
  int64_t offset = 0;  // along dim
  for (const Tensor& t : inputs) {
    const int64_t len = t.sizes()[dim];
    if (t.numel() > 0) copy_kernel(out.narrow(dim, offset, len), t, false);
    offset += len;
  }
}

}  // namespace ember::cuda
