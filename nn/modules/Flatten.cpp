// nn::Flatten: input.flatten(start_dim, end_dim), the dims start_dim..end_dim merged into one.

#include "ember/nn/modules/Flatten.h"

#include <ostream>

namespace ember::nn {

FlattenImpl::FlattenImpl(const FlattenOptions& options_) : options(options_) {}
Tensor FlattenImpl::forward(const Tensor& input) {
  return input.flatten(options.start_dim(), options.end_dim());
}
void FlattenImpl::reset() {}
void FlattenImpl::pretty_print(std::ostream& stream) const {
  stream << "Flatten(start_dim=" << options.start_dim() << ", end_dim=" << options.end_dim() << ")";
}

}  // namespace ember::nn
