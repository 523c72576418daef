// libFuzzer target for the safetensors reader. Any input must either load or raise
// ember::Error: never crash, read out of bounds, hit undefined behaviour, leak, or allocate
// memory the input does not justify (run with a small -malloc_limit_mb). Whatever loads must
// come back unchanged through Ember's writer and reader.

#include <ember/ember.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace {

bool same_tensors(const ember::safetensors::TensorDict& a,
                  const ember::safetensors::TensorDict& b) {
  if (a.size() != b.size()) return false;
  for (const auto& item : a) {
    const ember::Tensor* other = b.find(item.key());
    if (other == nullptr) return false;
    const ember::Tensor& t = item.value();
    if (other->dtype() != t.dtype() || other->sizes() != t.sizes() || !t.is_contiguous() ||
        !other->is_contiguous() ||
        (t.nbytes() > 0 && std::memcmp(other->data_ptr(), t.data_ptr(), t.nbytes()) != 0)) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  ember::safetensors::TensorDict loaded;
  try {
    loaded = ember::safetensors::load(bytes);
  } catch (const ember::Error&) {
    return 0;  // rejected cleanly
  }
  // Anything Ember reads it can write (names and metadata are valid UTF-8 once parsed), and
  // reading that back gives the same tensors; writing those again gives the same bytes.
  const std::string written = ember::safetensors::save(loaded);
  const ember::safetensors::TensorDict again = ember::safetensors::load(written);
  if (!same_tensors(loaded, again) || ember::safetensors::save(again) != written) {
    __builtin_trap();
  }
  return 0;
}
