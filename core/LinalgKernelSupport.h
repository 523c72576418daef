#pragma once

// What the backends' linear-algebra kernels share (backends/cpu/LapackKernels.cpp,
// backends/cuda/SolverKernels.cpp): the float32/float64 dispatch and the 32-bit dimensions
// that LAPACK-style interfaces index with.

#include <cstdint>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

/// v as an int, or an error naming `library` for a dimension it cannot index.
inline int linalg_int(int64_t v, const char* library) {
  EMBER_CHECK(v <= INT32_MAX, "linalg: a matrix dimension of {} is too large for {}", v, library);
  return static_cast<int>(v);
}

/// Runs body(T{}) with T the float type of `t` (float32 or float64).
template <class Body>
void dispatch_linalg_float(const Tensor& t, Body&& body) {
  if (t.dtype() == kFloat) {
    body(float{});
  } else {
    EMBER_CHECK(t.dtype() == kDouble, "linalg: expected float32 or float64, got {}", t.dtype());
    body(double{});
  }
}

}  // namespace ember::detail
