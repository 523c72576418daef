// Gathers on the GPU: advanced indexing's offsets and read (index), index_select and gather.
// As on the CPU (backends/cpu/IndexKernels.cpp), each runs over a TensorIterator whose src
// operand is restrided (stride 0 along the indexed dim) and the index supplies the missing
// offset; elements move as unsigned integers of their width. A bad index never reaches
// memory: the kernel skips the element and reports the index (IndexErrors.h), which the host
// throws as the CPU's error at its next synchronisation; no op waits for the device.

#include <cstdint>
#include <string>

#include "backends/cuda/IndexLaunch.cuh"
#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "core/TensorFactory.h"
#include "core/TensorIterator.h"

namespace ember::cuda {

using detail::TensorIterator;
using detail::TensorIteratorConfig;

namespace {

// How the gather treats its index operand k.
struct GatherCheck {
  // With `slot` set (index_select, gather): k outside [0, size) is reported as `op`'s bad
  // index along `dim`. Without (advanced indexing's offsets): k == kBadOffset is skipped.
  IndexErrorSlot slot;
  IndexOp op = IndexOp::kIndex;
  int64_t dim = 0;
  int64_t size = 0;
};

// out = src[k * stride] with k the index operand; a bad k leaves out's element unwritten.
template <class U, class I>
__global__ void __launch_bounds__(kIndexThreads)
    gather_elements_kernel(uint32_t n, Pointers<3> ptrs, OffsetCalculator<3> calc,
                           int64_t stride_bytes, GatherCheck check) {
  for (uint32_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    int64_t off[3];
    calc.get(i, off);
    const int64_t k = static_cast<int64_t>(loops::load<I>(ptrs.p[2] + off[2]));
    if (check.slot.record != nullptr) {
      if (static_cast<uint64_t>(k) >= static_cast<uint64_t>(check.size)) {
        report_bad_index(check.slot, check.op, k, check.dim, check.size);
        continue;
      }
    } else if (k == kBadOffset) {
      continue;
    }
    loops::store<U>(ptrs.p[0] + off[0], loops::load<U>(ptrs.p[1] + off[1] + k * stride_bytes));
  }
}

// Launches the gather over an iterator (out, src restrided, index).
void run_gather(const TensorIterator& iter, Dtype index_dtype, int64_t stride,
                const GatherCheck& check) {
  const int8_t device = iter.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  const int64_t item = element_size(iter.dtype(0));
  detail::dispatch_element_size(item, [&]<class U>() {
    for_each_iter_piece<3>(iter, [&](uint32_t n, const Pointers<3>& ptrs,
                                     const OffsetCalculator<3>& calc) {
      if (index_dtype == kInt) {
        gather_elements_kernel<U, int32_t>
            <<<index_blocks(n), kIndexThreads, 0, stream>>>(n, ptrs, calc, stride * item, check);
      } else {
        gather_elements_kernel<U, int64_t>
            <<<index_blocks(n), kIndexThreads, 0, stream>>>(n, ptrs, calc, stride * item, check);
      }
      EMBER_CUDA_LAUNCH_CHECK("gather_elements_kernel");
    });
  });
}

// The checks of index_select and gather: indices in [0, size) along `dim`.
GatherCheck checked(const Tensor& out, IndexOp op, int64_t dim, int64_t size) {
  const int8_t device = out.device().index();
  impl::RawDeviceGuard guard(device);
  return GatherCheck{impl::index_error_slot(device), op, dim, size};
}

// A 0-d tensor as a 1-d tensor of one element (gather/scatter treat them alike).
Tensor as_1d(const Tensor& t) {
  return t.dim() > 0 ? t : detail::make_view(t, {1}, {1}, t.storage_offset());
}

// `t` seen with `sizes`, its stride along `dim` set to 0.
Tensor restride(const Tensor& t, IntArrayRef sizes, int64_t dim) {
  DimVector strides(t.strides());
  strides[dim] = 0;
  return detail::make_view(t, sizes, strides, t.storage_offset());
}

// offsets = wrap(i) * stride (first index) or acc + wrap(i) * stride; a bad i is reported and
// makes the offset kBadOffset, which later indices keep.
struct FirstOffset {
  int64_t size, stride, dim;
  IndexErrorSlot slot;
  EMBER_HOST_DEVICE int64_t operator()(int64_t i) const {
    if (i < -size || i >= size) {
      report_bad_index(slot, IndexOp::kIndex, i, dim, size);
      return kBadOffset;
    }
    return (i < 0 ? i + size : i) * stride;
  }
};
struct NextOffset {
  FirstOffset first;
  EMBER_HOST_DEVICE int64_t operator()(int64_t acc, int64_t i) const {
    const int64_t off = first(i);
    return acc == kBadOffset || off == kBadOffset ? kBadOffset : acc + off;
  }
};

}  // namespace

void index_offsets_kernel(const Tensor& out, ArrayRef<Tensor> indices, IntArrayRef sizes,
                          IntArrayRef strides, IntArrayRef dims) {
  if (out.numel() == 0) return;
  const int8_t device = out.device().index();
  IndexErrorSlot slot;
  {
    impl::RawDeviceGuard guard(device);
    slot = impl::index_error_slot(device);
  }
  for (size_t k = 0; k < indices.size(); ++k) {
    const FirstOffset first{sizes[k], strides[k], dims[k], slot};
    if (k == 0) {
      auto iter =
          TensorIteratorConfig().op_name("index").add_output(out).add_input(indices[k]).build();
      gpu_kernel(iter, first);
    } else {
      auto iter = TensorIteratorConfig()
                      .op_name("index")
                      .add_output(out)
                      .add_input(out)
                      .add_input(indices[k])
                      .build();
      gpu_kernel(iter, NextOffset{first});
    }
  }
}

void index_kernel(TensorIterator& iter) { run_gather(iter, kLong, 1, GatherCheck{}); }

void index_select_kernel(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index) {
  if (out.numel() == 0) return;
  const Tensor out1 = as_1d(out), in1 = as_1d(in), index1 = as_1d(index);
  // The index walks `dim` of the result; every other dimension reuses it (stride 0).
  DimVector index_strides(static_cast<size_t>(out1.dim()), 0);
  index_strides[dim] = index1.strides()[0];
  const Tensor index_view =
      detail::make_view(index1, out1.sizes(), index_strides, index1.storage_offset());
  auto iter = TensorIteratorConfig()
                  .op_name("index_select")
                  .add_output(out1)
                  .add_input(restride(in1, out1.sizes(), dim))
                  .add_input(index_view)
                  .build();
  run_gather(iter, index.dtype(), in1.strides()[dim],
             checked(out, IndexOp::kIndexSelect, dim, in1.sizes()[dim]));
}

void gather_kernel(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index) {
  if (out.numel() == 0) return;
  const Tensor out1 = as_1d(out), in1 = as_1d(in), index1 = as_1d(index);
  auto iter = TensorIteratorConfig()
                  .op_name("gather")
                  .add_output(out1)
                  .add_input(restride(in1, index1.sizes(), dim))
                  .add_input(index1)
                  .build();
  run_gather(iter, kLong, in1.strides()[dim],
             checked(out, IndexOp::kGather, dim, in1.sizes()[dim]));
}

}  // namespace ember::cuda
