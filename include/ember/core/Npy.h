#pragma once

// NumPy's .npy files: ember::npy::load / save, as numpy.load / numpy.save.
//
// Reading accepts format versions 1.0, 2.0 and 3.0, the dtypes bool, uint8, int8, int16,
// int32, int64, float16, float32 and float64 in either byte order ('<', '>', '|' or '='),
// C or Fortran order, 0-d and empty arrays. The result is a contiguous (row-major) CPU
// tensor. Anything else (complex, object, string, structured or unsigned 16/32/64-bit
// dtypes, malformed or truncated files) raises ember::Error; sizes are checked against the
// data actually present before any memory is allocated.
//
// Writing produces the file numpy.save would write for the same array (format 1.0, native
// byte order, C order, header padded to 64 bytes); non-contiguous and GPU tensors are
// written as their contiguous host copy. bfloat16 has no NumPy dtype: saving a bfloat16
// tensor raises ember::Error (convert it, e.g. t.to(ember::kFloat), first).

#include <cstddef>
#include <string>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::npy {

/// Reads the .npy file at `path` into a new CPU tensor.
EMBER_API Tensor load(const std::string& path);
/// Writes `tensor` to `path` as a .npy file (replacing any existing file).
EMBER_API void save(const std::string& path, const Tensor& tensor);

/// Parses the bytes of a .npy file held in memory.
EMBER_API Tensor from_bytes(const void* data, size_t size);
/// The bytes of the .npy file that save() would write.
EMBER_API std::string to_bytes(const Tensor& tensor);

}  // namespace ember::npy
