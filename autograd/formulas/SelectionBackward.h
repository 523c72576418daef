#pragma once

// Backward helpers shared by the ops that select elements (max/min, sort, topk, kthvalue,
// median, mode, cummax/cummin): defined in ReductionFormulas.cpp.

#include "ember/core/Tensor.h"

namespace ember::autograd {

/// Gradient split evenly among the elements equal to the extremum (NaN ones when it is NaN).
Tensor evenly_distribute_backward(const Tensor& g, const Tensor& input, const Tensor& value);

/// The gradient of a selection along `dim` goes to the element each index names (`keepdim`
/// false: the dim was removed from g and indices).
Tensor value_selecting_backward(Tensor g, int64_t dim, Tensor indices, IntArrayRef sizes,
                                bool keepdim);

}  // namespace ember::autograd
