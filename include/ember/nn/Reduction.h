#pragma once

// The reductions of losses at the two levels libtorch has them: ATen's integer codes
// (`ember::Reduction::Mean`, taken by the top-level `ember::mse_loss(input, target, reduction)`)
// and the options' variant (`ember::kMean`), with libtorch's conversion between them.

#include <cstdint>
#include <variant>

#include "ember/core/Enum.h"

namespace ember {
namespace Reduction {

/// ATen's reduction codes (at::Reduction::Reduction); the values are PyTorch's.
enum Reduction : int64_t {
  None,  // no reduction: one loss per element
  Mean,  // the (weighted) mean of the losses
  Sum,   // the sum of the losses
  END
};

}  // namespace Reduction

namespace enumtype {

/// The integer code of a loss's `reduction` option (libtorch's enumtype::reduction_get_enum).
inline Reduction::Reduction reduction_get_enum(const LossReduction& reduction) {
  if (std::holds_alternative<kNone>(reduction)) return Reduction::None;
  if (std::holds_alternative<kSum>(reduction)) return Reduction::Sum;
  return Reduction::Mean;
}

}  // namespace enumtype
}  // namespace ember
