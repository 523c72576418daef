#pragma once

// The free functions of the API: creation, math, reductions, linear algebra, joining.
// Each Tensor method of the same name forwards here.

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <tuple>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/core/TensorData.h"
#include "ember/core/functions/Convolution.h"
#include "ember/core/functions/NormalizationPoolingBackward.h"
#include "ember/core/functions/Shape.h"
#include "ember/core/functions/Sorting.h"

namespace ember {

// ---- Creation -----------------------------------------------------------------------------
/// A tensor holding a copy of `data` (nested braces, a scalar, or std::vector); integer
/// literals give int64, floating literals the default dtype (float32), as PyTorch.
EMBER_API Tensor tensor(detail::TensorDataContainer data, const TensorOptions& options = {});
EMBER_API Tensor empty(IntArrayRef size, const TensorOptions& options = {});
EMBER_API Tensor zeros(IntArrayRef size, const TensorOptions& options = {});
EMBER_API Tensor ones(IntArrayRef size, const TensorOptions& options = {});
/// Filled with `value`; without a dtype the value's kind picks it (bool, int64, float32).
EMBER_API Tensor full(IntArrayRef size, const Scalar& value, const TensorOptions& options = {});
EMBER_API Tensor empty_like(const Tensor& t, const TensorOptions& options = {});
EMBER_API Tensor zeros_like(const Tensor& t, const TensorOptions& options = {});
EMBER_API Tensor ones_like(const Tensor& t, const TensorOptions& options = {});
EMBER_API Tensor full_like(const Tensor& t, const Scalar& value, const TensorOptions& options = {});
/// Uniform on [0, 1).
EMBER_API Tensor rand(IntArrayRef size, const TensorOptions& options = {});
/// Standard normal.
EMBER_API Tensor randn(IntArrayRef size, const TensorOptions& options = {});
/// Integers uniform on [low, high); int64 unless a dtype is given.
EMBER_API Tensor randint(int64_t low, int64_t high, IntArrayRef size,
                         const TensorOptions& options = {});
EMBER_API Tensor randint(int64_t high, IntArrayRef size, const TensorOptions& options = {});
/// A random permutation of 0..n-1 (int64).
EMBER_API Tensor randperm(int64_t n, const TensorOptions& options = {});
/// [0, end) with step 1; integer arguments give int64, floating ones the default dtype.
EMBER_API Tensor arange(const Scalar& end, const TensorOptions& options = {});
EMBER_API Tensor arange(const Scalar& start, const Scalar& end, const TensorOptions& options = {});
EMBER_API Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
                        const TensorOptions& options = {});
/// `steps` points evenly spaced from `start` to `end` inclusive.
EMBER_API Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps,
                          const TensorOptions& options = {});
/// Identity matrix (n x n, or n x m).
EMBER_API Tensor eye(int64_t n, const TensorOptions& options = {});
EMBER_API Tensor eye(int64_t n, int64_t m, const TensorOptions& options = {});
/// Wraps existing memory without copying; the caller keeps it alive (and may pass a
/// deleter to be called when the last view of it dies).
EMBER_API Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options = {});
EMBER_API Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides,
                           const TensorOptions& options = {});
EMBER_API Tensor from_blob(void* data, IntArrayRef sizes, std::function<void(void*)> deleter,
                           const TensorOptions& options = {});

// ---- Random state -------------------------------------------------------------------------
/// Seeds the generator of every device (as torch.manual_seed).
EMBER_API void manual_seed(uint64_t seed);

// ---- Threads ------------------------------------------------------------------------------
/// Number of threads CPU kernels may use for large tensors: 1 to 1024. Safe to call from any
/// thread, also while other threads run ops (they finish their current op first).
EMBER_API void set_num_threads(int n);
EMBER_API int get_num_threads();

