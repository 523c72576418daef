#pragma once

// nn::Flatten, as libtorch's: input.flatten(start_dim, end_dim), keeping the batch dim by
// default (start_dim = 1).

#include <cstdint>
#include <iosfwd>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/options/Flatten.h"

namespace ember::nn {

class EMBER_API FlattenImpl : public Cloneable<FlattenImpl> {
 public:
  explicit FlattenImpl(const FlattenOptions& options_ = {});
  Tensor forward(const Tensor& input);
  void reset() override;
  /// Flatten(start_dim=1, end_dim=-1)
  void pretty_print(std::ostream& stream) const override;
  FlattenOptions options;
};
EMBER_MODULE(Flatten);

/// nn::Unflatten, as libtorch's: dim `dim` of the input split into the dims `sizes`.
class EMBER_API UnflattenImpl : public Cloneable<UnflattenImpl> {
 public:
  UnflattenImpl(int64_t dim, std::vector<int64_t> sizes)
      : UnflattenImpl(UnflattenOptions(dim, std::move(sizes))) {}
  explicit UnflattenImpl(UnflattenOptions options_);
  Tensor forward(const Tensor& input);
  void reset() override;
  /// Unflatten(dim=1, unflattened_size=(2, 3))
  void pretty_print(std::ostream& stream) const override;
  UnflattenOptions options;
};
EMBER_MODULE(Unflatten);

}  // namespace ember::nn
