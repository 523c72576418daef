// The per-device bad-index records of the CUDA indexing kernels (IndexErrors.h): created on a
// device's first indexing op and kept for the life of the process (a few bytes each).

#include "backends/cuda/IndexErrors.h"

#include <cuda_runtime_api.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "ember/core/Check.h"

namespace ember::cuda::impl {

namespace {

struct DeviceRecord {
  IndexErrorRecord* host = nullptr;  // the record, as the host sees it
  IndexErrorSlot slot;               // as kernels see it
};

// Device indices are int8_t: at most 128 devices.
constexpr size_t kMaxDevices = 128;
std::array<std::atomic<DeviceRecord*>, kMaxDevices> records{};
std::mutex create_mutex;

DeviceRecord* create_record(int8_t device) {
  std::lock_guard<std::mutex> lock(create_mutex);
  DeviceRecord* existing = records[static_cast<size_t>(device)].load(std::memory_order_acquire);
  if (existing != nullptr) return existing;
  RawDeviceGuard guard(device);
  auto* r = new DeviceRecord();  // NOLINT: lives as long as the process
  void* host = nullptr;
  EMBER_CUDA_CHECK(
      cudaHostAlloc(&host, sizeof(IndexErrorRecord), cudaHostAllocMapped | cudaHostAllocPortable));
  r->host = static_cast<IndexErrorRecord*>(host);
  *r->host = IndexErrorRecord{};
  void* device_view = nullptr;
  EMBER_CUDA_CHECK(cudaHostGetDevicePointer(&device_view, host, 0));
  r->slot.record = static_cast<IndexErrorRecord*>(device_view);
  void* claim = nullptr;
  EMBER_CUDA_CHECK(cudaMalloc(&claim, sizeof(int)));
  EMBER_CUDA_CHECK(cudaMemset(claim, 0, sizeof(int)));  // synchronous: armed before first use
  r->slot.claim = static_cast<int*>(claim);
  records[static_cast<size_t>(device)].store(r, std::memory_order_release);
  return r;
}

}  // namespace

IndexErrorSlot index_error_slot(int8_t device) {
  DeviceRecord* r = records[static_cast<size_t>(device)].load(std::memory_order_acquire);
  if (r == nullptr) r = create_record(device);
  return r->slot;
}

void throw_pending_index_error() {
  for (size_t d = 0; d < kMaxDevices; ++d) {
    DeviceRecord* r = records[d].load(std::memory_order_acquire);
    if (r == nullptr) continue;
    IndexErrorRecord found{};
    if (!take_index_error(r->host, &found)) continue;
    {
      // Re-arm the claim word (in order after the work queued on the current stream).
      const auto device = static_cast<int8_t>(d);
      RawDeviceGuard guard(device);
      EMBER_CUDA_CHECK(cudaMemsetAsync(r->slot.claim, 0, sizeof(int), current_raw_stream(device)));
    }
    EMBER_FAIL(
        "{} (found on cuda:{} by an earlier indexing op; CUDA reports bad indices at the "
        "next synchronisation)",
        index_error_message(found), d);
  }
}

}  // namespace ember::cuda::impl
