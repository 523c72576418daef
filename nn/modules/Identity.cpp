// nn::Identity: returns its input unchanged (a placeholder layer).

#include "ember/nn/modules/Identity.h"

#include <ostream>

namespace ember::nn {

Tensor IdentityImpl::forward(const Tensor& input) { return input; }
void IdentityImpl::reset() {}
void IdentityImpl::pretty_print(std::ostream& stream) const { stream << "Identity()"; }

}  // namespace ember::nn
