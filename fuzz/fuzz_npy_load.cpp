// libFuzzer target for the .npy reader. Any input must either load or raise ember::Error:
// never crash, read out of bounds, hit undefined behaviour, leak, or allocate memory the
// input does not justify (run with a small -malloc_limit_mb). Whatever loads must come back
// unchanged through Ember's writer and reader.

#include <ember/ember.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ember::Tensor loaded;
  try {
    loaded = ember::npy::from_bytes(data, size);
  } catch (const ember::Error&) {
    return 0;  // rejected cleanly
  }
  // Anything Ember reads it can write, and reading that back gives the same tensor.
  const std::string bytes = ember::npy::to_bytes(loaded);
  const ember::Tensor again = ember::npy::from_bytes(bytes.data(), bytes.size());
  const bool same = again.dtype() == loaded.dtype() && again.sizes() == loaded.sizes() &&
                    again.is_contiguous() && loaded.is_contiguous() &&
                    (loaded.nbytes() == 0 ||
                     std::memcmp(again.data_ptr(), loaded.data_ptr(), loaded.nbytes()) == 0) &&
                    ember::npy::to_bytes(again) == bytes;
  if (!same) __builtin_trap();
  return 0;
}
