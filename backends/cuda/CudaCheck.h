#pragma once

// Every CUDA runtime and cuBLAS call, and every kernel launch, goes through these checks: a
// failure becomes an ember::Error naming the call, the CUDA error and where it happened.

#include <cuda_runtime_api.h>

#include <string_view>

#include "ember/core/Macros.h"

namespace ember::cuda::impl {

[[noreturn]] void throw_cuda_error(cudaError_t err, const char* call, const char* file, int line);
/// A source path relative to the repository ("backends/cuda/Copy.cpp") for error messages.
std::string_view short_source_path(const char* file);

}  // namespace ember::cuda::impl

/// Runs a CUDA runtime call; throws ember::Error naming it when it fails.
#define EMBER_CUDA_CHECK(...)                                                                   \
  do {                                                                                          \
    const cudaError_t ember_cuda_err_ = (__VA_ARGS__);                                          \
    if (EMBER_UNLIKELY(ember_cuda_err_ != cudaSuccess)) {                                       \
      ::ember::cuda::impl::throw_cuda_error(ember_cuda_err_, #__VA_ARGS__, __FILE__, __LINE__); \
    }                                                                                           \
  } while (0)

/// Checks the kernel launch just made (bad configuration, missing binary for this GPU, ...).
#define EMBER_CUDA_LAUNCH_CHECK(kernel_name)                                                     \
  do {                                                                                           \
    const cudaError_t ember_cuda_err_ = cudaGetLastError();                                      \
    if (EMBER_UNLIKELY(ember_cuda_err_ != cudaSuccess)) {                                        \
      ::ember::cuda::impl::throw_cuda_error(ember_cuda_err_, "launch of " kernel_name, __FILE__, \
                                            __LINE__);                                           \
    }                                                                                            \
  } while (0)