// ---- Type promotion -----------------------------------------------------------------------
/// The dtype PyTorch's type promotion gives for an op on these operands.
EMBER_API Dtype result_type(const Tensor& a, const Tensor& b);
EMBER_API Dtype result_type(const Tensor& a, const Scalar& b);
EMBER_API Dtype result_type(const Scalar& a, const Tensor& b);
/// Whether a value of dtype `from` may be written into a tensor of dtype `to` by an
/// in-place op (torch.can_cast).
EMBER_API bool can_cast(Dtype from, Dtype to);

// ---- Elementwise arithmetic ---------------------------------------------------------------
EMBER_API Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
EMBER_API Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
EMBER_API Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
EMBER_API Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
EMBER_API Tensor rsub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
EMBER_API Tensor mul(const Tensor& a, const Tensor& b);
EMBER_API Tensor mul(const Tensor& a, const Scalar& b);
EMBER_API Tensor div(const Tensor& a, const Tensor& b);
EMBER_API Tensor div(const Tensor& a, const Scalar& b);
EMBER_API Tensor div(const Scalar& a, const Tensor& b);
/// base ** exponent; integer tensors reject negative integer scalar exponents.
EMBER_API Tensor pow(const Tensor& base, const Tensor& exponent);
EMBER_API Tensor pow(const Tensor& base, const Scalar& exponent);
EMBER_API Tensor pow(const Scalar& base, const Tensor& exponent);
EMBER_API Tensor maximum(const Tensor& a, const Tensor& b);
EMBER_API Tensor minimum(const Tensor& a, const Tensor& b);
/// min(max(t, min), max); at least one bound. NaN bounds as PyTorch 1.13: a lone NaN bound is
/// ignored, NaN with both bounds (or in clamp_min / clamp_max) gives NaN.
EMBER_API Tensor clamp(const Tensor& t, const std::optional<Scalar>& min,
                       const std::optional<Scalar>& max = std::nullopt);
EMBER_API Tensor clamp_min(const Tensor& t, const Scalar& min);
EMBER_API Tensor clamp_max(const Tensor& t, const Scalar& max);
EMBER_API Tensor neg(const Tensor& t);
EMBER_API Tensor abs(const Tensor& t);
EMBER_API Tensor sqrt(const Tensor& t);
EMBER_API Tensor rsqrt(const Tensor& t);
EMBER_API Tensor exp(const Tensor& t);
EMBER_API Tensor log(const Tensor& t);
EMBER_API Tensor log1p(const Tensor& t);
EMBER_API Tensor sin(const Tensor& t);
EMBER_API Tensor cos(const Tensor& t);
EMBER_API Tensor tanh(const Tensor& t);
EMBER_API Tensor sigmoid(const Tensor& t);
EMBER_API Tensor relu(const Tensor& t);
EMBER_API Tensor square(const Tensor& t);
EMBER_API Tensor reciprocal(const Tensor& t);
EMBER_API Tensor sign(const Tensor& t);
EMBER_API Tensor floor(const Tensor& t);
EMBER_API Tensor ceil(const Tensor& t);
EMBER_API Tensor round(const Tensor& t);
EMBER_API Tensor isnan(const Tensor& t);
/// ~x for integers, logical not for bool.
EMBER_API Tensor bitwise_not(const Tensor& t);
/// approximate: "none" (exact, with erf) or "tanh".
EMBER_API Tensor gelu(const Tensor& t, std::string_view approximate = "none");
EMBER_API Tensor leaky_relu(const Tensor& t, const Scalar& negative_slope = 0.01);
/// exp(t) / sum(exp(t)) along `dim`, computed stably; `dtype` converts the input first.
EMBER_API Tensor softmax(const Tensor& t, int64_t dim, std::optional<Dtype> dtype = std::nullopt);
/// log(softmax(t, dim)), computed stably; `dtype` converts the input first.
EMBER_API Tensor log_softmax(const Tensor& t, int64_t dim,
                             std::optional<Dtype> dtype = std::nullopt);
