// Scatters on the GPU: scatter_add_, scatter_reduce_'s prod / amax / amin and advanced indexing's
// write (index_put_, with or without accumulate). Bad indices are skipped and reported at the next
// synchronisation (IndexErrors.h): the other elements are still written. Accumulation uses atomic
// adds (native for half and bfloat16, a compare-and-swap loop for other 1- and 2-byte types; prod,
// amax and amin always a compare-and-swap loop),
// so floating-point sums into one element may round differently from the CPU's serial order,
// as in PyTorch's CUDA kernels. Without accumulate, which of several values written to one
// element lands is unspecified (PyTorch's CUDA index_put_ says the same).

#include <cstdint>
#include <type_traits>

#include "backends/cuda/IndexLaunch.cuh"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"
#include "core/TensorIterator.h"
#include "kernels/MinMax.h"

namespace ember::cuda {

using detail::TensorIterator;
using detail::TensorIteratorConfig;
namespace types = detail::types;

namespace {

// Operands (dst restrided, value, int64 offset k): dst[k] = value, or += with kAccumulate.
template <class T, bool kAccumulate>
__global__ void __launch_bounds__(kIndexThreads)
    put_elements_kernel(uint32_t n, Pointers<3> ptrs, OffsetCalculator<3> calc) {
  for (uint32_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    int64_t off[3];
    calc.get(i, off);
    const int64_t k = loops::load<int64_t>(ptrs.p[2] + off[2]);
    if (k == kBadOffset) continue;  // reported by the offset kernel
    T* dst = reinterpret_cast<T*>(ptrs.p[0] + off[0]) + k;
    const T v = loops::load<T>(ptrs.p[1] + off[1]);
    if constexpr (kAccumulate) {
      atomic_add(dst, v);
    } else {
      *dst = v;
    }
  }
}

// Operands (int64 index k, self restrided, src): self[k * step] = op(self[k * step], src)
// atomically; k outside [0, size) is reported as a bad index of `op_name` along `dim`.
template <class T, class Op>
__global__ void __launch_bounds__(kIndexThreads)
    scatter_elements_kernel(uint32_t n, Pointers<3> ptrs, OffsetCalculator<3> calc, int64_t step,
                            int64_t dim, int64_t size, IndexErrorSlot slot, IndexOp op_name) {
  for (uint32_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    int64_t off[3];
    calc.get(i, off);
    const int64_t k = loops::load<int64_t>(ptrs.p[0] + off[0]);
    if (static_cast<uint64_t>(k) >= static_cast<uint64_t>(size)) {
      report_bad_index(slot, op_name, k, dim, size);
      continue;
    }
    T* dst = reinterpret_cast<T*>(ptrs.p[1] + off[1]) + k * step;
    const T v = loops::load<T>(ptrs.p[2] + off[2]);
    if constexpr (std::is_same_v<Op, kernels::Add>) {
      atomic_add(dst, v);
    } else {
      atomic_combine(dst, v, Op{});
    }
  }
}

Tensor as_1d(const Tensor& t) {
  return t.dim() > 0 ? t : detail::make_view(t, {1}, {1}, t.storage_offset());
}

Tensor restride(const Tensor& t, IntArrayRef sizes, int64_t dim) {
  DimVector strides(t.strides());
  strides[dim] = 0;
  return detail::make_view(t, sizes, strides, t.storage_offset());
}

}  // namespace

void index_put_kernel(TensorIterator& iter, bool accumulate) {
  if (iter.numel() == 0) return;
  const int8_t device = iter.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kAll>(iter.dtype(0), "index_put_", kCUDA, [&]<class T>() {
    for_each_iter_piece<3>(iter, [&](uint32_t n, const Pointers<3>& ptrs,
                                     const OffsetCalculator<3>& calc) {
      if (accumulate) {
        put_elements_kernel<T, true><<<index_blocks(n), kIndexThreads, 0, stream>>>(n, ptrs, calc);
      } else {
        put_elements_kernel<T, false><<<index_blocks(n), kIndexThreads, 0, stream>>>(n, ptrs, calc);
      }
      EMBER_CUDA_LAUNCH_CHECK("put_elements_kernel");
    });
  });
}

namespace {

// Launches scatter_elements_kernel<T, Op> over self, index and src (the CPU's scatter_combine).
template <class Op>
void scatter_combine(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                     const char* op, IndexOp op_name) {
  const Tensor self1 = as_1d(self), index1 = as_1d(index), src1 = as_1d(src);
  if (index1.numel() == 0) return;
  const int64_t size = self1.sizes()[dim];
  const int8_t device = self.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  const IndexErrorSlot slot = impl::index_error_slot(device);
  const DimVector src_strides(src1.strides());
  auto iter =
      TensorIteratorConfig()
          .op_name(op)
          .add_input(index1)
          .add_input(restride(self1, index1.sizes(), dim))
          .add_input(detail::make_view(src1, index1.sizes(), src_strides, src1.storage_offset()))
          .build();
  const int64_t step = self1.strides()[dim];
  detail::dispatch_dtype<types::kAll>(self.dtype(), op, kCUDA, [&]<class T>() {
    for_each_iter_piece<3>(
        iter, [&](uint32_t n, const Pointers<3>& ptrs, const OffsetCalculator<3>& calc) {
          scatter_elements_kernel<T, Op><<<index_blocks(n), kIndexThreads, 0, stream>>>(
              n, ptrs, calc, step, dim, size, slot, op_name);
          EMBER_CUDA_LAUNCH_CHECK("scatter_elements_kernel");
        });
  });
}

}  // namespace

void scatter_add_kernel(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  scatter_combine<kernels::Add>(self, dim, index, src, "scatter_add_", IndexOp::kScatterAdd);
}

void scatter_reduce_kernel(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                           detail::ScatterReduction reduce) {
  constexpr IndexOp kOp = IndexOp::kScatterReduce;
  switch (reduce) {
    case detail::ScatterReduction::kProd:
      return scatter_combine<kernels::Mul>(self, dim, index, src, "scatter_reduce_", kOp);
    case detail::ScatterReduction::kAmax:
      return scatter_combine<kernels::Maximum>(self, dim, index, src, "scatter_reduce_", kOp);
    case detail::ScatterReduction::kAmin:
      return scatter_combine<kernels::Minimum>(self, dim, index, src, "scatter_reduce_", kOp);
  }
}

}  // namespace ember::cuda
