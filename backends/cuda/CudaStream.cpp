// Streams (a per-device pool handed out round-robin, a per-thread current stream) and events.

#include "backends/cuda/CudaStream.h"

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <utility>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/IndexErrors.h"
#include "ember/core/Check.h"
#include "ember/cuda/Stream.h"

namespace ember::cuda {
namespace {

constexpr int kStreamsPerPool = 32;
constexpr int kMaxDevices = 128;  // Device indices are int8_t

// Pool streams are created on first use and never destroyed (work may still be queued on
// them when the process exits).
struct DeviceStreams {
  std::once_flag created;
  std::array<cudaStream_t, kStreamsPerPool> normal{};
  std::array<cudaStream_t, kStreamsPerPool> high{};
  std::atomic<uint32_t> next_normal{0};
  std::atomic<uint32_t> next_high{0};
};

DeviceStreams& device_streams(int8_t device) {
  static std::unique_ptr<DeviceStreams[]> all =
      std::make_unique<DeviceStreams[]>(static_cast<size_t>(impl::device_count_raw()));
  DeviceStreams& s = all[static_cast<size_t>(device)];
  std::call_once(s.created, [&s, device] {
    impl::RawDeviceGuard guard(device);
    int least = 0, greatest = 0;
    EMBER_CUDA_CHECK(cudaDeviceGetStreamPriorityRange(&least, &greatest));
    for (int i = 0; i < kStreamsPerPool; ++i) {
      EMBER_CUDA_CHECK(cudaStreamCreateWithPriority(&s.normal[i], cudaStreamNonBlocking, least));
      EMBER_CUDA_CHECK(cudaStreamCreateWithPriority(&s.high[i], cudaStreamNonBlocking, greatest));
    }
  });
  return s;
}

// Each thread's current stream per device; nullptr is the device's default stream.
std::array<cudaStream_t, kMaxDevices>& thread_current_streams() {
  thread_local std::array<cudaStream_t, kMaxDevices> streams{};
  return streams;
}

cudaStream_t raw(const Stream& s) { return static_cast<cudaStream_t>(s.native_handle()); }

}  // namespace

namespace impl {
cudaStream_t current_raw_stream(int8_t device) {
  return thread_current_streams()[static_cast<size_t>(device)];
}

void synchronize_stream(cudaStream_t stream) {
  EMBER_CUDA_CHECK(cudaStreamSynchronize(stream));
  throw_pending_index_error();
}
}  // namespace impl

bool Stream::query() const {
  impl::RawDeviceGuard guard(device_index_);
  const cudaError_t err = cudaStreamQuery(raw(*this));
  if (err == cudaErrorNotReady) {
    (void)cudaGetLastError();
    return false;
  }
  EMBER_CUDA_CHECK(err);
  return true;
}

void Stream::synchronize() const {
  impl::RawDeviceGuard guard(device_index_);
  impl::synchronize_stream(raw(*this));
}

void Stream::wait_stream(const Stream& other) const {
  if (other == *this) return;
  Event done;
  done.record(other);
  done.block(*this);
}

int Stream::priority() const {
  impl::RawDeviceGuard guard(device_index_);
  int p = 0;
  EMBER_CUDA_CHECK(cudaStreamGetPriority(raw(*this), &p));
  return p;
}

Stream current_stream(int64_t device_index) {
  const int8_t d = impl::resolve_device_index(device_index);
  return Stream(d, impl::current_raw_stream(d));
}

Stream default_stream(int64_t device_index) {
  return Stream(impl::resolve_device_index(device_index));
}

Stream stream_from_pool(bool high_priority, int64_t device_index) {
  const int8_t d = impl::resolve_device_index(device_index);
  DeviceStreams& s = device_streams(d);
  auto& next = high_priority ? s.next_high : s.next_normal;
  const uint32_t i = next.fetch_add(1, std::memory_order_relaxed) % kStreamsPerPool;
  return Stream(d, high_priority ? s.high[i] : s.normal[i]);
}

void set_current_stream(const Stream& stream) {
  impl::check_device_index(stream.device_index());
  thread_current_streams()[static_cast<size_t>(stream.device_index())] = raw(stream);
}

StreamGuard::StreamGuard(const Stream& stream)
    : original_stream_(cuda::current_stream(stream.device_index())),
      current_(stream),
      original_device_(impl::current_device_index()) {
  impl::set_current_device_index(stream.device_index());
  set_current_stream(stream);
}

StreamGuard::~StreamGuard() {
  thread_current_streams()[static_cast<size_t>(original_stream_.device_index())] =
      raw(original_stream_);
  (void)cudaSetDevice(original_device_);
}

// ---- Events ----------------------------------------------------------------------------

Event::~Event() {
  if (event_ == nullptr) return;
  impl::QuietDeviceGuard guard(device_index_);
  (void)cudaEventDestroy(static_cast<cudaEvent_t>(event_));
}

Event::Event(Event&& other) noexcept
    : event_(std::exchange(other.event_, nullptr)),
      device_index_(other.device_index_),
      enable_timing_(other.enable_timing_) {}

Event& Event::operator=(Event&& other) noexcept {
  if (this != &other) {
    Event old(std::move(*this));
    event_ = std::exchange(other.event_, nullptr);
    device_index_ = other.device_index_;
    enable_timing_ = other.enable_timing_;
  }
  return *this;
}

void Event::record() { record(current_stream()); }

void Event::record(const Stream& stream) {
  impl::RawDeviceGuard guard(stream.device_index());
  if (event_ == nullptr) {
    cudaEvent_t e = nullptr;
    EMBER_CUDA_CHECK(
        cudaEventCreateWithFlags(&e, enable_timing_ ? cudaEventDefault : cudaEventDisableTiming));
    event_ = e;
    device_index_ = stream.device_index();
  }
  EMBER_CHECK(device_index_ == stream.device_index(),
              "Event::record: the event belongs to cuda:{} but the stream to cuda:{}",
              device_index_, stream.device_index());
  EMBER_CUDA_CHECK(cudaEventRecord(static_cast<cudaEvent_t>(event_), raw(stream)));
}

void Event::block(const Stream& stream) const {
  if (event_ == nullptr) return;
  impl::RawDeviceGuard guard(stream.device_index());
  EMBER_CUDA_CHECK(cudaStreamWaitEvent(raw(stream), static_cast<cudaEvent_t>(event_), 0));
}

bool Event::query() const {
  if (event_ == nullptr) return true;
  const cudaError_t err = cudaEventQuery(static_cast<cudaEvent_t>(event_));
  if (err == cudaErrorNotReady) {
    (void)cudaGetLastError();
    return false;
  }
  EMBER_CUDA_CHECK(err);
  return true;
}

void Event::synchronize() const {
  if (event_ == nullptr) return;
  EMBER_CUDA_CHECK(cudaEventSynchronize(static_cast<cudaEvent_t>(event_)));
  impl::throw_pending_index_error();
}

float Event::elapsed_time(const Event& end) const {
  EMBER_CHECK(event_ != nullptr && end.event_ != nullptr,
              "Event::elapsed_time: both events must be recorded before calculating elapsed "
              "time");
  EMBER_CHECK(enable_timing_ && end.enable_timing_,
              "Event::elapsed_time: both events must be created with enable_timing=true");
  float ms = 0;
  EMBER_CUDA_CHECK(cudaEventElapsedTime(&ms, static_cast<cudaEvent_t>(event_),
                                        static_cast<cudaEvent_t>(end.event_)));
  return ms;
}

}  // namespace ember::cuda
