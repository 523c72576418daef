// fill_, arange and linspace on the GPU, with the CPU backend's arithmetic: arange computes in
// double (int64 for integers) with an unfused multiply and add (__dmul_rn, __dadd_rn) and
// rounds once; linspace is kernels/Linspace.h, the CPU's formula, so results match the CPU's
// bit for bit.

#include <cstring>

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "kernels/Linspace.h"

namespace ember::cuda {

namespace types = detail::types;

namespace {

template <class T>
struct FillFn {
  T value;
  EMBER_HOST_DEVICE T operator()() const { return value; }
};

template <class T>
bool all_zero_bits(const T& v) {
  unsigned char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  for (unsigned char b : bytes) {
    if (b != 0) return false;
  }
  return true;
}

constexpr int kThreads = 256;

unsigned grid_for(int64_t n) {
  const int64_t blocks = (n + kThreads - 1) / kThreads;
  return static_cast<unsigned>(blocks < 65536 ? blocks : 65536);
}

template <class T>
__global__ void range_kernel_impl(T* out, int64_t n, double start, double step) {
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += int64_t(blockDim.x) * gridDim.x) {
    out[i] = kernels::convert<T>(__dadd_rn(start, __dmul_rn(step, static_cast<double>(i))));
  }
}

template <class T>
__global__ void range_int_kernel_impl(T* out, int64_t n, int64_t start, int64_t step) {
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += int64_t(blockDim.x) * gridDim.x) {
    out[i] = static_cast<T>(kernels::wrapping_add(start, kernels::wrapping_mul(step, i)));
  }
}

template <class T>
__global__ void linspace_kernel_impl(T* out, kernels::Linspace<T> values) {
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < values.steps;
       i += int64_t(blockDim.x) * gridDim.x) {
    out[i] = values(i);
  }
}

}  // namespace

void fill_kernel(const Tensor& out, const Scalar& value) {
  if (out.numel() == 0) return;
  detail::dispatch_dtype<types::kAll>(out.dtype(), "fill_", kCUDA, [&]<class T>() {
    const T v = value.to<T>();
    if (out.is_contiguous() && all_zero_bits(v)) {
      const int8_t device = out.device().index();
      impl::RawDeviceGuard guard(device);
      EMBER_CUDA_CHECK(
          cudaMemsetAsync(out.data_ptr(), 0, out.nbytes(), impl::current_raw_stream(device)));
      return;
    }
    auto iter = detail::TensorIteratorConfig().add_output(out).op_name("fill_").build();
    gpu_kernel(iter, FillFn<T>{v});
  });
}

void range_kernel(const Tensor& out, const Scalar& start, const Scalar& step) {
  const int64_t n = out.numel();
  if (n == 0) return;
  const int8_t device = out.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kNumeric>(out.dtype(), "arange", kCUDA, [&]<class T>() {
    T* data = static_cast<T*>(out.data_ptr());
    if constexpr (std::is_integral_v<T>) {
      range_int_kernel_impl<T>
          <<<grid_for(n), kThreads, 0, stream>>>(data, n, start.toLong(), step.toLong());
    } else {
      range_kernel_impl<T>
          <<<grid_for(n), kThreads, 0, stream>>>(data, n, start.toDouble(), step.toDouble());
    }
    EMBER_CUDA_LAUNCH_CHECK("range_kernel");
  });
}

void linspace_kernel(const Tensor& out, const Scalar& start, const Scalar& end) {
  const int64_t steps = out.numel();
  if (steps == 0) return;
  const int8_t device = out.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kNumeric>(out.dtype(), "linspace", kCUDA, [&]<class T>() {
    const auto values = kernels::Linspace<T>::make(start.to<T>(), end.to<T>(), steps);
    linspace_kernel_impl<T>
        <<<grid_for(steps), kThreads, 0, stream>>>(static_cast<T*>(out.data_ptr()), values);
    EMBER_CUDA_LAUNCH_CHECK("linspace_kernel");
  });
}

}  // namespace ember::cuda
