// CPU kernel of allclose and equal: whether every element pair of a two-input iterator is
// close (kernels/IsClose.h). Stops early once a pair is not.

#include <atomic>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "kernels/IsClose.h"

namespace ember::cpu {

using namespace detail;

bool allclose_kernel(const TensorIterator& iter, double rtol, double atol, bool equal_nan) {
  return dispatch_dtype<types::kAll>(iter.input_dtype(0), "allclose", kCPU, [&]<class T>() {
    const kernels::IsClose<T> close{rtol, atol, equal_nan};
    std::atomic<bool> all_close{true};
    auto loop = [&](char** data, const int64_t* strides, int64_t n) {
      if (!all_close.load(std::memory_order_relaxed)) return;
      const char* a = data[0];
      const char* b = data[1];
      bool ok = true;
      for (int64_t i = 0; i < n && ok; ++i) {
        ok = close(*reinterpret_cast<const T*>(a + i * strides[0]),
                   *reinterpret_cast<const T*>(b + i * strides[1]));
      }
      if (!ok) all_close.store(false, std::memory_order_relaxed);
    };
    parallel_for(0, iter.numel(), kGrainSize,
                 [&](int64_t begin, int64_t end) { iter.serial_for_each(loop, begin, end); });
    return all_close.load();
  });
}

}  // namespace ember::cpu
