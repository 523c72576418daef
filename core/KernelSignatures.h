#pragma once

// The function-pointer types a backend kernel may have. Each kernel in KernelTable.h names one.

#include <cstdint>
#include <tuple>

#include "ember/core/ArrayRef.h"
#include "ember/core/Scalar.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

class TensorIterator;
struct ReductionPlan;
class Generator;

/// out = f(inputs...) over a prepared iterator (dtypes and shapes already resolved).
using ElementwiseFn = void (*)(TensorIterator& iter);
/// Elementwise with up to two scalar parameters (add's alpha, clamp's bounds, ...).
using ElementwiseScalarsFn = void (*)(TensorIterator& iter, const Scalar& a, const Scalar& b);
/// Elementwise with three scalar parameters (elu's coefficients, nan_to_num's replacements).
using ElementwiseScalars3Fn = void (*)(TensorIterator& iter, const Scalar& a, const Scalar& b,
                                       const Scalar& c);
/// dst = src converted to dst's dtype; src already has dst's shape (expanded). Either may live
/// on another device than the other (the CUDA kernel handles every pair involving a GPU).
using CopyFn = void (*)(const Tensor& dst, const Tensor& src, bool non_blocking);
/// Fills `out` (any strides) with a value.
using FillFn = void (*)(const Tensor& out, const Scalar& value);
/// out[i] = start + i * step over a contiguous 1-d `out`.
using RangeFn = void (*)(const Tensor& out, const Scalar& start, const Scalar& step);
/// Reduces `in` into `out` as the plan describes (out has the keepdim shape). Output dtypes:
/// sum and prod of integers and bool give int64, of floating types the input's; any and all
/// give bool; max_all, min_all and logsumexp the input's.
using ReduceFn = void (*)(const ReductionPlan& plan, const Tensor& out, const Tensor& in);
/// Reduction with values and int64 indices (max/min along a dim).
using ReduceWithIndexFn = void (*)(const ReductionPlan& plan, const Tensor& values,
                                   const Tensor& indices, const Tensor& in);
/// Reduction with one scalar parameter (var's correction, norm's p).
using ReduceScalarFn = void (*)(const ReductionPlan& plan, const Tensor& out, const Tensor& in,
                                const Scalar& param);
/// out = op along one dim (cumsum, softmax, log_softmax); in and out are contiguous, with the
/// same shape and dtype.
using AlongDimFn = void (*)(const Tensor& out, const Tensor& in, int64_t dim);
/// Whether every element pair of a two-input iterator (no output, inputs of one dtype) is
/// close: a == b, or |a - b| <= atol + rtol * |b| (see kernels/IsClose.h). rtol = atol = 0
/// tests equality.
using AllCloseFn = bool (*)(const TensorIterator& iter, double rtol, double atol, bool equal_nan);
/// out[b] = beta * out[b] + alpha * a[b] @ b[b], all 3-d: [B, M, K] x [B, K, N] -> [B, M, N].
using GemmFn = void (*)(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& beta,
                        const Scalar& alpha);
