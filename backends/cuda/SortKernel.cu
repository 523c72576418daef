// Stable sort along a dim on the GPU with CUB's radix sort: the dim is moved last (a
// contiguous copy when it is not already), each element becomes an order-preserving unsigned
// key (kernels/SortKey.h, as on the CPU: NaN above everything, -0.0 equal to
// 0.0, descending as the complemented key) paired with its position, the lines are sorted as
// segments (one line: the plain device-wide sort), and the values are gathered back through
// the sorted positions. CUB's radix sort is stable, so equal elements keep their order.

#include <cuda_runtime_api.h>

#include <cstdint>
#include <cstring>
#include <cub/device/device_radix_sort.cuh>
#include <cub/device/device_segmented_radix_sort.cuh>
#include <string>
#include <type_traits>

#include "backends/cuda/CudaCachingAllocator.h"
#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "ember/core/Error.h"
#include "kernels/SortKey.h"

namespace ember::cuda {

namespace types = detail::types;

namespace {

constexpr int kThreads = 256;

unsigned blocks_for(int64_t n) {
  return static_cast<unsigned>(std::min<int64_t>((n + kThreads - 1) / kThreads, 65535 * 16));
}

template <class T>
using key_t = kernels::sort_key_t<T>;

// keys[i] = key of x[i] (complemented for descending), positions[i] = i within its line.
template <class T>
__global__ void make_keys_kernel(const T* x, key_t<T>* keys, int64_t* positions, int64_t n,
                                 int64_t size, key_t<T> flip) {
  const int64_t stride = int64_t(gridDim.x) * blockDim.x;
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride) {
    keys[i] = kernels::sort_key(x[i]) ^ flip;
    positions[i] = i % size;
  }
}

// offsets[l] = l * size for l <= lines: where each segment begins (and the last ends).
__global__ void segment_offsets_kernel(int64_t* offsets, int64_t lines, int64_t size) {
  const int64_t stride = int64_t(gridDim.x) * blockDim.x;
  for (int64_t l = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; l <= lines; l += stride) {
    offsets[l] = l * size;
  }
}

template <class T>
__global__ void gather_values_kernel(const T* x, const int64_t* positions, T* values, int64_t n,
                                     int64_t size) {
  const int64_t stride = int64_t(gridDim.x) * blockDim.x;
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride) {
    values[i] = x[(i / size) * size + positions[i]];
  }
}

}  // namespace

void sort_kernel(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim,
                 bool descending) {
  const int64_t n = in.numel();
  if (n == 0) return;
  const int64_t last = in.dim() - 1;
  // The dim last, contiguous: lines of `size` elements one after another.
  const Tensor x = dim == last ? in : in.transpose(dim, last).contiguous();
  const int64_t size = x.size(last);
  const int64_t lines = n / size;
  if (n > int64_t{INT32_MAX}) {
    detail::throw_error("sort: " + std::to_string(n) + " elements are too many on cuda (at most " +
                        std::to_string(INT32_MAX) + ")");
  }
  const Device device = in.device();
  impl::RawDeviceGuard guard(device.index());
  const cudaStream_t stream = impl::current_raw_stream(device.index());
  const Tensor sorted_values =
      dim == last ? values : detail::empty_tensor(x.sizes(), x.dtype(), device);
  const Tensor sorted_positions =
      dim == last ? indices : detail::empty_tensor(x.sizes(), kLong, device);
  detail::dispatch_dtype<types::kAll>(in.dtype(), "sort", kCUDA, [&]<class T>() {
    using K = key_t<T>;
    const Tensor keys =
        detail::empty_tensor({2 * n * static_cast<int64_t>(sizeof(K))}, kByte, device);
    const Tensor positions = detail::empty_tensor({n}, kLong, device);
    const Tensor offsets = detail::empty_tensor({lines + 1}, kLong, device);
    K* keys_in = static_cast<K*>(keys.data_ptr());
    K* keys_out = keys_in + n;
    int64_t* pos_in = positions.data_ptr<int64_t>();
    int64_t* pos_out = sorted_positions.data_ptr<int64_t>();
    int64_t* off = lines > 1 ? offsets.data_ptr<int64_t>() : nullptr;
    const T* xp = static_cast<const T*>(x.data_ptr());
    make_keys_kernel<T><<<blocks_for(n), kThreads, 0, stream>>>(xp, keys_in, pos_in, n, size,
                                                                descending ? ~K{0} : K{0});
    EMBER_CUDA_LAUNCH_CHECK("make_keys_kernel");
    if (off != nullptr) {
      segment_offsets_kernel<<<blocks_for(lines + 1), kThreads, 0, stream>>>(off, lines, size);
      EMBER_CUDA_LAUNCH_CHECK("segment_offsets_kernel");
    }
    const int items = static_cast<int>(n);
    const auto run = [&](void* temp, size_t& bytes) {
      if (lines == 1) {
        return cub::DeviceRadixSort::SortPairs(temp, bytes, keys_in, keys_out, pos_in, pos_out,
                                               items, 0, int(sizeof(K) * 8), stream);
      }
      return cub::DeviceSegmentedRadixSort::SortPairs(temp, bytes, keys_in, keys_out, pos_in,
                                                      pos_out, items, static_cast<int>(lines), off,
                                                      off + 1, 0, int(sizeof(K) * 8), stream);
    };
    size_t temp_bytes = 0;
    EMBER_CUDA_CHECK(run(nullptr, temp_bytes));
    DataPtr temp = impl::device_allocator()->allocate(temp_bytes > 0 ? temp_bytes : 1, device);
    EMBER_CUDA_CHECK(run(temp.get(), temp_bytes));
    gather_values_kernel<T><<<blocks_for(n), kThreads, 0, stream>>>(
        xp, pos_out, static_cast<T*>(sorted_values.data_ptr()), n, size);
    EMBER_CUDA_LAUNCH_CHECK("gather_values_kernel");
  });
  if (dim != last) {
    Tensor(values).copy_(sorted_values.transpose(dim, last));
    Tensor(indices).copy_(sorted_positions.transpose(dim, last));
  }
}

}  // namespace ember::cuda
