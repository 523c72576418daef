#pragma once

// dst = convert<D>(src) on one GPU, for one group of destination dtypes per .cu file (the
// 100 dtype pairs are split to keep each file's compile time short).

#include "backends/cuda/Loops.cuh"

namespace ember::cuda {

template <class D, class S>
struct ConvertFn {
  EMBER_HOST_DEVICE D operator()(S v) const { return kernels::convert<D>(v); }
};

/// Dispatches the source dtype for destination type D.
template <class D>
void convert_copy_to(detail::TensorIterator& iter) {
  detail::dispatch_dtype<detail::types::kAll>(
      iter.input_dtype(0), "copy_", kCUDA, [&]<class S>() { gpu_kernel(iter, ConvertFn<D, S>{}); });
}

}  // namespace ember::cuda
