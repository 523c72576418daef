#pragma once

// nn::Dropout, as libtorch's: F::dropout with the module's p and inplace, active only in
// training mode (train() / eval()).

#include <iosfwd>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/options/Dropout.h"

namespace ember::nn {

class EMBER_API DropoutImpl : public Cloneable<DropoutImpl> {
 public:
  /// Dropout(0.2) or Dropout(DropoutOptions().p(0.2).inplace(true)); p must be in [0, 1].
  explicit DropoutImpl(const DropoutOptions& options_ = {});
  Tensor forward(Tensor input);
  void reset() override;
  /// Dropout(p=0.5, inplace=False)
  void pretty_print(std::ostream& stream) const override;
  DropoutOptions options;
};
EMBER_MODULE(Dropout);

}  // namespace ember::nn