/// Fills `out` with random numbers from `gen`; a and b are the distribution's parameters.
using RandomFn = void (*)(const Tensor& out, Generator& gen, double a, double b);
/// Fills `out` with integers uniform in [base, base + range) from `gen` (range >= 1).
using RandomIntFn = void (*)(const Tensor& out, Generator& gen, uint64_t range, int64_t base);
/// Fills the 1-d `out` with a random permutation of 0..out.numel()-1 from `gen`.
using RandpermFn = void (*)(const Tensor& out, Generator& gen);
/// out = in.index_select(dim, index) / gather(dim, index). The kernel checks every index
/// against in's size along dim (0 <= i < size; errors name the op and the bad index; CUDA
/// throws them at the next synchronisation).
using IndexFn = void (*)(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index);
/// self[index along dim] += src (scatter_add_); index is int64, shapes checked by the front
/// end. Every index is checked (0 <= i < self.size(dim)) before anything is written (CUDA:
/// a bad index's element is skipped and the error thrown at the next synchronisation).
using ScatterFn = void (*)(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
/// How scatter_reduce_'s kernel combines self[index] with src (sum and mean go through
/// scatter_add).
enum class ScatterReduction : uint8_t { kProd, kAmax, kAmin };
/// self[index along dim] = reduce(self[index along dim], src), as ScatterFn otherwise. amax and
/// amin propagate NaN (as PyTorch's maximum/minimum).
using ScatterReduceFn = void (*)(const Tensor& self, int64_t dim, const Tensor& index,
                                 const Tensor& src, ScatterReduction reduce);
/// Advanced indexing's element offsets: out = sum_k wrap(indices[k]) * strides[k] (strides in
/// elements). Every index tensor is int64 with out's shape (any strides); a negative index
/// counts from sizes[k]; one outside [-sizes[k], sizes[k]) throws "index i is out of bounds for
/// dimension dims[k] with size sizes[k]" (CUDA: at the next synchronisation; the element's
/// offset is then a marker the read and write kernels skip). out is contiguous int64.
using IndexOffsetsFn = void (*)(const Tensor& out, ArrayRef<Tensor> indices, IntArrayRef sizes,
                                IntArrayRef strides, IntArrayRef dims);
/// (Kernel::index, the advanced-indexing read, is an ElementwiseFn over (out, src restrided,
/// int64 offsets): out = the src element `offset` elements past each position.)
/// Advanced-indexing writes over an iterator of three inputs and no output: dst (the written
/// tensor, restrided), value and int64 offsets. The dst element `offset` elements past each
/// position gets value (+= with accumulate). Runs serially in iteration order, so with
/// duplicate indices the last one wins.
using IndexPutFn = void (*)(TensorIterator& iter, bool accumulate);
/// masked_fill_ over an iterator (output self; inputs self and a bool mask): self = value where
/// the mask is true. The front end has checked that value fits self's dtype.
using MaskedFillFn = void (*)(TensorIterator& iter, const Scalar& value);
/// Concatenates inputs (same dtype as out) along dim into out.
using CatFn = void (*)(const Tensor& out, ArrayRef<Tensor> inputs, int64_t dim);
/// Returns the [n, ndim] int64 coordinates of non-zero elements.
using NonzeroFn = Tensor (*)(const Tensor& in);

// ---- Linear algebra (optional kernels, LAPACK's conventions) ----------------------------------
// Every matrix argument is a contiguous [B, cols, rows] tensor holding B matrices of
// rows x cols in column-major order (LAPACK's layout; a row-major matrix is its transpose's
// column-major storage). They are float32 or float64, all of one dtype, and are overwritten
// in place. info tensors are int32 [B]: 0 on success, LAPACK's info otherwise.

/// LU factorization with partial pivoting (getrf) of square matrices; pivots int32 [B, n],
/// 1-based as LAPACK's. info > 0: U(info, info) is exactly zero.
using LuFactorFn = void (*)(const Tensor& a, const Tensor& pivots, const Tensor& info);
/// Solves A X = B (A^T X = B with transpose) from lu_factor's output (getrs); `b` holds the
/// n x k right-hand sides and receives the solutions.
using LuSolveFn = void (*)(const Tensor& lu, const Tensor& pivots, const Tensor& b, bool transpose);
/// Cholesky factorization (potrf) of the `lower` (else upper) triangle; the other triangle is
/// zeroed. info > 0: the leading minor of that order is not positive-definite.
using CholeskyFn = void (*)(const Tensor& a, bool lower, const Tensor& info);
/// Householder QR (geqrf): R in the upper triangle, the reflectors below it; tau is
/// [B, min(rows, cols)].
using GeqrfFn = void (*)(const Tensor& a, const Tensor& tau);
/// Forms Q (orgqr) in `q` (rows x cols, rows >= cols) from the tau.size(-1) reflectors
/// in its first columns.
using OrgqrFn = void (*)(const Tensor& q, const Tensor& tau);
/// Symmetric eigendecomposition (syevd) reading the `lower` (else upper) triangle: w [B, n]
/// gets the eigenvalues ascending, `a` the eigenvectors as columns when `vectors`.
using EighFn = void (*)(const Tensor& a, const Tensor& w, bool lower, bool vectors,
                        const Tensor& info);
/// Singular value decomposition (gesdd) of m x n matrices: s [B, min(m, n)] descending; u
/// (m x m or m x k) and vt (n x n or k x n) as given, both undefined for values only. info > 0:
/// no convergence.
using SvdFn = void (*)(const Tensor& a, const Tensor& s, const Tensor& u, const Tensor& vt,
                       const Tensor& info);

/// One 2-d sliding window over [channels, height, width] planes: out_height x out_width
/// window positions, each kernel_h x kernel_w taps dilation apart, the first at (-pad_h,
/// -pad_w), the next stride further. Taps outside the plane read padding.
struct WindowGeometry {
  int64_t channels = 0, height = 0, width = 0, out_height = 0, out_width = 0;
  int64_t kernel_h = 1, kernel_w = 1, pad_h = 0, pad_w = 0;
  int64_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
};
/// im2col: cols [N, C * kH * kW, oH * oW] from image [N, C, H, W] (zeros for padding).
/// col2im: image = the sum of the columns over each position (im2col's adjoint). Both
/// contiguous, one dtype; the output is overwritten.
using WindowFn = void (*)(const Tensor& out, const Tensor& in, const WindowGeometry& g);
/// A 3x3 convolution at stride 1, dilation 1, one group: out [N, K, oH, oW] (oH = H + 2 pad_h
/// - 2, overwritten) = in [N, C, H, W] correlated with weight [K, C, 3, 3], plus bias [K]
/// (may be undefined). With `transposed_weight`, weight is a transposed convolution's [C, K, 3,
/// 3] and its taps apply flipped: the transposed convolution at stride 1 with padding 2 - pad.
/// All contiguous, float32 or float64. pad_h, pad_w in [0, 2].
using WinogradConvFn = void (*)(const Tensor& out, const Tensor& in, const Tensor& weight,
                                const Tensor& bias, int64_t pad_h, int64_t pad_w,
                                bool transposed_weight);
/// That convolution's weight gradient: grad_weight [K, C, 3, 3] (overwritten) from grad_out [N,
/// K, oH, oW] and in [N, C, H, W], all contiguous, one float dtype.
using WinogradConvWeightGradFn = void (*)(const Tensor& grad_weight, const Tensor& grad_out,
                                          const Tensor& in, int64_t pad_h, int64_t pad_w);
/// Max pooling of a contiguous [N, C, H, W] into contiguous values and int64 indices
/// [N, C, oH, oW] (index = h * W + w in the plane; NaN wins; padding never does).
using MaxPoolFn = void (*)(const Tensor& values, const Tensor& indices, const Tensor& in,
                           const WindowGeometry& g);
/// Average pooling of a contiguous [N, C, H, W] (forward: out [N, C, oH, oW] from in) or its
/// backward (out = the input's gradient [N, C, H, W] from the output's gradient `in`). Each
/// window's divisor: divisor_override when not 0, else its size clipped to the padded input
/// (count_include_pad) or to the input. The output is overwritten.
using AvgPoolFn = void (*)(const Tensor& out, const Tensor& in, const WindowGeometry& g,
                           bool count_include_pad, int64_t divisor_override);
/// Adaptive average pooling of contiguous [N, C, H, W] planes: forward out [N, C, oH, oW] (cell
/// (i, j) averages rows [floor(i * H / oH), ceil((i + 1) * H / oH)) and the same for columns),
/// backward out [N, C, H, W] from the output's gradient `in` [N, C, oH, oW]; overwritten.
using AdaptivePoolFn = void (*)(const Tensor& out, const Tensor& in);

// ---- Batch normalisation ----
/// Per-channel mean and biased variance of a contiguous input viewed as [N, C, S]: mean and
/// var are contiguous [C] of the input's dtype.
using BatchNormStatsFn = void (*)(const Tensor& mean, const Tensor& var, const Tensor& in);
/// out = (in - mean[c]) * invstd[c] * weight[c] + bias[c] over a contiguous [N, C, S]; weight
/// and bias may be undefined (1 and 0); mean, invstd, weight, bias: contiguous [C], in's dtype.
using BatchNormApplyFn = void (*)(const Tensor& out, const Tensor& in, const Tensor& mean,
                                  const Tensor& invstd, const Tensor& weight, const Tensor& bias);
/// ATen's native_batch_norm_backward over a contiguous [N, C, S]: training uses the batch
/// statistics' dependence on the input (mean, invstd from the forward), evaluation not.
/// Each of grad_input ([N, C, S]), grad_weight, grad_bias ([C]) may be undefined (not wanted).
using BatchNormBackwardFn = void (*)(const Tensor& grad_input, const Tensor& grad_weight,
                                     const Tensor& grad_bias, const Tensor& grad_out,
                                     const Tensor& in, const Tensor& mean, const Tensor& invstd,
                                     const Tensor& weight, bool training);

// ---- Sorting, selection, scans ----
/// Stable sort of `in` along dim into values (in's dtype) and int64 indices; all three are
/// contiguous with in's shape. NaN orders above every number (last ascending, first
/// descending); equal elements keep their order in either direction.
using SortFn = void (*)(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim,
                        bool descending);
/// The k largest (or smallest) elements of `in` along dim, in order (ties: lower index
/// first); values and int64 indices are contiguous with in's shape but k along dim.
using TopkFn = void (*)(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim,
                        int64_t k, bool largest);
/// The sorted distinct elements of a contiguous `in` (flattened; each NaN distinct), the
/// int64 index of each element's value among them (flat, empty unless asked) and the int64
/// count of each (empty unless asked).
using UniqueFn = std::tuple<Tensor, Tensor, Tensor> (*)(const Tensor& in, bool return_inverse,
                                                        bool return_counts);
/// out[r, j] = the insertion point of values[r, j] in boundaries' row r (one row shared when
/// boundaries is 1-d), through the int64 `sorter` row when it is defined. Inputs contiguous,
/// of one dtype; out contiguous int64 or int32 with values' shape.
using SearchSortedFn = void (*)(const Tensor& out, const Tensor& boundaries, const Tensor& values,
                                const Tensor& sorter, bool right);
/// Running extremum along dim (cummax, cummin): values and the int64 index where each was
/// reached; all contiguous with in's shape.
using AlongDimWithIndexFn = void (*)(const Tensor& values, const Tensor& indices, const Tensor& in,
                                     int64_t dim);

}  // namespace ember::detail
