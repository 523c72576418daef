#pragma once

// nn::Flatten, as libtorch's: input.flatten(start_dim, end_dim), keeping the batch dim by
// default (start_dim = 1).

#include <iosfwd>

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

}  // namespace ember::nn
