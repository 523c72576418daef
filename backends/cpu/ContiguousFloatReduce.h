#pragma once

// Whole-tensor reductions of contiguous float32 data (sum / mean, the 2-norm), the case that
// is purely a matter of memory bandwidth. The general driver (Reduce.h) accumulates float
// sums in double element by element, which costs a conversion per element and keeps it below
// the read bandwidth; here blocks of elements are summed in float vector lanes and only the
// block sums are added in double.
//
// Accuracy: each float lane adds kBlock / kLanes = 16 elements, the block's lanes are folded
// in a fixed tree and the block sums accumulate in double, so the error is a few float ULPs
// of the sum of magnitudes per block (PyTorch's cascade sum is of the same order) and none
// from the length of the tensor. Determinism: the range is cut into fixed chunks whose double
// results are added in order, so the result does not depend on the number of threads.

#include <cstdint>

#include "core/ReductionPlan.h"

namespace ember::cpu {

/// Whether the plan reduces every element of a contiguous input into one output.
bool is_whole_contiguous_reduction(const detail::ReductionPlan& plan);

/// sum(p[0..n)) and sum(p[i]^2) as described above (n may be 0).
double contiguous_float_sum(const float* p, int64_t n);
double contiguous_float_sum_of_squares(const float* p, int64_t n);

}  // namespace ember::cpu