/// The activations' backward functions, as ATen's (what their nodes call; differentiable
/// again): grad_output * (1 - output^2), grad_output * (1 - output) * output, and
/// grad_output where self > threshold, else 0.
EMBER_API Tensor tanh_backward(const Tensor& grad_output, const Tensor& output);
EMBER_API Tensor sigmoid_backward(const Tensor& grad_output, const Tensor& output);
EMBER_API Tensor threshold_backward(const Tensor& grad_output, const Tensor& self,
                                    const Scalar& threshold);

// ---- Comparison and logic -----------------------------------------------------------------
EMBER_API Tensor eq(const Tensor& a, const Tensor& b);
EMBER_API Tensor eq(const Tensor& a, const Scalar& b);
EMBER_API Tensor ne(const Tensor& a, const Tensor& b);
EMBER_API Tensor ne(const Tensor& a, const Scalar& b);
EMBER_API Tensor lt(const Tensor& a, const Tensor& b);
EMBER_API Tensor lt(const Tensor& a, const Scalar& b);
EMBER_API Tensor le(const Tensor& a, const Tensor& b);
EMBER_API Tensor le(const Tensor& a, const Scalar& b);
EMBER_API Tensor gt(const Tensor& a, const Tensor& b);
EMBER_API Tensor gt(const Tensor& a, const Scalar& b);
EMBER_API Tensor ge(const Tensor& a, const Tensor& b);
EMBER_API Tensor ge(const Tensor& a, const Scalar& b);
EMBER_API Tensor logical_and(const Tensor& a, const Tensor& b);
EMBER_API Tensor logical_or(const Tensor& a, const Tensor& b);
EMBER_API Tensor logical_not(const Tensor& t);
/// Bitwise for integers, logical for bool; floating inputs are rejected.
EMBER_API Tensor bitwise_and(const Tensor& a, const Tensor& b);
EMBER_API Tensor bitwise_and(const Tensor& a, const Scalar& b);
EMBER_API Tensor bitwise_or(const Tensor& a, const Tensor& b);
EMBER_API Tensor bitwise_or(const Tensor& a, const Scalar& b);
/// Whether any element is non-zero (bool; uint8 for uint8 input).
EMBER_API Tensor any(const Tensor& t);
EMBER_API Tensor any(const Tensor& t, int64_t dim, bool keepdim = false);
/// Whether every element is non-zero (bool; uint8 for uint8 input).
EMBER_API Tensor all(const Tensor& t);
EMBER_API Tensor all(const Tensor& t, int64_t dim, bool keepdim = false);
/// Whether |a - b| <= atol + rtol * |b| everywhere (a and b broadcast, same dtype).
EMBER_API bool allclose(const Tensor& a, const Tensor& b, double rtol = 1e-05, double atol = 1e-08,
                        bool equal_nan = false);
/// Whether a and b have the same sizes and equal elements (compared in the promoted dtype).
EMBER_API bool equal(const Tensor& a, const Tensor& b);
/// Elements of `a` where `condition` holds, of `b` elsewhere (broadcasting all three).
EMBER_API Tensor where(const Tensor& condition, const Tensor& a, const Tensor& b);
EMBER_API Tensor where(const Tensor& condition, const Scalar& a, const Tensor& b);
EMBER_API Tensor where(const Tensor& condition, const Tensor& a, const Scalar& b);
EMBER_API Tensor where(const Tensor& condition, const Scalar& a, const Scalar& b);

// ---- Reductions ---------------------------------------------------------------------------
// `dim` lists may hold negative dims; an empty list reduces every dim. keepdim keeps reduced
// dims as size 1. NaN propagates through max/min/argmax/argmin/norm(inf)/logsumexp.
/// Sum; integers and bool sum into int64 unless `dtype` is given (the input converts to it).
EMBER_API Tensor sum(const Tensor& t, std::optional<Dtype> dtype = std::nullopt);
EMBER_API Tensor sum(const Tensor& t, IntArrayRef dim, bool keepdim = false,
                     std::optional<Dtype> dtype = std::nullopt);
