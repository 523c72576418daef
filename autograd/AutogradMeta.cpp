#include "autograd/AutogradMeta.h"

namespace ember {
namespace autograd {

void AutogradMeta::set_requires_grad(bool requires_grad, TensorImpl* /*self*/) {
  requires_grad_ = requires_grad;
}

}  // namespace autograd

namespace detail {
std::unique_ptr<AutogradMetaInterface> make_autograd_meta() {
  return std::make_unique<autograd::AutogradMeta>();
}
}  // namespace detail

}  // namespace ember
