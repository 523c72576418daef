#pragma once

// nn::Identity, as libtorch's: returns its input (a placeholder layer).

#include <iosfwd>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"

namespace ember::nn {

class EMBER_API IdentityImpl : public Cloneable<IdentityImpl> {
 public:
  /// The input itself (the same tensor).
  Tensor forward(const Tensor& input);
  void reset() override;
  /// Identity()
  void pretty_print(std::ostream& stream) const override;
};
EMBER_MODULE(Identity);

}  // namespace ember::nn
