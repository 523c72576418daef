#include "ember/core/GradMode.h"

#include "core/ops/ElementwiseOps.h"

namespace ember {
namespace {
thread_local bool t_grad_enabled = true;
}  // namespace

bool GradMode::is_enabled() { return t_grad_enabled; }
void GradMode::set_enabled(bool enabled) { t_grad_enabled = enabled; }

namespace detail {
void check_inplace(const Tensor& self, const char* op) {
  // Until autograd records graphs every tensor is a leaf; modifying one that requires grad
  // would silently corrupt the gradients autograd computes later.
  EMBER_CHECK(!(GradMode::is_enabled() && self.requires_grad()),
              "{}: a leaf Variable that requires grad is being used in an in-place operation.", op);
}
}  // namespace detail

}  // namespace ember
