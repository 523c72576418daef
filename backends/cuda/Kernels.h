#pragma once

// Declarations of the CUDA backend's kernels; RegisterCudaKernels.cpp puts them in the
// kernel table. Host-side entry points: they validate nothing (front ends did), pick the
// device and stream, and launch.

#include "core/KernelSignatures.h"

namespace ember::cuda {

// Copy.cpp: every copy with a GPU on either side (transfers, conversion, strides).
void copy_kernel(const Tensor& dst, const Tensor& src, bool non_blocking);
// CopyKernels*.cu: dst = src converted, both on one GPU (TensorIterator, any strides).
void convert_copy_kernel(detail::TensorIterator& iter);
// FillKernels.cu
void fill_kernel(const Tensor& out, const Scalar& value);
void range_kernel(const Tensor& out, const Scalar& start, const Scalar& step);
void linspace_kernel(const Tensor& out, const Scalar& start, const Scalar& end);
// ArithmeticKernels.cu
void add_kernel(detail::TensorIterator& iter, const Scalar& alpha, const Scalar& unused);
void mul_kernel(detail::TensorIterator& iter);
void div_kernel(detail::TensorIterator& iter);
// ReduceSumKernels.cu
void sum_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in);
// ReduceMaxMinKernels.cu
void max_all_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in);
void min_all_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in);
void max_dim_kernel(const detail::ReductionPlan& plan, const Tensor& values, const Tensor& indices,
                    const Tensor& in);
void min_dim_kernel(const detail::ReductionPlan& plan, const Tensor& values, const Tensor& indices,
                    const Tensor& in);
// Blas.cpp
void gemm_kernel(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& beta,
                 const Scalar& alpha);
// RandomKernels.cu
void uniform_kernel(const Tensor& out, detail::Generator& gen, double from, double to);
void normal_kernel(const Tensor& out, detail::Generator& gen, double mean, double std);

}  // namespace ember::cuda
