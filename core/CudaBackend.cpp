// Finding and loading the CUDA backend (see CudaBackend.h).

#include "core/CudaBackend.h"

#include <dlfcn.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <string>

#include "ember/Version.h"
#include "ember/core/Check.h"

namespace ember::detail {
namespace {

struct LoadedBackend {
  CudaBackend* backend = nullptr;
  std::string reason;  // why there is no usable GPU; empty when there is one
};

#if defined(EMBER_CUDA_LINKED)
// Static builds: the backend is part of this library.
LoadedBackend load_backend() {
  LoadedBackend loaded;
  loaded.backend = ember_cuda_backend_entry(EMBER_VERSION_STRING);
  return loaded;
}
#elif defined(EMBER_CUDA_BACKEND_LIBRARY)
// The directory libember.so was loaded from (where the backend is installed beside it).
std::string own_directory() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<const void*>(&cuda_backend), &info) == 0 ||
      info.dli_fname == nullptr) {
    return {};
  }
  const std::string path = info.dli_fname;
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

LoadedBackend load_backend() {
  LoadedBackend loaded;
  // Beside libember.so first, then the dynamic linker's search path (LD_LIBRARY_PATH, ...).
  // RTLD_LOCAL keeps the backend's symbols (and CUDA's) out of the program's namespace.
  const std::string beside = own_directory() + EMBER_CUDA_BACKEND_LIBRARY;
  void* handle = dlopen(beside.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const std::string first_error = dlerror();
    handle = dlopen(EMBER_CUDA_BACKEND_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      loaded.reason = fmt::format("the CUDA backend {} could not be loaded: {}",
                                  EMBER_CUDA_BACKEND_LIBRARY, first_error);
      return loaded;
    }
  }
  using Entry = CudaBackend* (*)(const char*);
  auto entry = reinterpret_cast<Entry>(dlsym(handle, "ember_cuda_backend_entry"));
  if (entry == nullptr) {
    loaded.reason = fmt::format("{} has no entry point: {}", EMBER_CUDA_BACKEND_LIBRARY, dlerror());
    return loaded;
  }
  loaded.backend = entry(EMBER_VERSION_STRING);
  if (loaded.backend == nullptr) {
    loaded.reason = fmt::format("{} was built for another version of Ember than {}",
                                EMBER_CUDA_BACKEND_LIBRARY, EMBER_VERSION_STRING);
  }
  // The handle stays open for the life of the process: kernels and allocators are in use.
  return loaded;
}
#else
LoadedBackend load_backend() { return {nullptr, "Ember was built without CUDA support"}; }
#endif

std::atomic<CudaBackend*> already_loaded{nullptr};

// Seeds and the TF32 switch set before the backend was loaded; `usable` is the backend once it
// is loaded with a GPU (then settings go straight to it). One mutex orders the two.
struct DeferredSettings {
  std::mutex mutex;
  CudaBackend* usable = nullptr;
  std::optional<uint64_t> seed_all;
  std::optional<uint64_t> seed_current;
  bool allow_tf32 = false;
};

DeferredSettings& deferred() {
  static DeferredSettings d;
  return d;
}

const LoadedBackend& state() {
  static const LoadedBackend loaded = [] {
    LoadedBackend l = load_backend();
    if (l.backend != nullptr && l.reason.empty() && l.backend->device_count() == 0) {
      l.reason = l.backend->unavailable_reason();
    }
    if (l.backend != nullptr && l.reason.empty()) {
      DeferredSettings& d = deferred();
      std::lock_guard<std::mutex> lock(d.mutex);
      if (d.seed_all) l.backend->manual_seed_all(*d.seed_all);
      if (d.seed_current) l.backend->manual_seed(*d.seed_current);
      l.backend->set_allow_tf32(d.allow_tf32);
      d.usable = l.backend;
    }
    already_loaded.store(l.backend, std::memory_order_release);
    return l;
  }();
  return loaded;
}

}  // namespace

CudaBackend* cuda_backend() { return state().backend; }

CudaBackend* loaded_cuda_backend() { return already_loaded.load(std::memory_order_acquire); }

std::string cuda_unavailable_reason() { return state().reason; }

void cuda_manual_seed_or_defer(uint64_t seed, bool all_devices) {
  DeferredSettings& d = deferred();
  std::lock_guard<std::mutex> lock(d.mutex);
  if (d.usable != nullptr) {
    all_devices ? d.usable->manual_seed_all(seed) : d.usable->manual_seed(seed);
  } else if (all_devices) {
    d.seed_all = seed;
    d.seed_current.reset();
  } else {
    d.seed_current = seed;
  }
}

void cuda_set_allow_tf32_or_defer(bool allow) {
  DeferredSettings& d = deferred();
  std::lock_guard<std::mutex> lock(d.mutex);
  if (d.usable != nullptr) {
    d.usable->set_allow_tf32(allow);
  } else {
    d.allow_tf32 = allow;
  }
}

bool cuda_allow_tf32_or_deferred() {
  DeferredSettings& d = deferred();
  std::lock_guard<std::mutex> lock(d.mutex);
  return d.usable != nullptr ? d.usable->allow_tf32() : d.allow_tf32;
}

CudaBackend& require_cuda(const char* what) {
  const LoadedBackend& s = state();
  if (s.backend == nullptr || !s.reason.empty()) {
    EMBER_FAIL("{}: cuda is not available: {}", what, s.reason);
  }
  return *s.backend;
}

}  // namespace ember::detail
