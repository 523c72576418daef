// nn::Flatten: input.flatten(start_dim, end_dim), the dims start_dim..end_dim merged into one;
// nn::Unflatten, its inverse for one dim.

#include "ember/nn/modules/Flatten.h"

#include <ostream>
#include <vector>

#include "core/ShapeUtils.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::nn {

FlattenImpl::FlattenImpl(const FlattenOptions& options_) : options(options_) {}
Tensor FlattenImpl::forward(const Tensor& input) {
  return input.flatten(options.start_dim(), options.end_dim());
}
void FlattenImpl::reset() {}
void FlattenImpl::pretty_print(std::ostream& stream) const {
  stream << "Flatten(start_dim=" << options.start_dim() << ", end_dim=" << options.end_dim() << ")";
}

UnflattenImpl::UnflattenImpl(UnflattenOptions options_) : options(std::move(options_)) {}

Tensor UnflattenImpl::forward(const Tensor& input) {
  const int64_t dim = ember::detail::wrap_dim(options.dim(), input.dim());
  const std::vector<int64_t>& sizes = options.sizes();
  EMBER_CHECK(!sizes.empty(), "unflatten: sizes must be non-empty");
  // One size may be -1: what the others leave of the dim's size.
  int64_t known = 1;
  int64_t inferred = -1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == -1) {
      EMBER_CHECK(inferred < 0, "only one dimension can be inferred");
      inferred = static_cast<int64_t>(i);
    } else {
      EMBER_CHECK(sizes[i] >= 0, "invalid shape dimension {}", sizes[i]);
      known *= sizes[i];
    }
  }
  const int64_t size = input.size(dim);
  const bool fits = inferred >= 0 ? (known != 0 && size % known == 0) : known == size;
  EMBER_CHECK(fits,
              "unflatten: Provided sizes {} don't multiply up to the size of dim {} ({}) in the "
              "input tensor",
              sizes, options.dim(), size);
  std::vector<int64_t> shape(input.sizes().begin(), input.sizes().begin() + dim);
  for (const int64_t s : sizes) shape.push_back(s == -1 ? size / known : s);
  shape.insert(shape.end(), input.sizes().begin() + dim + 1, input.sizes().end());
  return input.view(shape);
}

void UnflattenImpl::reset() {}

void UnflattenImpl::pretty_print(std::ostream& stream) const {
  const std::vector<int64_t>& sizes = options.sizes();
  stream << "Unflatten(dim=" << options.dim() << ", unflattened_size=(";
  for (size_t i = 0; i < sizes.size(); ++i) stream << (i > 0 ? ", " : "") << sizes[i];
  stream << (sizes.size() == 1 ? ",))" : "))");
}

}  // namespace ember::nn
