#include <cstring>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "core/TensorIterator.h"
#include "kernels/Convert.h"

namespace ember::cpu {

void copy_kernel(const Tensor& dst, const Tensor& src, bool /*non_blocking*/) {
  const int64_t item = dst.element_size();
  if (dst.dtype() == src.dtype() && dst.is_contiguous() && src.is_contiguous()) {
    char* out = static_cast<char*>(dst.data_ptr());
    const char* in = static_cast<const char*>(src.data_ptr());
    parallel_for(0, dst.numel(), kGrainSize * 4, [&](int64_t b, int64_t e) {
      std::memmove(out + b * item, in + b * item, static_cast<size_t>((e - b) * item));
    });
    return;
  }
  auto iter =
      detail::TensorIteratorConfig().add_output(dst).add_input(src).op_name("copy_").build();
  using namespace detail;
  if (dst.dtype() == src.dtype() && iter.ndim() >= 1 && iter.strides(0)[0] == item &&
      iter.strides(1)[0] == item) {
    // Same dtype with contiguous innermost runs (a row broadcast down a matrix, as addmm's
    // bias, or a slice of rows): one memmove per run rather than an element loop per run.
    parallel_for(0, iter.numel(), kGrainSize * 4, [&](int64_t b, int64_t e) {
      iter.serial_for_each(
          [item](char** data, const int64_t* /*strides*/, int64_t n) {
            std::memmove(data[0], data[1], static_cast<size_t>(n * item));
          },
          b, e);
    });
    return;
  }
  dispatch_dtype<types::kAll>(dst.dtype(), "copy_", kCPU, [&]<class D>() {
    dispatch_dtype<types::kAll>(src.dtype(), "copy_", kCPU, [&]<class S>() {
      cpu_kernel(iter, [](S v) -> D { return kernels::convert<D>(v); });
    });
  });
}

}  // namespace ember::cpu
