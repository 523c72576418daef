#pragma once

// Front-end helpers shared by the reduction ops, and the autograd-free bodies of the
// differentiable reductions (the public ones, which record, are in core/api/Reductions.cpp).

#include <optional>
#include <tuple>

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

namespace ember::native {

// `dim` lists may be empty: every dim.
Tensor sum(const Tensor& t, std::optional<Dtype> dtype);
Tensor sum(const Tensor& t, IntArrayRef dim, bool keepdim, std::optional<Dtype> dtype);
Tensor mean(const Tensor& t, std::optional<Dtype> dtype);
Tensor mean(const Tensor& t, IntArrayRef dim, bool keepdim, std::optional<Dtype> dtype);
Tensor prod(const Tensor& t, std::optional<Dtype> dtype);
Tensor prod(const Tensor& t, int64_t dim, bool keepdim, std::optional<Dtype> dtype);
Tensor max(const Tensor& t);
Tensor min(const Tensor& t);
std::tuple<Tensor, Tensor> max(const Tensor& t, int64_t dim, bool keepdim);
std::tuple<Tensor, Tensor> min(const Tensor& t, int64_t dim, bool keepdim);
Tensor var(const Tensor& t, IntArrayRef dim, bool unbiased, bool keepdim);
Tensor std(const Tensor& t, IntArrayRef dim, bool unbiased, bool keepdim);
Tensor norm(const Tensor& t, const Scalar& p, IntArrayRef dim, bool keepdim);
Tensor logsumexp(const Tensor& t, IntArrayRef dim, bool keepdim);
Tensor cumsum(const Tensor& t, int64_t dim, std::optional<Dtype> dtype);

}  // namespace ember::native
