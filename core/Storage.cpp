#include "ember/core/Storage.h"

namespace ember {

Storage Storage::allocate(size_t nbytes, Device device) {
  DataPtr data = get_allocator(device.type())->allocate(nbytes, device);
  return Storage(IntrusivePtr<StorageImpl>::make(std::move(data), nbytes));
}

}  // namespace ember
