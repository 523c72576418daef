#pragma once

// Front-end helpers shared by the reduction ops.

#include <optional>

#include "core/KernelTable.h"
#include "core/ReductionPlan.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

/// A reduction's output (keepdim shape, allocated) and its plan over `in`.
struct ReductionSetup {
  Tensor out_keepdim;
  ReductionPlan plan;
  uint64_t mask = 0;
};

/// Allocates the keepdim-shaped output of dtype `out_dtype` for reducing `in` over `dims`
/// (empty = all) and builds the plan.
ReductionSetup setup_reduction(const Tensor& in, IntArrayRef dims, Dtype out_dtype);

/// The final result: the keepdim output itself, or a view without the reduced dims.
Tensor finish_reduction(const ReductionSetup& setup, bool keepdim);

/// Number of elements each output element reduces over.
int64_t reduced_count(const Tensor& in, uint64_t mask);

}  // namespace ember::detail
