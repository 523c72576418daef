// Bad-index errors of the CUDA indexing kernels (IndexErrors.h), in a .cpp: fmt's
// compile-time format checks do not build under nvcc.

#include <cstdint>

#include "backends/cuda/IndexErrors.h"
#include "ember/core/Check.h"

namespace ember::cuda {

void check_indices_on_host(const Tensor& index, int64_t lo, int64_t size, int64_t dim,
                           const char* op) {
  const Tensor host = index.cpu().to(kLong).contiguous();
  const int64_t* p = host.data_ptr<int64_t>();
  for (int64_t i = 0; i < host.numel(); ++i) {
    if (p[i] < lo || p[i] >= size) {
      EMBER_FAIL("{}index {} is out of bounds for dimension {} with size {}", op, p[i], dim, size);
    }
  }
}

void throw_first_bad_index(const Tensor& index, int64_t lo, int64_t size, int64_t dim,
                           const char* op) {
  check_indices_on_host(index, lo, size, dim, op);
  EMBER_FAIL("{}an index is out of bounds for dimension {} with size {}", op, dim, size);
}

}  // namespace ember::cuda
