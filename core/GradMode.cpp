#include "ember/core/GradMode.h"

#include "core/AutogradHooks.h"
#include "core/ops/ElementwiseOps.h"

namespace ember {
namespace {
thread_local bool t_grad_enabled = true;
}  // namespace

bool GradMode::is_enabled() { return t_grad_enabled; }
void GradMode::set_enabled(bool enabled) { t_grad_enabled = enabled; }

namespace detail {
void check_inplace(const Tensor& self, const char* op) {
  if (self.unsafeGetTensorImpl()->autograd_meta() != nullptr) {
    autograd_hooks().check_inplace(self, op);
  }
}
}  // namespace detail

}  // namespace ember
