// nn::Flatten and nn::Identity: shape-only layers without parameters.

#include "ember/nn/modules/Flatten.h"

#include <ostream>

#include "ember/nn/modules/Identity.h"

namespace ember::nn {

FlattenImpl::FlattenImpl(const FlattenOptions& options_) : options(options_) {}
Tensor FlattenImpl::forward(const Tensor& input) {
  return input.flatten(options.start_dim(), options.end_dim());
}
void FlattenImpl::reset() {}
void FlattenImpl::pretty_print(std::ostream& stream) const {
  stream << "Flatten(start_dim=" << options.start_dim() << ", end_dim=" << options.end_dim() << ")";
}

Tensor IdentityImpl::forward(const Tensor& input) { return input; }
void IdentityImpl::reset() {}
void IdentityImpl::pretty_print(std::ostream& stream) const { stream << "Identity()"; }

}  // namespace ember::nn
