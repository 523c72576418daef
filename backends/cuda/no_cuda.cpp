// The CUDA backend of a build without the CUDA toolkit: nothing is registered, so any use of
// a CUDA device fails with a clear error from the allocator lookup; the queries report no
// GPU, the statistics are zero and every action on a stream, event or device throws.

#include <utility>

#include "core/KernelTable.h"
#include "ember/core/Check.h"
#include "ember/core/Cuda.h"
#include "ember/core/Tensor.h"
#include "ember/cuda/DeviceGuard.h"
#include "ember/cuda/Memory.h"
#include "ember/cuda/Stream.h"

namespace ember {
namespace {
[[noreturn]] void no_cuda(const char* what) {
  EMBER_FAIL("{}: Ember was built without CUDA support", what);
}
}  // namespace

namespace detail {
void register_cuda_kernels() {}
bool is_pinned_pointer(const void* /*ptr*/) { return false; }
Tensor pin_memory_copy(const Tensor& /*t*/) {
  EMBER_FAIL("pin_memory: pinned memory needs CUDA, and Ember was built without CUDA support");
}
int8_t default_cuda_device_index() { return 0; }
}  // namespace detail

namespace cuda {
bool is_available() { return false; }
int64_t device_count() { return 0; }
void synchronize(int64_t /*device_index*/) { no_cuda("cuda::synchronize"); }
int64_t current_device() { no_cuda("cuda::current_device"); }
void set_device(int64_t /*device_index*/) { no_cuda("cuda::set_device"); }
void manual_seed(uint64_t /*seed*/) {}
void manual_seed_all(uint64_t /*seed*/) {}
void set_allow_tf32(bool /*allow*/) {}
bool allow_tf32() { return false; }

bool Stream::query() const { no_cuda("cuda::Stream::query"); }
void Stream::synchronize() const { no_cuda("cuda::Stream::synchronize"); }
void Stream::wait_stream(const Stream& /*other*/) const { no_cuda("cuda::Stream::wait_stream"); }
int Stream::priority() const { no_cuda("cuda::Stream::priority"); }
Stream current_stream(int64_t /*device_index*/) { no_cuda("cuda::current_stream"); }
Stream default_stream(int64_t /*device_index*/) { no_cuda("cuda::default_stream"); }
Stream stream_from_pool(bool /*high_priority*/, int64_t /*device_index*/) {
  no_cuda("cuda::stream_from_pool");
}
void set_current_stream(const Stream& /*stream*/) { no_cuda("cuda::set_current_stream"); }
StreamGuard::StreamGuard(const Stream& stream)
    : original_stream_(stream), current_(stream), original_device_(-1) {
  no_cuda("cuda::StreamGuard");
}
// Never reached (the constructor throws); reading the field keeps clang's
// -Wunused-private-field quiet in builds without CUDA (the fuzzers are built with clang).
StreamGuard::~StreamGuard() { (void)original_device_; }

Event::~Event() = default;
Event::Event(Event&& other) noexcept
    : event_(std::exchange(other.event_, nullptr)),
      device_index_(other.device_index_),
      enable_timing_(other.enable_timing_) {}
Event& Event::operator=(Event&& other) noexcept {
  event_ = std::exchange(other.event_, nullptr);
  device_index_ = other.device_index_;
  enable_timing_ = other.enable_timing_;
  return *this;
}
void Event::record() { no_cuda("cuda::Event::record"); }
void Event::record(const Stream& /*stream*/) { no_cuda("cuda::Event::record"); }
void Event::block(const Stream& /*stream*/) const { no_cuda("cuda::Event::block"); }
bool Event::query() const { return true; }
void Event::synchronize() const {}
float Event::elapsed_time(const Event& /*end*/) const { no_cuda("cuda::Event::elapsed_time"); }

DeviceGuard::DeviceGuard(Device device) {
  if (device.is_cuda()) no_cuda("cuda::DeviceGuard");
}
DeviceGuard::DeviceGuard(int64_t device_index) {
  if (device_index != -1) no_cuda("cuda::DeviceGuard");
}
DeviceGuard::~DeviceGuard() = default;
void DeviceGuard::set_index(int64_t /*device_index*/) { no_cuda("cuda::DeviceGuard"); }

MemoryStats memory_stats(int64_t /*device_index*/) { return {}; }
size_t memory_allocated(int64_t /*device_index*/) { return 0; }
size_t max_memory_allocated(int64_t /*device_index*/) { return 0; }
size_t memory_reserved(int64_t /*device_index*/) { return 0; }
size_t max_memory_reserved(int64_t /*device_index*/) { return 0; }
void reset_peak_memory_stats(int64_t /*device_index*/) {}
std::pair<size_t, size_t> mem_get_info(int64_t /*device_index*/) { no_cuda("cuda::mem_get_info"); }
void empty_cache() {}
void set_per_process_memory_fraction(double /*fraction*/, int64_t /*device_index*/) {
  no_cuda("cuda::set_per_process_memory_fraction");
}
void record_stream(const Tensor& /*t*/, const Stream& /*stream*/) {
  no_cuda("cuda::record_stream");
}
}  // namespace cuda
}  // namespace ember
