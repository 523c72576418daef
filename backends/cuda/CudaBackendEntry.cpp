// The CUDA backend's one entry point (core/CudaBackend.h): registers the kernels, allocator
// and generators, and hands the core this backend's implementation of the public CUDA API.

#include <cstring>
#include <new>
#include <string>
#include <utility>

#include "backends/cuda/CudaDevice.h"
#include "core/CudaBackend.h"
#include "core/KernelTable.h"
#include "distributed/Backend.h"
#include "ember/Version.h"
#include "ember/core/Cuda.h"

namespace ember::detail {

// Defined by the backend (CudaHostAllocator.cpp, CudaDevice.cpp).
bool is_pinned_pointer(const void* ptr);
Tensor pin_memory_copy(const Tensor& t);
int8_t default_cuda_device_index();
}  // namespace ember::detail

namespace ember::distributed::detail {
// Defined by distributed/backends/NcclBackend.cpp when Ember is built with NCCL.
std::unique_ptr<Backend> make_nccl_backend(const NcclSetup& setup);
}  // namespace ember::distributed::detail

namespace ember::detail {

namespace {

class CudaBackendImpl final : public CudaBackend {
 public:
  int64_t device_count() override { return cuda::device_count(); }
  std::string unavailable_reason() override { return cuda::impl::unavailable_reason(); }
  void synchronize(int64_t device_index) override { cuda::synchronize(device_index); }
  int64_t current_device() override { return cuda::current_device(); }
  void set_device(int64_t device_index) override { cuda::set_device(device_index); }
  void manual_seed(uint64_t seed) override { cuda::manual_seed(seed); }
  void manual_seed_all(uint64_t seed) override { cuda::manual_seed_all(seed); }
  void set_allow_tf32(bool allow) override { cuda::set_allow_tf32(allow); }
  bool allow_tf32() override { return cuda::allow_tf32(); }
  int8_t default_device_index() override { return default_cuda_device_index(); }
  bool is_pinned_pointer(const void* ptr) override { return detail::is_pinned_pointer(ptr); }
  Tensor pin_memory_copy(const Tensor& t) override { return detail::pin_memory_copy(t); }

  bool stream_query(const cuda::Stream& s) override { return s.query(); }
  void stream_synchronize(const cuda::Stream& s) override { s.synchronize(); }
  void stream_wait_stream(const cuda::Stream& s, const cuda::Stream& other) override {
    s.wait_stream(other);
  }
  int stream_priority(const cuda::Stream& s) override { return s.priority(); }
  cuda::Stream current_stream(int64_t device_index) override {
    return cuda::current_stream(device_index);
  }
  cuda::Stream default_stream(int64_t device_index) override {
    return cuda::default_stream(device_index);
  }
  cuda::Stream stream_from_pool(bool high_priority, int64_t device_index) override {
    return cuda::stream_from_pool(high_priority, device_index);
  }
  void set_current_stream(const cuda::Stream& s) override { cuda::set_current_stream(s); }
  void stream_guard_construct(cuda::StreamGuard* g, const cuda::Stream& s) override {
    new (g) cuda::StreamGuard(s);
  }
  void stream_guard_destroy(cuda::StreamGuard* g) override { g->~StreamGuard(); }

  void event_destroy(cuda::Event* e) override { e->~Event(); }
  void event_move_assign(cuda::Event& e, cuda::Event&& other) override { e = std::move(other); }
  void event_record(cuda::Event& e, const cuda::Stream& s) override { e.record(s); }
  void event_block(const cuda::Event& e, const cuda::Stream& s) override { e.block(s); }
  bool event_query(const cuda::Event& e) override { return e.query(); }
  void event_synchronize(const cuda::Event& e) override { e.synchronize(); }
  float event_elapsed_time(const cuda::Event& e, const cuda::Event& end) override {
    return e.elapsed_time(end);
  }

  void device_guard_construct(cuda::DeviceGuard* g, int64_t device_index) override {
    new (g) cuda::DeviceGuard(device_index);
  }
  void device_guard_destroy(cuda::DeviceGuard* g) override { g->~DeviceGuard(); }
  void device_guard_set_index(cuda::DeviceGuard& g, int64_t device_index) override {
    g.set_index(device_index);
  }

  cuda::MemoryStats memory_stats(int64_t device_index) override {
    return cuda::memory_stats(device_index);
  }
  void reset_peak_memory_stats(int64_t device_index) override {
    cuda::reset_peak_memory_stats(device_index);
  }
  std::pair<size_t, size_t> mem_get_info(int64_t device_index) override {
    return cuda::mem_get_info(device_index);
  }
  void empty_cache() override { cuda::empty_cache(); }
  void set_per_process_memory_fraction(double fraction, int64_t device_index) override {
    cuda::set_per_process_memory_fraction(fraction, device_index);
  }
  void record_stream(const Tensor& t, const cuda::Stream& s) override { cuda::record_stream(t, s); }

  std::unique_ptr<distributed::detail::Backend> make_nccl_backend(
      const distributed::detail::NcclSetup& setup) override {
#ifdef EMBER_WITH_NCCL
    return distributed::detail::make_nccl_backend(setup);
#else
    (void)setup;
    ember::detail::throw_error("the nccl backend was not built into this Ember's CUDA backend");
#endif
  }
};

}  // namespace
}  // namespace ember::detail

extern "C" EMBER_API ember::detail::CudaBackend* ember_cuda_backend_entry(
    const char* core_version) {
  if (core_version == nullptr || std::strcmp(core_version, EMBER_VERSION_STRING) != 0) {
    return nullptr;
  }
  static ember::detail::CudaBackendImpl backend;
  ember::detail::register_cuda_kernels();  // registers nothing without a usable GPU
  return &backend;
}
