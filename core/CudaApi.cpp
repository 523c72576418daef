// The public ember::cuda API of libember: each function reaches the CUDA backend library
// (loaded on first use, see CudaBackend.h) or, when CUDA is not usable, answers as PyTorch
// does without a GPU: queries report none, statistics are zero, seeding and settings are
// remembered for later, and every action throws an ember::Error that says why CUDA is not
// available. Static builds with CUDA link the backend's own definitions instead.

#include <utility>

#include "core/CudaBackend.h"
#include "ember/core/Check.h"
#include "ember/core/Cuda.h"

namespace ember {
namespace detail {
namespace {

// The backend when it is loaded with a GPU (loading it on first use).
CudaBackend* usable_backend() {
  CudaBackend* b = cuda_backend();
  return b == nullptr || b->device_count() == 0 ? nullptr : b;
}

// The backend only when something already loaded it (never loads it).
CudaBackend* usable_backend_if_loaded() {
  return loaded_cuda_backend() == nullptr ? nullptr : usable_backend();
}

CudaBackend& require(const char* what) {
  require_cuda(what);
  return *usable_backend();
}

}  // namespace

bool is_pinned_pointer(const void* ptr) {
  // Pinned memory comes only from the backend: none exists before it is loaded.
  CudaBackend* b = usable_backend_if_loaded();
  return b != nullptr && b->is_pinned_pointer(ptr);
}

Tensor pin_memory_copy(const Tensor& t) { return require("pin_memory").pin_memory_copy(t); }

int8_t default_cuda_device_index() {
  CudaBackend* b = usable_backend();
  return b == nullptr ? 0 : b->default_device_index();
}

}  // namespace detail

namespace cuda {
using detail::CudaBackend;

bool is_available() { return detail::usable_backend() != nullptr; }
int64_t device_count() {
  CudaBackend* b = detail::usable_backend();
  return b == nullptr ? 0 : b->device_count();
}
void synchronize(int64_t device_index) {
  detail::require("cuda::synchronize").synchronize(device_index);
}
int64_t current_device() { return detail::require("cuda::current_device").current_device(); }
void set_device(int64_t device_index) {
  detail::require("cuda::set_device").set_device(device_index);
}

// Seeding and the TF32 switch never load the backend (see CudaBackend.h).
void manual_seed(uint64_t seed) { detail::cuda_manual_seed_or_defer(seed, false); }
void manual_seed_all(uint64_t seed) { detail::cuda_manual_seed_or_defer(seed, true); }
void set_allow_tf32(bool allow) { detail::cuda_set_allow_tf32_or_defer(allow); }
bool allow_tf32() { return detail::cuda_allow_tf32_or_deferred(); }

// ---- Streams and events ----------------------------------------------------------------

bool Stream::query() const { return detail::require("cuda::Stream::query").stream_query(*this); }
void Stream::synchronize() const {
  detail::require("cuda::Stream::synchronize").stream_synchronize(*this);
}
void Stream::wait_stream(const Stream& other) const {
  detail::require("cuda::Stream::wait_stream").stream_wait_stream(*this, other);
}
int Stream::priority() const {
  return detail::require("cuda::Stream::priority").stream_priority(*this);
}
Stream current_stream(int64_t device_index) {
  return detail::require("cuda::current_stream").current_stream(device_index);
}
Stream default_stream(int64_t device_index) {
  return detail::require("cuda::default_stream").default_stream(device_index);
}
Stream stream_from_pool(bool high_priority, int64_t device_index) {
  return detail::require("cuda::stream_from_pool").stream_from_pool(high_priority, device_index);
}
void set_current_stream(const Stream& stream) {
  detail::require("cuda::set_current_stream").set_current_stream(stream);
}

StreamGuard::StreamGuard(const Stream& stream)
    : original_stream_(stream), current_(stream), original_device_(-1) {
  detail::require("cuda::StreamGuard").stream_guard_construct(this, stream);
}
StreamGuard::~StreamGuard() {
  (void)original_device_;  // restored by the backend's guard (clang: otherwise "unused" here)
  detail::loaded_cuda_backend()->stream_guard_destroy(this);
}

// An event is created (event_ set) only by the backend, so one that holds an event implies a
// loaded backend.
Event::~Event() {
  if (event_ != nullptr) detail::loaded_cuda_backend()->event_destroy(this);
}
Event::Event(Event&& other) noexcept
    : event_(std::exchange(other.event_, nullptr)),
      device_index_(other.device_index_),
      enable_timing_(other.enable_timing_) {}
Event& Event::operator=(Event&& other) noexcept {
  if (event_ != nullptr || other.event_ != nullptr) {
    detail::loaded_cuda_backend()->event_move_assign(*this, std::move(other));
  } else {
    device_index_ = other.device_index_;
    enable_timing_ = other.enable_timing_;
  }
  return *this;
}
void Event::record() { record(current_stream()); }
void Event::record(const Stream& stream) {
  detail::require("cuda::Event::record").event_record(*this, stream);
}
void Event::block(const Stream& stream) const {
  detail::require("cuda::Event::block").event_block(*this, stream);
}
bool Event::query() const {
  return event_ == nullptr || detail::loaded_cuda_backend()->event_query(*this);
}
void Event::synchronize() const {
  if (event_ != nullptr) detail::loaded_cuda_backend()->event_synchronize(*this);
}
float Event::elapsed_time(const Event& end) const {
  return detail::require("cuda::Event::elapsed_time").event_elapsed_time(*this, end);
}

// ---- Device guard ----------------------------------------------------------------------

DeviceGuard::DeviceGuard(Device device) : DeviceGuard(device.is_cuda() ? device.index() : -1) {}
DeviceGuard::DeviceGuard(int64_t device_index) {
  // A CPU device (index -1) leaves everything unchanged and never loads CUDA.
  if (device_index == -1) return;
  detail::require("cuda::DeviceGuard").device_guard_construct(this, device_index);
}
DeviceGuard::~DeviceGuard() {
  if (original_ != -1) detail::loaded_cuda_backend()->device_guard_destroy(this);
}
void DeviceGuard::set_index(int64_t device_index) {
  detail::require("cuda::DeviceGuard").device_guard_set_index(*this, device_index);
}

// ---- Memory ----------------------------------------------------------------------------
// Before the backend is loaded no CUDA memory exists: statistics are zero without loading it.

MemoryStats memory_stats(int64_t device_index) {
  CudaBackend* b = detail::usable_backend_if_loaded();
  return b == nullptr ? MemoryStats{} : b->memory_stats(device_index);
}
void reset_peak_memory_stats(int64_t device_index) {
  if (CudaBackend* b = detail::usable_backend_if_loaded()) b->reset_peak_memory_stats(device_index);
}
std::pair<size_t, size_t> mem_get_info(int64_t device_index) {
  return detail::require("cuda::mem_get_info").mem_get_info(device_index);
}
void empty_cache() {
  if (CudaBackend* b = detail::usable_backend_if_loaded()) b->empty_cache();
}
void set_per_process_memory_fraction(double fraction, int64_t device_index) {
  detail::require("cuda::set_per_process_memory_fraction")
      .set_per_process_memory_fraction(fraction, device_index);
}
void record_stream(const Tensor& t, const Stream& stream) {
  detail::require("cuda::record_stream").record_stream(t, stream);
}

}  // namespace cuda
}  // namespace ember
