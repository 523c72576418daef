// nonzero: the coordinates of the non-zero elements, one row each.

#include "core/KernelTable.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember {

Tensor nonzero(const Tensor& t) {
  return detail::get_kernel<detail::Kernel::nonzero>(t.device().type())(t);
}

Tensor Tensor::nonzero() const { return ember::nonzero(*this); }

}  // namespace ember