/// Mean of a floating tensor (or of any tensor with a floating `dtype`); NaN when empty.
EMBER_API Tensor mean(const Tensor& t, std::optional<Dtype> dtype = std::nullopt);
EMBER_API Tensor mean(const Tensor& t, IntArrayRef dim, bool keepdim = false,
                      std::optional<Dtype> dtype = std::nullopt);
/// Product, with sum's dtype rules; 1 when empty.
EMBER_API Tensor prod(const Tensor& t, std::optional<Dtype> dtype = std::nullopt);
EMBER_API Tensor prod(const Tensor& t, int64_t dim, bool keepdim = false,
                      std::optional<Dtype> dtype = std::nullopt);
/// Largest element (0-d); an empty tensor is an error.
EMBER_API Tensor max(const Tensor& t);
/// Largest elements along `dim` and the index of each (the first occurrence).
EMBER_API std::tuple<Tensor, Tensor> max(const Tensor& t, int64_t dim, bool keepdim = false);
EMBER_API Tensor max(const Tensor& a, const Tensor& b);
/// Smallest element (0-d); an empty tensor is an error.
EMBER_API Tensor min(const Tensor& t);
/// Smallest elements along `dim` and the index of each (the first occurrence).
EMBER_API std::tuple<Tensor, Tensor> min(const Tensor& t, int64_t dim, bool keepdim = false);
EMBER_API Tensor min(const Tensor& a, const Tensor& b);
/// Index of the largest element along `dim`, or in the flattened tensor without one.
EMBER_API Tensor argmax(const Tensor& t, std::optional<int64_t> dim = std::nullopt,
                        bool keepdim = false);
/// Index of the smallest element along `dim`, or in the flattened tensor without one.
EMBER_API Tensor argmin(const Tensor& t, std::optional<int64_t> dim = std::nullopt,
                        bool keepdim = false);
/// Variance of a floating tensor; unbiased divides by n - 1.
EMBER_API Tensor var(const Tensor& t, bool unbiased = true);
EMBER_API Tensor var(const Tensor& t, IntArrayRef dim, bool unbiased = true, bool keepdim = false);
/// Standard deviation of a floating tensor; unbiased divides by n - 1.
EMBER_API Tensor std(const Tensor& t, bool unbiased = true);
EMBER_API Tensor std(const Tensor& t, IntArrayRef dim, bool unbiased = true, bool keepdim = false);
/// var / std over one dim (C++-only overloads, as libtorch's: an int would otherwise select
/// the `unbiased` overload).
EMBER_API Tensor var(const Tensor& t, int dim);
EMBER_API Tensor std(const Tensor& t, int dim);
/// Vector p-norm of a floating tensor: p = 0 counts non-zeros, +-inf take the largest /
/// smallest magnitude, other p give (sum |x|^p)^(1/p); 0 when empty.
EMBER_API Tensor norm(const Tensor& t, const Scalar& p = 2);
EMBER_API Tensor norm(const Tensor& t, const std::optional<Scalar>& p, IntArrayRef dim,
                      bool keepdim = false);
/// log(sum(exp(t))) over `dim`, computed stably; integers convert to the default float dtype.
EMBER_API Tensor logsumexp(const Tensor& t, IntArrayRef dim, bool keepdim = false);
/// Running sums along `dim`; integers and bool accumulate into int64 unless `dtype` is given.
EMBER_API Tensor cumsum(const Tensor& t, int64_t dim, std::optional<Dtype> dtype = std::nullopt);

// ---- Linear algebra -----------------------------------------------------------------------
/// Matrix product with NumPy semantics: 1-d, 2-d, and batched with broadcasting.
EMBER_API Tensor matmul(const Tensor& a, const Tensor& b);
EMBER_API Tensor mm(const Tensor& a, const Tensor& b);
EMBER_API Tensor mv(const Tensor& mat, const Tensor& vec);
EMBER_API Tensor bmm(const Tensor& a, const Tensor& b);
EMBER_API Tensor dot(const Tensor& a, const Tensor& b);
EMBER_API Tensor outer(const Tensor& a, const Tensor& b);
/// beta * self + alpha * (mat1 @ mat2).
EMBER_API Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2,
                       const Scalar& beta = 1, const Scalar& alpha = 1);

