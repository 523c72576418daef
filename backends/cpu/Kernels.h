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
// ---- Elementwise ops ----------------------------------------------------------------------
// UnaryKernels.cpp
void neg_kernel(detail::TensorIterator& iter);
void abs_kernel(detail::TensorIterator& iter);
void sqrt_kernel(detail::TensorIterator& iter);
void rsqrt_kernel(detail::TensorIterator& iter);
void exp_kernel(detail::TensorIterator& iter);
void log_kernel(detail::TensorIterator& iter);
void log1p_kernel(detail::TensorIterator& iter);
void sin_kernel(detail::TensorIterator& iter);
void cos_kernel(detail::TensorIterator& iter);
void tanh_kernel(detail::TensorIterator& iter);
void sigmoid_kernel(detail::TensorIterator& iter);
void relu_kernel(detail::TensorIterator& iter);
void reciprocal_kernel(detail::TensorIterator& iter);
void sign_kernel(detail::TensorIterator& iter);
void floor_kernel(detail::TensorIterator& iter);
void ceil_kernel(detail::TensorIterator& iter);
void round_kernel(detail::TensorIterator& iter);
void isnan_kernel(detail::TensorIterator& iter);
void logical_not_kernel(detail::TensorIterator& iter);
void bitwise_not_kernel(detail::TensorIterator& iter);
// PowKernels.cpp
void pow_kernel(detail::TensorIterator& iter);
void pow_scalar_kernel(detail::TensorIterator& iter, const Scalar& exponent, const Scalar& unused);
// CompareKernels.cpp
void eq_kernel(detail::TensorIterator& iter);
void ne_kernel(detail::TensorIterator& iter);
void lt_kernel(detail::TensorIterator& iter);
void le_kernel(detail::TensorIterator& iter);
void gt_kernel(detail::TensorIterator& iter);
void ge_kernel(detail::TensorIterator& iter);
void logical_and_kernel(detail::TensorIterator& iter);
void logical_or_kernel(detail::TensorIterator& iter);
void bitwise_and_kernel(detail::TensorIterator& iter);
void bitwise_or_kernel(detail::TensorIterator& iter);
void where_kernel(detail::TensorIterator& iter);
// ElementwiseMinMaxKernels.cpp
void maximum_kernel(detail::TensorIterator& iter);
void minimum_kernel(detail::TensorIterator& iter);
void clamp_kernel(detail::TensorIterator& iter, const Scalar& min, const Scalar& max);
void leaky_relu_kernel(detail::TensorIterator& iter, const Scalar& slope, const Scalar& unused);
void gelu_kernel(detail::TensorIterator& iter, const Scalar& approximate, const Scalar& unused);
// ---- end of elementwise ops ----
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

// ---- Indexing, joining ----------------------------------------------------------------------
// IndexKernels.cpp
void index_offsets_kernel(const Tensor& out, ArrayRef<Tensor> indices, IntArrayRef sizes,
                          IntArrayRef strides, IntArrayRef dims);
void index_kernel(detail::TensorIterator& iter);
void index_put_kernel(detail::TensorIterator& iter, bool accumulate);
void index_select_kernel(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index);
void gather_kernel(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index);
void scatter_add_kernel(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
// MaskedFillKernel.cpp
void masked_fill_kernel(detail::TensorIterator& iter, const Scalar& value);
// NonzeroKernel.cpp
Tensor nonzero_kernel(const Tensor& in);
// CatKernel.cpp
void cat_kernel(const Tensor& out, ArrayRef<Tensor> inputs, int64_t dim);

// ---- Random numbers -------------------------------------------------------------------------
// RandomKernels.cpp
void uniform_kernel(const Tensor& out, detail::Generator& gen, double from, double to);
void normal_kernel(const Tensor& out, detail::Generator& gen, double mean, double std);
void random_from_to_kernel(const Tensor& out, detail::Generator& gen, uint64_t range, int64_t base);
void randperm_kernel(const Tensor& out, detail::Generator& gen);

}  // namespace ember::cpu
