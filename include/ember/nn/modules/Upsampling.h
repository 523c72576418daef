#pragma once

// nn::Upsample, as libtorch's: F::interpolate with the module's size or scale_factor, mode and
// align_corners.

#include <iosfwd>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/options/Upsampling.h"

namespace ember::nn {

class EMBER_API UpsampleImpl : public Cloneable<UpsampleImpl> {
 public:
  explicit UpsampleImpl(const UpsampleOptions& options_ = {});
  void reset() override;
  /// Upsample(scale_factor=2.0, mode='nearest'), as Python's repr.
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
  UpsampleOptions options;
};
EMBER_MODULE(Upsample);

}  // namespace ember::nn
