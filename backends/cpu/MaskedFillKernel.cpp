#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"

namespace ember::cpu {

using namespace detail;

// Writing back the unmasked elements unchanged keeps the loop branch-free (vectorisable).
void masked_fill_kernel(TensorIterator& iter, const Scalar& value) {
  dispatch_dtype<types::kAll>(iter.dtype(0), "masked_fill_", kCPU, [&]<class T>() {
    const T v = value.to<T>();
    cpu_kernel(iter, [v](T x, bool mask) -> T { return mask ? v : x; });
  });
}

}  // namespace ember::cpu
