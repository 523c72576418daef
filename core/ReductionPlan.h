#pragma once

// How a reduction walks memory: the input's dims split into kept ones (one output element
// per index) and reduced ones, each group sorted innermost-first by stride and coalesced.
// Shared by the CPU and CUDA reduction kernels. Strides are in elements.

#include <cstdint>

#include "ember/core/Export.h"
#include "ember/core/SmallVector.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

struct EMBER_INTERNAL_API ReductionPlan {
  DimVector kept_sizes;
  DimVector kept_in_strides;
  DimVector kept_out_strides;
  DimVector red_sizes;
  DimVector red_in_strides;
  int64_t kept_numel = 1;
  int64_t red_numel = 1;
};

/// `out` has the keepdim shape of `in` reduced over the dims in `mask`.
EMBER_INTERNAL_API ReductionPlan make_reduction_plan(const Tensor& in, const Tensor& out,
                                                     uint64_t mask);

/// Offset (elements) of flat index `i` over dims (sizes, strides), innermost first.
inline int64_t flat_offset(int64_t i, const DimVector& sizes, const DimVector& strides) {
  int64_t off = 0;
  for (size_t d = 0; d < sizes.size(); ++d) {
    off += (i % sizes[d]) * strides[d];
    i /= sizes[d];
  }
  return off;
}

}  // namespace ember::detail
