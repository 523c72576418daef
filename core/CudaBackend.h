#pragma once

// The CUDA backend as seen by the core. libember.so never links CUDA: the backend lives in
// libember_cuda.so, which the core loads with dlopen the first time a program asks for CUDA
// (cuda::is_available(), a tensor on a cuda device, a stream, ...), as ggml loads its
// backends. Its one exported function, ember_cuda_backend_entry, registers the CUDA kernels,
// allocator and generators into the core's tables and returns this interface, through which
// the public ember::cuda API (include/ember/cuda, ember/core/Cuda.h) reaches the backend's
// implementation. Static builds link the backend in and call the entry point directly.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "ember/core/Tensor.h"
#include "ember/cuda/DeviceGuard.h"
#include "ember/cuda/Memory.h"
#include "ember/cuda/Stream.h"

namespace ember::distributed::detail {
class Backend;
struct NcclSetup;
}  // namespace ember::distributed::detail

namespace ember::detail {

/// Implemented by the CUDA backend library; every method is the backend's own implementation
/// of the public function of the same name. The ..._construct/_destroy methods run the
/// backend's constructor or destructor on an object the core allocated.
class CudaBackend {
 public:
  virtual ~CudaBackend() = default;

  /// Usable GPUs (0 without a driver or a GPU).
  virtual int64_t device_count() = 0;
  /// Why there is no usable GPU ("" when device_count() > 0).
  virtual std::string unavailable_reason() = 0;
  virtual void synchronize(int64_t device_index) = 0;
  virtual int64_t current_device() = 0;
  virtual void set_device(int64_t device_index) = 0;
  virtual void manual_seed(uint64_t seed) = 0;
  virtual void manual_seed_all(uint64_t seed) = 0;
  virtual void set_allow_tf32(bool allow) = 0;
  virtual bool allow_tf32() = 0;
  /// Where "cuda" without an index goes: the current device.
  virtual int8_t default_device_index() = 0;
  virtual bool is_pinned_pointer(const void* ptr) = 0;
  virtual Tensor pin_memory_copy(const Tensor& t) = 0;

  virtual bool stream_query(const cuda::Stream& s) = 0;
  virtual void stream_synchronize(const cuda::Stream& s) = 0;
  virtual void stream_wait_stream(const cuda::Stream& s, const cuda::Stream& other) = 0;
  virtual int stream_priority(const cuda::Stream& s) = 0;
  virtual cuda::Stream current_stream(int64_t device_index) = 0;
  virtual cuda::Stream default_stream(int64_t device_index) = 0;
  virtual cuda::Stream stream_from_pool(bool high_priority, int64_t device_index) = 0;
  virtual void set_current_stream(const cuda::Stream& s) = 0;
  virtual void stream_guard_construct(cuda::StreamGuard* g, const cuda::Stream& s) = 0;
  virtual void stream_guard_destroy(cuda::StreamGuard* g) = 0;

  virtual void event_destroy(cuda::Event* e) = 0;
  virtual void event_move_assign(cuda::Event& e, cuda::Event&& other) = 0;
  virtual void event_record(cuda::Event& e, const cuda::Stream& s) = 0;
  virtual void event_block(const cuda::Event& e, const cuda::Stream& s) = 0;
  virtual bool event_query(const cuda::Event& e) = 0;
  virtual void event_synchronize(const cuda::Event& e) = 0;
  virtual float event_elapsed_time(const cuda::Event& e, const cuda::Event& end) = 0;

  virtual void device_guard_construct(cuda::DeviceGuard* g, int64_t device_index) = 0;
  virtual void device_guard_destroy(cuda::DeviceGuard* g) = 0;
  virtual void device_guard_set_index(cuda::DeviceGuard& g, int64_t device_index) = 0;

  virtual cuda::MemoryStats memory_stats(int64_t device_index) = 0;
  virtual void reset_peak_memory_stats(int64_t device_index) = 0;
  virtual std::pair<size_t, size_t> mem_get_info(int64_t device_index) = 0;
  virtual void empty_cache() = 0;
  virtual void set_per_process_memory_fraction(double fraction, int64_t device_index) = 0;
  virtual void record_stream(const Tensor& t, const cuda::Stream& s) = 0;

  /// The NCCL process-group backend (distributed/backends/NcclBackend.cpp): joins the
  /// communicator of `setup`'s job. Throws when the backend was built without NCCL.
  virtual std::unique_ptr<distributed::detail::Backend> make_nccl_backend(
      const distributed::detail::NcclSetup& setup) = 0;
};

/// The backend, loaded (and its kernels registered) on the first call; nullptr when it could
/// not be loaded (Ember built without CUDA, libember_cuda.so or a CUDA library missing).
CudaBackend* cuda_backend();
/// The backend when it is already loaded, without loading it (nullptr otherwise).
CudaBackend* loaded_cuda_backend();
/// Why CUDA is not usable ("" when a GPU is): which library or driver is missing and why.
std::string cuda_unavailable_reason();
/// Seeding (cuda::manual_seed, cuda::manual_seed_all, hence ember::manual_seed) and the TF32
/// switch never load the backend: before it is loaded they are recorded and applied when it is.
void cuda_manual_seed_or_defer(uint64_t seed, bool all_devices);
void cuda_set_allow_tf32_or_defer(bool allow);
bool cuda_allow_tf32_or_deferred();
/// The loaded backend with at least one GPU, or an ember::Error "<what>: cuda is not
/// available: <reason>".
CudaBackend& require_cuda(const char* what);

}  // namespace ember::detail

/// The backend library's entry point: checks that it was built for this core version,
/// registers the CUDA kernels, allocator and generators, and returns the backend (nullptr
/// on a version mismatch).
extern "C" EMBER_API ember::detail::CudaBackend* ember_cuda_backend_entry(const char* core_version);
