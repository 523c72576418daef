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
// ReduceKernels.cpp
void sum_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in);
// GemmKernel.cpp
void gemm_kernel(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& beta,
                 const Scalar& alpha);

// ---- Indexing, joining (indexing branch) ----------------------------------------------------
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

// ---- Random numbers (random-npy branch) ---------------------------------------------------------
// RandomKernels.cpp
void uniform_kernel(const Tensor& out, detail::Generator& gen, double from, double to);
void normal_kernel(const Tensor& out, detail::Generator& gen, double mean, double std);
void random_from_to_kernel(const Tensor& out, detail::Generator& gen, uint64_t range, int64_t base);
void randperm_kernel(const Tensor& out, detail::Generator& gen);

}  // namespace ember::cpu
