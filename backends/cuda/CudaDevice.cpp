// Device queries, the current device and the device guard.

#include "backends/cuda/CudaDevice.h"

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/IndexErrors.h"
#include "ember/core/Check.h"
#include "ember/core/Cuda.h"
#include "ember/cuda/DeviceGuard.h"

namespace ember {
namespace cuda {
namespace impl {

namespace {

struct Availability {
  int count = 0;
  std::string why_not;  // " (cudaErrorNoDevice: no CUDA-capable device is detected)"
};

// The runtime's answer, queried once. Without a GPU or driver the backend behaves like a
// CPU-only build, and the CUDA error is kept for the "not available" messages. As PyTorch,
// it is also written to stderr, once, unless it only says that there is no GPU or no driver
// at all (a driver too old for this CUDA version, a broken installation, ... are reported).
const Availability& availability() {
  static const Availability a = [] {
    Availability r;
    const cudaError_t err = cudaGetDeviceCount(&r.count);
    if (err == cudaSuccess) {
      if (r.count == 0) r.why_not = " (cudaGetDeviceCount found no device)";
      return r;
    }
    (void)cudaGetLastError();
    r.count = 0;
    r.why_not = fmt::format(" ({}: {})", cudaGetErrorName(err), cudaGetErrorString(err));
    int driver = 0;
    const bool no_driver = err == cudaErrorInsufficientDriver &&
                           (cudaDriverGetVersion(&driver) != cudaSuccess || driver == 0);
    if (err != cudaErrorNoDevice && !no_driver) {
      std::fprintf(stderr, "ember: CUDA is not available:%s\n", r.why_not.c_str());
    }
    return r;
  }();
  return a;
}

[[noreturn]] void throw_no_gpu() {
  EMBER_FAIL("cuda is not available: no usable GPU or driver was found{}", availability().why_not);
}

}  // namespace

int device_count_raw() { return availability().count; }

std::string unavailable_reason() {
  return availability().count > 0 ? std::string()
                                  : "no usable GPU or driver was found" + availability().why_not;
}

void throw_unavailable(const char* what) {
  EMBER_FAIL("{}: cuda is not available: no usable GPU or driver was found{}", what,
             availability().why_not);
}

void check_device_index(int64_t index) {
  const int count = device_count_raw();
  if (count == 0) {
    EMBER_FAIL("cuda:{} is not available: no usable GPU or driver was found{}", index,
               availability().why_not);
  }
  EMBER_CHECK(index >= 0 && index < count,
              "CUDA device index {} is out of range: {} CUDA device(s) available (cuda:0 to "
              "cuda:{})",
              index, count, count - 1);
}

int8_t current_device_index() {
  int index = 0;
  EMBER_CUDA_CHECK(cudaGetDevice(&index));
  return static_cast<int8_t>(index);
}

int8_t resolve_device_index(int64_t index) {
  if (index == -1) {
    if (device_count_raw() == 0) throw_no_gpu();
    return current_device_index();
  }
  check_device_index(index);
  return static_cast<int8_t>(index);
}

void set_current_device_index(int8_t index) {
  int current = 0;
  EMBER_CUDA_CHECK(cudaGetDevice(&current));
  if (current != index) EMBER_CUDA_CHECK(cudaSetDevice(index));
}

const cudaDeviceProp& device_properties(int8_t index) {
  static std::vector<std::unique_ptr<cudaDeviceProp>> props(
      static_cast<size_t>(device_count_raw()));
  static std::vector<std::once_flag> flags(static_cast<size_t>(device_count_raw()));
  check_device_index(index);
  std::call_once(flags[static_cast<size_t>(index)], [index] {
    auto p = std::make_unique<cudaDeviceProp>();
    EMBER_CUDA_CHECK(cudaGetDeviceProperties(p.get(), index));
    props[static_cast<size_t>(index)] = std::move(p);
  });
  return *props[static_cast<size_t>(index)];
}

RawDeviceGuard::RawDeviceGuard(int8_t index) : original_(0), index_(index) {
  EMBER_CUDA_CHECK(cudaGetDevice(&original_));
  if (original_ != index_) EMBER_CUDA_CHECK(cudaSetDevice(index_));
}

RawDeviceGuard::~RawDeviceGuard() {
  if (original_ != index_) (void)cudaSetDevice(original_);
}

}  // namespace impl

bool is_available() { return impl::device_count_raw() > 0; }

int64_t device_count() { return impl::device_count_raw(); }

void synchronize(int64_t device_index) {
  const int8_t index = impl::resolve_device_index(device_index);
  impl::RawDeviceGuard guard(index);
  EMBER_CUDA_CHECK(cudaDeviceSynchronize());
  impl::throw_pending_index_error();
}

int64_t current_device() {
  if (impl::device_count_raw() == 0) impl::throw_unavailable("cuda::current_device");
  return impl::current_device_index();
}

void set_device(int64_t device_index) {
  impl::check_device_index(device_index);
  impl::set_current_device_index(static_cast<int8_t>(device_index));
}

DeviceGuard::DeviceGuard(Device device) : DeviceGuard(device.is_cuda() ? device.index() : -1) {}

DeviceGuard::DeviceGuard(int64_t device_index) {
  if (device_index == -1) return;
  impl::check_device_index(device_index);
  original_ = impl::current_device_index();
  current_ = original_;
  set_index(device_index);
}

void DeviceGuard::set_index(int64_t device_index) {
  impl::check_device_index(device_index);
  if (original_ == -1) original_ = impl::current_device_index();
  impl::set_current_device_index(static_cast<int8_t>(device_index));
  current_ = static_cast<int8_t>(device_index);
}

DeviceGuard::~DeviceGuard() {
  if (original_ != -1 && original_ != current_) (void)cudaSetDevice(original_);
}

}  // namespace cuda

namespace detail {
// Where "cuda" without an index goes (core's resolve_device): the current device, or 0 when
// there is no GPU (then the allocator raises the "not available" error).
int8_t default_cuda_device_index() {
  if (cuda::impl::device_count_raw() == 0) return 0;
  return cuda::impl::current_device_index();
}
}  // namespace detail

}  // namespace ember
