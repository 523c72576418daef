#pragma once

// Declarations of the CPU backend's kernels: `<name>_kernel` for every kernel of the list in
// core/KernelTable.h, with the list's signature, each defined in its family's .cpp file
// (ArithmeticKernels.cpp, ReduceKernels.cpp, ...). RegisterCpuKernels.cpp registers them all.

#include "core/KernelSignatures.h"
#include "core/KernelTable.h"
#include "core/ReductionPlan.h"
#include "core/TensorIterator.h"

namespace ember::cpu {

EMBER_FORALL_KERNELS(EMBER_DECLARE_KERNEL)

#ifdef EMBER_WITH_LAPACK
// The linear-algebra kernels (LapackKernels.cpp), built only with LAPACK.
EMBER_FORALL_LINALG_KERNELS(EMBER_DECLARE_KERNEL)
#endif

// The fast paths (WinogradConvKernels.cpp).
EMBER_FORALL_FAST_PATH_KERNELS(EMBER_DECLARE_KERNEL)

}  // namespace ember::cpu
