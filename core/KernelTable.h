#pragma once

// The dispatch table: kernel_table[kernel][device type], an array of function pointers that
// backends fill by explicit registration (register_cpu_kernels, register_cuda_kernels), never
// by static initialisers. Looking a kernel up is an array index.

#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "core/KernelSignatures.h"
#include "ember/core/Device.h"
#include "ember/core/Export.h"

namespace ember::detail {

// name, signature. Ops built from other ops (mean, softmax's callers, matmul's forms, ...)
// have no entry: only what a backend must implement is listed here.
#define EMBER_FORALL_KERNELS(_)               \
  _(copy, CopyFn)                             \
  _(fill, FillFn)                             \
  _(range, RangeFn)                           \
  _(linspace, RangeFn)                        \
  _(add, ElementwiseScalarsFn)                \
  _(mul, ElementwiseFn)                       \
  _(div, ElementwiseFn)                       \
  _(pow, ElementwiseFn)                       \
  _(pow_scalar, ElementwiseScalarsFn)         \
  _(maximum, ElementwiseFn)                   \
  _(minimum, ElementwiseFn)                   \
  _(eq, ElementwiseFn)                        \
  _(ne, ElementwiseFn)                        \
  _(lt, ElementwiseFn)                        \
  _(le, ElementwiseFn)                        \
  _(gt, ElementwiseFn)                        \
  _(ge, ElementwiseFn)                        \
  _(logical_and, ElementwiseFn)               \
  _(logical_or, ElementwiseFn)                \
  _(logical_not, ElementwiseFn)               \
  _(bitwise_and, ElementwiseFn)               \
  _(bitwise_or, ElementwiseFn)                \
  _(bitwise_not, ElementwiseFn)               \
  _(where, ElementwiseFn)                     \
  _(neg, ElementwiseFn)                       \
  _(abs, ElementwiseFn)                       \
  _(sqrt, ElementwiseFn)                      \
  _(rsqrt, ElementwiseFn)                     \
  _(exp, ElementwiseFn)                       \
  _(log, ElementwiseFn)                       \
  _(log1p, ElementwiseFn)                     \
  _(sin, ElementwiseFn)                       \
  _(cos, ElementwiseFn)                       \
  _(tanh, ElementwiseFn)                      \
  _(sigmoid, ElementwiseFn)                   \
  _(relu, ElementwiseFn)                      \
  _(reciprocal, ElementwiseFn)                \
  _(sign, ElementwiseFn)                      \
  _(floor, ElementwiseFn)                     \
  _(ceil, ElementwiseFn)                      \
  _(round, ElementwiseFn)                     \
  _(isnan, ElementwiseFn)                     \
  _(gelu, ElementwiseScalarsFn)               \
  _(leaky_relu, ElementwiseScalarsFn)         \
  _(clamp, ElementwiseScalarsFn)              \
  _(tanh_backward, ElementwiseFn)             \
  _(sigmoid_backward, ElementwiseFn)          \
  _(threshold_backward, ElementwiseScalarsFn) \
  _(sum, ReduceFn)                            \
  _(prod, ReduceFn)                           \
  _(max_all, ReduceFn)                        \
  _(min_all, ReduceFn)                        \
  _(any, ReduceFn)                            \
  _(all, ReduceFn)                            \
  _(max_dim, ReduceWithIndexFn)               \
  _(min_dim, ReduceWithIndexFn)               \
  _(var, ReduceScalarFn)                      \
  _(std, ReduceScalarFn)                      \
  _(norm, ReduceScalarFn)                     \
  _(logsumexp, ReduceFn)                      \
  _(cumsum, AlongDimFn)                       \
  _(softmax, AlongDimFn)                      \
  _(log_softmax, AlongDimFn)                  \
  _(allclose, AllCloseFn)                     \
  _(gemm, GemmFn)                             \
  _(uniform, RandomFn)                        \
  _(normal, RandomFn)                         \
  _(random_int, RandomIntFn)                  \
  _(randperm, RandpermFn)                     \
  _(index_select, IndexFn)                    \
  _(gather, IndexFn)                          \
  _(scatter_add, ScatterFn)                   \
  _(scatter_reduce, ScatterReduceFn)          \
  _(index_offsets, IndexOffsetsFn)            \
  _(index, ElementwiseFn)                     \
  _(index_put, IndexPutFn)                    \
  _(masked_fill, MaskedFillFn)                \
  _(cat, CatFn)                               \
  _(nonzero, NonzeroFn)                       \
  /* convolution and pooling */               \
  _(im2col, WindowFn)                         \
  _(col2im, WindowFn)                         \
  _(max_pool2d, MaxPoolFn)                    \
  _(avg_pool2d, AvgPoolFn)                    \
  _(avg_pool2d_backward, AvgPoolFn)           \
  _(adaptive_avg_pool2d, AdaptivePoolFn)      \
  _(adaptive_pool_grad, AdaptivePoolFn)       \
  /* batch normalisation */                   \
  _(batch_norm_stats, BatchNormStatsFn)       \
  _(batch_norm_apply, BatchNormApplyFn)       \
  _(batch_norm_backward, BatchNormBackwardFn) \
  /* sorting, selection, scans */             \
  _(sort, SortFn)                             \
  _(topk, TopkFn)                             \
  _(unique, UniqueFn)                         \
  _(searchsorted, SearchSortedFn)             \
  _(cumprod, AlongDimFn)                      \
  _(logcumsumexp, AlongDimFn)                 \
  _(cummax, AlongDimWithIndexFn)              \
  _(cummin, AlongDimWithIndexFn)              \
  /* math family */                           \
  _(erf, ElementwiseFn)                       \
  _(erfc, ElementwiseFn)                      \
  _(erfinv, ElementwiseFn)                    \
  _(asin, ElementwiseFn)                      \
  _(acos, ElementwiseFn)                      \
  _(atan, ElementwiseFn)                      \
  _(sinh, ElementwiseFn)                      \
  _(cosh, ElementwiseFn)                      \
  _(asinh, ElementwiseFn)                     \
  _(acosh, ElementwiseFn)                     \
  _(atanh, ElementwiseFn)                     \
  _(tan, ElementwiseFn)                       \
  _(expm1, ElementwiseFn)                     \
  _(log2, ElementwiseFn)                      \
  _(log10, ElementwiseFn)                     \
  _(exp2, ElementwiseFn)                      \
  _(trunc, ElementwiseFn)                     \
  _(frac, ElementwiseFn)                      \
  _(atan2, ElementwiseFn)                     \
  _(hypot, ElementwiseFn)                     \
  _(remainder, ElementwiseFn)                 \
  _(fmod, ElementwiseFn)                      \
  _(floor_divide, ElementwiseFn)              \
  _(logical_xor, ElementwiseFn)               \
  _(bitwise_xor, ElementwiseFn)               \
  _(bitwise_left_shift, ElementwiseFn)        \
  _(bitwise_right_shift, ElementwiseFn)       \
  _(lerp, ElementwiseFn)                      \
  _(nan_to_num, ElementwiseScalars3Fn)        \
  _(silu, ElementwiseFn)                      \
  _(mish, ElementwiseFn)                      \
  _(log_sigmoid, ElementwiseFn)               \
  _(softplus, ElementwiseScalarsFn)           \
  _(elu, ElementwiseScalars3Fn)

// Linear algebra (LAPACK-level factorizations): optional in each backend. The CPU backend
// registers them when built with LAPACK, the CUDA backend always (cuSOLVER); a missing one is
// reported by core/ops/LinalgOps.h as "needs LAPACK" (CPU) or "not implemented" (other
// devices).
#define EMBER_FORALL_LINALG_KERNELS(_) \
  _(lu_factor, LuFactorFn)             \
  _(lu_solve, LuSolveFn)               \
  _(cholesky, CholeskyFn)              \
  _(geqrf, GeqrfFn)                    \
  _(orgqr, OrgqrFn)                    \
  _(eigh, EighFn)                      \
  _(svd, SvdFn)

// Faster algorithms for special cases of an op that the generic kernels already cover:
// optional in each backend. Where one is registered, core/ops prefers it for the cases it
// documents; elsewhere the op composes the required kernels (im2col + GEMM for these).
#define EMBER_FORALL_FAST_PATH_KERNELS(_) \
  _(conv3x3_winograd, WinogradConvFn)     \
  _(conv3x3_winograd_weight_grad, WinogradConvWeightGradFn)

// Every kernel slot of the table: the required list, then the optional ones.
#define EMBER_FORALL_KERNEL_SLOTS(_) \
  EMBER_FORALL_KERNELS(_)            \
  EMBER_FORALL_LINALG_KERNELS(_)     \
  EMBER_FORALL_FAST_PATH_KERNELS(_)

enum class Kernel : uint16_t {
#define EMBER_KERNEL_ENUM(name, sig) name,
  EMBER_FORALL_KERNEL_SLOTS(EMBER_KERNEL_ENUM)
#undef EMBER_KERNEL_ENUM
      kCount
};
inline constexpr int kNumKernels = static_cast<int>(Kernel::kCount);

template <Kernel K>
struct KernelSignature;
#define EMBER_KERNEL_SIGNATURE(name, sig) \
  template <>                             \
  struct KernelSignature<Kernel::name> {  \
    using type = sig;                     \
  };
EMBER_FORALL_KERNEL_SLOTS(EMBER_KERNEL_SIGNATURE)
#undef EMBER_KERNEL_SIGNATURE

/// The kernel's name as written in the list ("add").
EMBER_INTERNAL_API std::string_view kernel_name(Kernel k);

using AnyKernelFn = void (*)();
using KernelSlots = std::array<std::array<AnyKernelFn, kNumDeviceTypes>, kNumKernels>;

/// The table, filled on first use by the backends' registration functions.
EMBER_INTERNAL_API const KernelSlots& kernel_slots();
/// Throws "<kernel>: no kernel registered for <device>" (cold path of get_kernel).
[[noreturn]] EMBER_INTERNAL_API void throw_missing_kernel(Kernel k, DeviceType device);

/// The kernel registered for `device`; a clear error when there is none.
template <Kernel K>
inline typename KernelSignature<K>::type get_kernel(DeviceType device) {
  AnyKernelFn fn = kernel_slots()[static_cast<int>(K)][static_cast<int>(device)];
  if (EMBER_UNLIKELY(fn == nullptr)) throw_missing_kernel(K, device);
  return reinterpret_cast<typename KernelSignature<K>::type>(fn);
}

/// Whether a kernel is registered (tests use this to check every kernel has a CPU version).
EMBER_INTERNAL_API bool has_kernel(Kernel k, DeviceType device);

/// Called by backends from their registration function only.
EMBER_INTERNAL_API void set_kernel_slot(Kernel k, DeviceType device, AnyKernelFn fn);
template <Kernel K>
inline void register_kernel(DeviceType device, typename KernelSignature<K>::type fn) {
  set_kernel_slot(K, device, reinterpret_cast<AnyKernelFn>(fn));
}

// Each backend's Kernels.h expands EMBER_FORALL_KERNELS(EMBER_DECLARE_KERNEL) in its namespace:
// one declaration `<name>_kernel` per kernel, of the list's signature, which its registration
// function puts in the table. A backend that does not define one fails to link, naming it.
#define EMBER_DECLARE_KERNEL(name, sig) std::remove_pointer_t<::ember::detail::sig> name##_kernel;

// Defined by the backends: the CPU one is called once, from kernel_slots()'s function-local
// static; the CUDA one by the CUDA backend's entry point when the backend is loaded.
void register_cpu_kernels();
void register_cuda_kernels();

}  // namespace ember::detail
