#pragma once

// cuSOLVER's dense handles, as cuBLAS's (Blas.cpp): one per thread and device from a pool,
// bound to the device's current stream for each call; workspaces come from the caching
// allocator on that stream.

#include <cusolverDn.h>

#include <cstddef>
#include <cstdint>

#include "ember/core/Allocator.h"
#include "ember/core/Macros.h"

/// Runs a cuSOLVER call; throws ember::Error naming it when it fails.
#define EMBER_CUSOLVER_CHECK(...)                                                               \
  do {                                                                                          \
    const cusolverStatus_t ember_cusolver_status_ = (__VA_ARGS__);                              \
    if (EMBER_UNLIKELY(ember_cusolver_status_ != CUSOLVER_STATUS_SUCCESS)) {                    \
      ::ember::cuda::impl::throw_cusolver_error(ember_cusolver_status_, #__VA_ARGS__, __FILE__, \
                                                __LINE__);                                      \
    }                                                                                           \
  } while (0)

namespace ember::cuda::impl {

[[noreturn]] void throw_cusolver_error(cusolverStatus_t status, const char* call, const char* file,
                                       int line);

/// The calling thread's cuSOLVER handle for `device` (made current by the caller), bound to
/// the device's current stream.
class BoundSolver {
 public:
  explicit BoundSolver(int8_t device);
  cusolverDnHandle_t get() const { return handle_; }
  /// `bytes` of device memory on the bound stream (at least one element's worth), freed in
  /// stream order when the DataPtr goes: keep it until the calls using it are queued.
  DataPtr workspace(size_t bytes) const;

 private:
  int8_t device_;
  cusolverDnHandle_t handle_ = nullptr;
};

}  // namespace ember::cuda::impl
