#pragma once

// The host side of the CUDA indexing kernels' bad-index reports (IndexErrors.cpp): once a
// kernel has raised its device flag, the index is read back and scanned for the first bad
// value, so that the error says what the CPU's says.

#include <cstdint>

#include "ember/core/Tensor.h"

namespace ember::cuda {

/// Throws "<op>index i is out of bounds for dimension dim with size size" for the first
/// element of `index` (in its logical order) outside [lo, size), if there is one.
void check_indices_on_host(const Tensor& index, int64_t lo, int64_t size, int64_t dim,
                           const char* op);
/// As check_indices_on_host, and throws a general out-of-bounds error if no element is bad.
[[noreturn]] void throw_first_bad_index(const Tensor& index, int64_t lo, int64_t size, int64_t dim,
                                        const char* op);

}  // namespace ember::cuda
