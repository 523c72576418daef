#pragma once

// safetensors files (https://github.com/huggingface/safetensors), as Python's
// safetensors.torch: save_file / load_file / save / load, plus load_metadata (what
// safe_open(path).metadata() returns).
//
// A file is an 8-byte little-endian header size N, N bytes of JSON header
//   {"__metadata__": {"key": "value", ...}, "name": {"dtype": "F32", "shape": [2, 3],
//    "data_offsets": [begin, end]}, ...}
// then the tensors' bytes, little-endian and row-major, at those offsets.
//
// Dtypes: F64, F32, F16, BF16, I64, I32, I16, I8, U8 and BOOL (Ember's dtypes); other
// safetensors dtypes (U16, U32, U64, C64, F8_*, ...) raise ember::Error.
//
// Writing gives the bytes safetensors.torch.save_file writes for the same tensors: entries
// sorted by dtype size (largest first) and then by name, the header padded with spaces to a
// multiple of 8. Tensors of any layout and device are written as their contiguous host copy.
// The metadata is written sorted by key (Python's writer orders more than one metadata entry
// by hash, i.e. arbitrarily); an empty metadata map writes no "__metadata__" entry (Python's
// metadata=None).
//
// Reading validates as the safetensors library does: header size within the file and at most
// 100,000,000 bytes, a JSON object, known dtypes, shapes whose size matches the data_offsets,
// offsets that tile the data exactly (no gap, overlap or trailing bytes); it also refuses
// duplicate names. Every problem is an ember::Error naming the entry and what was expected;
// sizes are checked against the bytes present before anything is allocated. Tensors come
// back in the order of their data in the file, as Python's load_file returns them.

#include <cstddef>
#include <map>
#include <string>

#include "ember/core/Device.h"
#include "ember/core/Export.h"
#include "ember/core/OrderedDict.h"
#include "ember/core/Tensor.h"

namespace ember::safetensors {

/// Named tensors, as the dict safetensors.torch takes and returns.
using TensorDict = OrderedDict<std::string, Tensor>;
/// A file's free-form "__metadata__": text keys and values.
using Metadata = std::map<std::string, std::string>;

/// Writes `tensors` (and `metadata`) to `path` as a safetensors file, replacing any file there.
EMBER_API void save_file(const TensorDict& tensors, const std::string& path,
                         const Metadata& metadata = {});
/// Reads the safetensors file at `path`; the tensors are placed on `device`.
EMBER_API TensorDict load_file(const std::string& path, Device device = kCPU);
/// The "__metadata__" of the safetensors file at `path` (empty when it has none); the header
/// is validated as load_file does, the tensors' data is not read.
EMBER_API Metadata load_metadata(const std::string& path);

/// The bytes of the file save_file would write.
EMBER_API std::string save(const TensorDict& tensors, const Metadata& metadata = {});
/// Parses the bytes of a safetensors file held in memory (CPU tensors).
EMBER_API TensorDict load(const std::string& bytes);

}  // namespace ember::safetensors
