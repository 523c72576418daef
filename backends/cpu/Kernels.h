#pragma once

// Declarations of the CPU backend's kernels, one family per .cpp file; RegisterCpuKernels.cpp
// puts them in the kernel table.

#include "core/KernelSignatures.h"
#include "core/ReductionPlan.h"
#include "core/TensorIterator.h"

namespace ember::cpu {

// CopyKernel.cpp
void copy_kernel(const Tensor& dst, const Tensor& src, bool non_blocking);
// FillKernels.cpp
void fill_kernel(const Tensor& out, const Scalar& value);
void range_kernel(const Tensor& out, const Scalar& start, const Scalar& step);
void linspace_kernel(const Tensor& out, const Scalar& start, const Scalar& end);
// ArithmeticKernels.cpp
void add_kernel(detail::TensorIterator& iter, const Scalar& alpha, const Scalar& unused);
void mul_kernel(detail::TensorIterator& iter);
void div_kernel(detail::TensorIterator& iter);
// ---- Reductions and along-dim ops ---------------------------------------------------------
// ReduceKernels.cpp
void sum_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in);
void prod_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in);
void any_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in);
void all_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in);
// MinMaxKernels.cpp
void max_all_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in);
void min_all_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in);
void max_dim_kernel(const detail::ReductionPlan& plan, const Tensor& values, const Tensor& indices,
                    const Tensor& in);
void min_dim_kernel(const detail::ReductionPlan& plan, const Tensor& values, const Tensor& indices,
                    const Tensor& in);
// VarianceKernels.cpp
void var_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in,
                const Scalar& correction);
void std_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in,
                const Scalar& correction);
// NormKernel.cpp
void norm_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in,
                 const Scalar& p);
// LogSumExpKernel.cpp
void logsumexp_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in);
// CumSumKernel.cpp
void cumsum_kernel(const Tensor& out, const Tensor& in, int64_t dim);
// SoftmaxKernels.cpp
void softmax_kernel(const Tensor& out, const Tensor& in, int64_t dim);
void log_softmax_kernel(const Tensor& out, const Tensor& in, int64_t dim);
// AllCloseKernel.cpp
bool allclose_kernel(const detail::TensorIterator& iter, double rtol, double atol, bool equal_nan);
// ---- End of reductions ------------------------------------------------------------------
// GemmKernel.cpp
void gemm_kernel(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& beta,
                 const Scalar& alpha);

}  // namespace ember::cpu