// ---- Joining, splitting, indexing ---------------------------------------------------------
/// Concatenation along `dim`; dtypes promote as PyTorch's, 1-d empty tensors are skipped.
EMBER_API Tensor cat(ArrayRef<Tensor> tensors, int64_t dim = 0);
/// Equal-shaped tensors joined along a new dimension `dim`.
EMBER_API Tensor stack(ArrayRef<Tensor> tensors, int64_t dim = 0);
/// Views of `split_size` elements along `dim` (the last one may be shorter).
EMBER_API std::vector<Tensor> split(const Tensor& t, int64_t split_size, int64_t dim = 0);
/// Views of the given sizes along `dim` (they must add up to the dimension's size).
EMBER_API std::vector<Tensor> split(const Tensor& t, IntArrayRef split_sizes, int64_t dim = 0);
/// Views of the given sizes along `dim` (they must add up to the dimension's size).
EMBER_API std::vector<Tensor> split_with_sizes(const Tensor& t, IntArrayRef split_sizes,
                                               int64_t dim = 0);
/// `chunks` views of (nearly) equal size along `dim` (fewer when the size does not allow).
EMBER_API std::vector<Tensor> chunk(const Tensor& t, int64_t chunks, int64_t dim = 0);
/// The slices of `t` along `dim` that a 1-d int64/int32 `index` names, in its order.
EMBER_API Tensor index_select(const Tensor& t, int64_t dim, const Tensor& index);
/// out[i][j] = t[index[i][j]][j] (dim 0); sparse_grad only matters to autograd in libtorch.
EMBER_API Tensor gather(const Tensor& t, int64_t dim, const Tensor& index,
                        bool sparse_grad = false);
/// A copy of t with src[i][j] added at t[index[i][j]][j] (dim 0).
EMBER_API Tensor scatter_add(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& src);
/// A copy of t (broadcast with the bool mask) holding `value` where the mask is true.
EMBER_API Tensor masked_fill(const Tensor& t, const Tensor& mask, const Scalar& value);
/// As masked_fill with a Scalar; `value` must be a 0-d tensor.
EMBER_API Tensor masked_fill(const Tensor& t, const Tensor& mask, const Tensor& value);
/// The [n, t.dim()] int64 coordinates of t's non-zero elements, in row-major order.
EMBER_API Tensor nonzero(const Tensor& t);

// ---- Views as free functions --------------------------------------------------------------
EMBER_API Tensor reshape(const Tensor& t, IntArrayRef shape);
EMBER_API Tensor flatten(const Tensor& t, int64_t start_dim = 0, int64_t end_dim = -1);
EMBER_API Tensor transpose(const Tensor& t, int64_t dim0, int64_t dim1);
EMBER_API Tensor t(const Tensor& t);
EMBER_API Tensor permute(const Tensor& t, IntArrayRef dims);
EMBER_API Tensor squeeze(const Tensor& t);
EMBER_API Tensor squeeze(const Tensor& t, int64_t dim);
EMBER_API Tensor unsqueeze(const Tensor& t, int64_t dim);
EMBER_API Tensor narrow(const Tensor& t, int64_t dim, int64_t start, int64_t length);
EMBER_API Tensor select(const Tensor& t, int64_t dim, int64_t index);
EMBER_API std::vector<Tensor> unbind(const Tensor& t, int64_t dim = 0);
EMBER_API Tensor as_strided(const Tensor& t, IntArrayRef size, IntArrayRef stride,
                            std::optional<int64_t> storage_offset = std::nullopt);
EMBER_API Tensor clone(const Tensor& t);

}  // namespace ember

#include "ember/core/functions/Math.h"  // IWYU pragma: export
