// copy_ whenever a GPU is involved: host to device, device to host, within a device and
// between devices, with dtype conversion and any strides.
//
// Plain transfers (same dtype, both contiguous) are one cudaMemcpyAsync on the current stream
// of the GPU involved. Anything else goes through contiguous temporaries, converting on the
// GPU when the destination is one (or the copy is non_blocking) and on the host otherwise, as
// PyTorch does. Copies touching the host synchronise the stream unless non_blocking; a
// non-blocking copy from or to pinned memory keeps that memory from reuse until it finishes.

#include "backends/cuda/CudaCachingAllocator.h"
#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"
#include "core/TensorIterator.h"
#include "ember/cuda/Stream.h"

namespace ember::cuda {

namespace impl {
// CopyKernelsFloating.cu and CopyKernelsIntegral.cu: the conversion kernels by destination.
void convert_copy_to_floating(detail::TensorIterator& iter);
void convert_copy_to_integral(detail::TensorIterator& iter);
}  // namespace impl

namespace {

bool plain_copy(const Tensor& dst, const Tensor& src) {
  return dst.dtype() == src.dtype() && dst.is_contiguous() && src.is_contiguous();
}

// Whether the byte ranges of two contiguous tensors overlap.
bool overlaps(const Tensor& a, const Tensor& b) {
  if (!a.storage().is_alias_of(b.storage())) return false;
  const char* pa = static_cast<const char*>(a.data_ptr());
  const char* pb = static_cast<const char*>(b.data_ptr());
  return pa < pb + b.nbytes() && pb < pa + a.nbytes();
}

void copy_within_device(const Tensor& dst, const Tensor& src) {
  const int8_t device = dst.device().index();
  if (plain_copy(dst, src) && (dst.data_ptr() == src.data_ptr() || !overlaps(dst, src))) {
    if (dst.data_ptr() == src.data_ptr()) return;
    impl::RawDeviceGuard guard(device);
    EMBER_CUDA_CHECK(cudaMemcpyAsync(dst.data_ptr(), src.data_ptr(), dst.nbytes(),
                                     cudaMemcpyDeviceToDevice, impl::current_raw_stream(device)));
    return;
  }
  // The iterator rejects partial overlap, as on the CPU.
  auto iter =
      detail::TensorIteratorConfig().add_output(dst).add_input(src).op_name("copy_").build();
  convert_copy_kernel(iter);
}

void copy_between_devices(const Tensor& dst, const Tensor& src, bool non_blocking) {
  if (!plain_copy(dst, src)) {
    // Convert on the source device, transfer contiguous, then scatter on the destination.
    Tensor dst_contig =
        dst.is_contiguous() ? dst : detail::empty_tensor(dst.sizes(), dst.dtype(), dst.device());
    const Tensor src_contig = src.to(dst.dtype()).expand_as(dst).contiguous();
    dst_contig.copy_(src_contig, non_blocking);
    if (!dst_contig.is_same(dst)) Tensor(dst).copy_(dst_contig, non_blocking);
    return;
  }
  // A two-way barrier: the copy (queued on the source's stream) waits for the destination's
  // earlier work, and the destination's later work waits for the copy.
  const Stream src_stream = current_stream(src.device().index());
  const Stream dst_stream = current_stream(dst.device().index());
  Event dst_ready;
  dst_ready.record(dst_stream);
  dst_ready.block(src_stream);
  {
    impl::RawDeviceGuard guard(src.device().index());
    EMBER_CUDA_CHECK(cudaMemcpyPeerAsync(dst.data_ptr(), dst.device().index(), src.data_ptr(),
                                         src.device().index(), dst.nbytes(),
                                         static_cast<cudaStream_t>(src_stream.native_handle())));
  }
  Event src_done;
  src_done.record(src_stream);
  src_done.block(dst_stream);
}

void copy_host_device(const Tensor& dst, const Tensor& src, bool non_blocking) {
  if (!plain_copy(dst, src)) {
    Tensor dst_contig, src_contig;
    if (dst.is_cuda() || non_blocking) {
      // Convert on the source side, before the transfer.
      dst_contig =
          dst.is_contiguous() ? dst : detail::empty_tensor(dst.sizes(), dst.dtype(), dst.device());
      src_contig = src.to(dst.dtype()).expand_as(dst).contiguous();
    } else {
      // Device to host: transfer in the source dtype, convert on the host.
      const bool same_type = dst.dtype() == src.dtype();
      dst_contig = dst.is_contiguous() && same_type
                       ? dst
                       : detail::empty_tensor(dst.sizes(), src.dtype(), dst.device());
      src_contig = src.expand_as(dst).contiguous();
    }
    dst_contig.copy_(src_contig, non_blocking);
    if (!dst_contig.is_same(dst)) Tensor(dst).copy_(dst_contig, non_blocking);
    return;
  }
  const bool to_device = dst.is_cuda();
  const Tensor& gpu = to_device ? dst : src;
  const Tensor& host = to_device ? src : dst;
  const int8_t device = gpu.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  EMBER_CUDA_CHECK(cudaMemcpyAsync(dst.data_ptr(), src.data_ptr(), dst.nbytes(),
                                   to_device ? cudaMemcpyHostToDevice : cudaMemcpyDeviceToHost,
                                   stream));
  if (non_blocking) {
    impl::record_host_use(host.storage().data(), device, stream);
  } else {
    impl::synchronize_stream(stream);
  }
}

}  // namespace

void copy_kernel(const Tensor& dst, const Tensor& src, bool non_blocking) {
  if (dst.numel() == 0) return;
  if (dst.is_cuda() && src.is_cuda()) {
    if (dst.device() == src.device()) {
      copy_within_device(dst, src);
    } else {
      copy_between_devices(dst, src, non_blocking);
    }
    return;
  }
  copy_host_device(dst, src, non_blocking);
}

void convert_copy_kernel(detail::TensorIterator& iter) {
  if (is_floating_type(iter.dtype(0))) {
    impl::convert_copy_to_floating(iter);
  } else {
    impl::convert_copy_to_integral(iter);
  }
}

}  // namespace ember::cuda
