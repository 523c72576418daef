#include <cstring>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "core/TensorIterator.h"
#include "kernels/Convert.h"

namespace ember::cpu {

void copy_kernel(const Tensor& dst, const Tensor& src, bool /*non_blocking*/) {
  if (dst.dtype() == src.dtype() && dst.is_contiguous() && src.is_contiguous()) {
    char* out = static_cast<char*>(dst.data_ptr());
    const char* in = static_cast<const char*>(src.data_ptr());
    const int64_t item = dst.element_size();
    parallel_for(0, dst.numel(), kGrainSize * 4, [&](int64_t b, int64_t e) {
      std::memmove(out + b * item, in + b * item, static_cast<size_t>((e - b) * item));
    });
    return;
  }
  auto iter =
      detail::TensorIteratorConfig().add_output(dst).add_input(src).op_name("copy_").build();
  using namespace detail;
  dispatch_dtype<types::kAll>(dst.dtype(), "copy_", kCPU, [&]<class D>() {
    dispatch_dtype<types::kAll>(src.dtype(), "copy_", kCPU, [&]<class S>() {
      cpu_kernel(iter, [](S v) -> D { return kernels::convert<D>(v); });
    });
  });
}

}  // namespace ember::cpu
