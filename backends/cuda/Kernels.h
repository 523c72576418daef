#pragma once

// Declarations of the CUDA backend's kernels: `<name>_kernel` for every kernel of the list in
// core/KernelTable.h, with the list's signature (copy_kernel in Copy.cpp, gemm_kernel in
// Blas.cpp, the others in their family's .cu file); RegisterCudaKernels.cpp registers them all.
// Host-side entry points: they validate nothing (front ends did), pick the device and stream,
// and launch.

#include "core/KernelSignatures.h"
#include "core/KernelTable.h"

namespace ember::cuda {

EMBER_FORALL_KERNELS(EMBER_DECLARE_KERNEL)
// The linear-algebra kernels on cuSOLVER (SolverKernels.cpp).
EMBER_FORALL_LINALG_KERNELS(EMBER_DECLARE_KERNEL)

// Copy.cpp (launching CopyKernels*.cu): dst = src converted, both on one GPU (TensorIterator,
// any strides); copy_kernel's case of one device.
void convert_copy_kernel(detail::TensorIterator& iter);

}  // namespace ember::cuda
