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

#include "ember/core/Tensor.h"
#include "ember/core/TensorData.h"

namespace ember {

// ---- Creation -----------------------------------------------------------------------------
/// A tensor holding a copy of `data` (nested braces, a scalar, or std::vector); integer
/// literals give int64, floating literals the default dtype (float32), as PyTorch.
Tensor tensor(detail::TensorDataContainer data, const TensorOptions& options = {});
Tensor empty(IntArrayRef size, const TensorOptions& options = {});
Tensor zeros(IntArrayRef size, const TensorOptions& options = {});
Tensor ones(IntArrayRef size, const TensorOptions& options = {});
/// Filled with `value`; without a dtype the value's kind picks it (bool, int64, float32).
Tensor full(IntArrayRef size, const Scalar& value, const TensorOptions& options = {});
Tensor empty_like(const Tensor& t, const TensorOptions& options = {});
Tensor zeros_like(const Tensor& t, const TensorOptions& options = {});
Tensor ones_like(const Tensor& t, const TensorOptions& options = {});
Tensor full_like(const Tensor& t, const Scalar& value, const TensorOptions& options = {});
/// Uniform on [0, 1).
Tensor rand(IntArrayRef size, const TensorOptions& options = {});
/// Standard normal.
Tensor randn(IntArrayRef size, const TensorOptions& options = {});
/// Integers uniform on [low, high); int64 unless a dtype is given.
Tensor randint(int64_t low, int64_t high, IntArrayRef size, const TensorOptions& options = {});
Tensor randint(int64_t high, IntArrayRef size, const TensorOptions& options = {});
/// A random permutation of 0..n-1 (int64).
Tensor randperm(int64_t n, const TensorOptions& options = {});
/// [0, end) with step 1; integer arguments give int64, floating ones the default dtype.
Tensor arange(const Scalar& end, const TensorOptions& options = {});
Tensor arange(const Scalar& start, const Scalar& end, const TensorOptions& options = {});
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
              const TensorOptions& options = {});
/// `steps` points evenly spaced from `start` to `end` inclusive.
Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps,
                const TensorOptions& options = {});
/// Identity matrix (n x n, or n x m).
Tensor eye(int64_t n, const TensorOptions& options = {});
Tensor eye(int64_t n, int64_t m, const TensorOptions& options = {});
/// Wraps existing memory without copying; the caller keeps it alive (and may pass a
/// deleter to be called when the last view of it dies).
Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides,
                 const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, std::function<void(void*)> deleter,
                 const TensorOptions& options = {});

// ---- Random state -------------------------------------------------------------------------
/// Seeds the generator of every device (as torch.manual_seed).
void manual_seed(uint64_t seed);

// ---- Threads ------------------------------------------------------------------------------
/// Number of threads CPU kernels may use for large tensors: 1 to 1024. Safe to call from any
/// thread, also while other threads run ops (they finish their current op first).
void set_num_threads(int n);
int get_num_threads();

// ---- Type promotion -----------------------------------------------------------------------
/// The dtype PyTorch's type promotion gives for an op on these operands.
Dtype result_type(const Tensor& a, const Tensor& b);
Dtype result_type(const Tensor& a, const Scalar& b);
Dtype result_type(const Scalar& a, const Tensor& b);
/// Whether a value of dtype `from` may be written into a tensor of dtype `to` by an
/// in-place op (torch.can_cast).
bool can_cast(Dtype from, Dtype to);

// ---- Elementwise arithmetic ---------------------------------------------------------------
Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
Tensor rsub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
Tensor mul(const Tensor& a, const Tensor& b);
Tensor mul(const Tensor& a, const Scalar& b);
Tensor div(const Tensor& a, const Tensor& b);
Tensor div(const Tensor& a, const Scalar& b);
Tensor div(const Scalar& a, const Tensor& b);
/// base ** exponent; integer tensors reject negative integer scalar exponents.
Tensor pow(const Tensor& base, const Tensor& exponent);
Tensor pow(const Tensor& base, const Scalar& exponent);
Tensor pow(const Scalar& base, const Tensor& exponent);
Tensor maximum(const Tensor& a, const Tensor& b);
Tensor minimum(const Tensor& a, const Tensor& b);
/// min(max(t, min), max); at least one bound. NaN bounds as PyTorch 1.13: a lone NaN bound is
/// ignored, NaN with both bounds (or in clamp_min / clamp_max) gives NaN.
Tensor clamp(const Tensor& t, const std::optional<Scalar>& min,
             const std::optional<Scalar>& max = std::nullopt);
Tensor clamp_min(const Tensor& t, const Scalar& min);
Tensor clamp_max(const Tensor& t, const Scalar& max);
Tensor neg(const Tensor& t);
Tensor abs(const Tensor& t);
Tensor sqrt(const Tensor& t);
Tensor rsqrt(const Tensor& t);
Tensor exp(const Tensor& t);
Tensor log(const Tensor& t);
Tensor log1p(const Tensor& t);
Tensor sin(const Tensor& t);
Tensor cos(const Tensor& t);
Tensor tanh(const Tensor& t);
Tensor sigmoid(const Tensor& t);
Tensor relu(const Tensor& t);
Tensor square(const Tensor& t);
Tensor reciprocal(const Tensor& t);
Tensor sign(const Tensor& t);
Tensor floor(const Tensor& t);
Tensor ceil(const Tensor& t);
Tensor round(const Tensor& t);
Tensor isnan(const Tensor& t);
/// ~x for integers, logical not for bool.
Tensor bitwise_not(const Tensor& t);
/// approximate: "none" (exact, with erf) or "tanh".
Tensor gelu(const Tensor& t, std::string_view approximate = "none");
Tensor leaky_relu(const Tensor& t, const Scalar& negative_slope = 0.01);
/// exp(t) / sum(exp(t)) along `dim`, computed stably; `dtype` converts the input first.
Tensor softmax(const Tensor& t, int64_t dim, std::optional<Dtype> dtype = std::nullopt);
/// log(softmax(t, dim)), computed stably; `dtype` converts the input first.
Tensor log_softmax(const Tensor& t, int64_t dim, std::optional<Dtype> dtype = std::nullopt);

// ---- Comparison and logic -----------------------------------------------------------------
Tensor eq(const Tensor& a, const Tensor& b);
Tensor eq(const Tensor& a, const Scalar& b);
Tensor ne(const Tensor& a, const Tensor& b);
Tensor ne(const Tensor& a, const Scalar& b);
Tensor lt(const Tensor& a, const Tensor& b);
Tensor lt(const Tensor& a, const Scalar& b);
Tensor le(const Tensor& a, const Tensor& b);
Tensor le(const Tensor& a, const Scalar& b);
Tensor gt(const Tensor& a, const Tensor& b);
Tensor gt(const Tensor& a, const Scalar& b);
Tensor ge(const Tensor& a, const Tensor& b);
Tensor ge(const Tensor& a, const Scalar& b);
Tensor logical_and(const Tensor& a, const Tensor& b);
Tensor logical_or(const Tensor& a, const Tensor& b);
Tensor logical_not(const Tensor& t);
/// Bitwise for integers, logical for bool; floating inputs are rejected.
Tensor bitwise_and(const Tensor& a, const Tensor& b);
Tensor bitwise_and(const Tensor& a, const Scalar& b);
Tensor bitwise_or(const Tensor& a, const Tensor& b);
Tensor bitwise_or(const Tensor& a, const Scalar& b);
/// Whether any element is non-zero (bool; uint8 for uint8 input).
Tensor any(const Tensor& t);
Tensor any(const Tensor& t, int64_t dim, bool keepdim = false);
/// Whether every element is non-zero (bool; uint8 for uint8 input).
Tensor all(const Tensor& t);
Tensor all(const Tensor& t, int64_t dim, bool keepdim = false);
/// Whether |a - b| <= atol + rtol * |b| everywhere (a and b broadcast, same dtype).
bool allclose(const Tensor& a, const Tensor& b, double rtol = 1e-05, double atol = 1e-08,
              bool equal_nan = false);
/// Whether a and b have the same sizes and equal elements (compared in the promoted dtype).
bool equal(const Tensor& a, const Tensor& b);
/// Elements of `a` where `condition` holds, of `b` elsewhere (broadcasting all three).
Tensor where(const Tensor& condition, const Tensor& a, const Tensor& b);
Tensor where(const Tensor& condition, const Scalar& a, const Tensor& b);
Tensor where(const Tensor& condition, const Tensor& a, const Scalar& b);
Tensor where(const Tensor& condition, const Scalar& a, const Scalar& b);

// ---- Reductions ---------------------------------------------------------------------------
// `dim` lists may hold negative dims; an empty list reduces every dim. keepdim keeps reduced
// dims as size 1. NaN propagates through max/min/argmax/argmin/norm(inf)/logsumexp.
/// Sum; integers and bool sum into int64 unless `dtype` is given (the input converts to it).
Tensor sum(const Tensor& t, std::optional<Dtype> dtype = std::nullopt);
Tensor sum(const Tensor& t, IntArrayRef dim, bool keepdim = false,
           std::optional<Dtype> dtype = std::nullopt);
/// Mean of a floating tensor (or of any tensor with a floating `dtype`); NaN when empty.
Tensor mean(const Tensor& t, std::optional<Dtype> dtype = std::nullopt);
Tensor mean(const Tensor& t, IntArrayRef dim, bool keepdim = false,
            std::optional<Dtype> dtype = std::nullopt);
/// Product, with sum's dtype rules; 1 when empty.
Tensor prod(const Tensor& t, std::optional<Dtype> dtype = std::nullopt);
Tensor prod(const Tensor& t, int64_t dim, bool keepdim = false,
            std::optional<Dtype> dtype = std::nullopt);
/// Largest element (0-d); an empty tensor is an error.
Tensor max(const Tensor& t);
/// Largest elements along `dim` and the index of each (the first occurrence).
std::tuple<Tensor, Tensor> max(const Tensor& t, int64_t dim, bool keepdim = false);
Tensor max(const Tensor& a, const Tensor& b);
/// Smallest element (0-d); an empty tensor is an error.
Tensor min(const Tensor& t);
/// Smallest elements along `dim` and the index of each (the first occurrence).
std::tuple<Tensor, Tensor> min(const Tensor& t, int64_t dim, bool keepdim = false);
Tensor min(const Tensor& a, const Tensor& b);
/// Index of the largest element along `dim`, or in the flattened tensor without one.
Tensor argmax(const Tensor& t, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
/// Index of the smallest element along `dim`, or in the flattened tensor without one.
Tensor argmin(const Tensor& t, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
/// Variance of a floating tensor; unbiased divides by n - 1.
Tensor var(const Tensor& t, bool unbiased = true);
Tensor var(const Tensor& t, IntArrayRef dim, bool unbiased = true, bool keepdim = false);
/// Standard deviation of a floating tensor; unbiased divides by n - 1.
Tensor std(const Tensor& t, bool unbiased = true);
Tensor std(const Tensor& t, IntArrayRef dim, bool unbiased = true, bool keepdim = false);
/// var / std over one dim (C++-only overloads, as libtorch's: an int would otherwise select
/// the `unbiased` overload).
Tensor var(const Tensor& t, int dim);
Tensor std(const Tensor& t, int dim);
/// Vector p-norm of a floating tensor: p = 0 counts non-zeros, +-inf take the largest /
/// smallest magnitude, other p give (sum |x|^p)^(1/p); 0 when empty.
Tensor norm(const Tensor& t, const Scalar& p = 2);
Tensor norm(const Tensor& t, const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim = false);
/// log(sum(exp(t))) over `dim`, computed stably; integers convert to the default float dtype.
Tensor logsumexp(const Tensor& t, IntArrayRef dim, bool keepdim = false);
/// Running sums along `dim`; integers and bool accumulate into int64 unless `dtype` is given.
Tensor cumsum(const Tensor& t, int64_t dim, std::optional<Dtype> dtype = std::nullopt);

// ---- Linear algebra -----------------------------------------------------------------------
/// Matrix product with NumPy semantics: 1-d, 2-d, and batched with broadcasting.
Tensor matmul(const Tensor& a, const Tensor& b);
Tensor mm(const Tensor& a, const Tensor& b);
Tensor mv(const Tensor& mat, const Tensor& vec);
Tensor bmm(const Tensor& a, const Tensor& b);
Tensor dot(const Tensor& a, const Tensor& b);
Tensor outer(const Tensor& a, const Tensor& b);
/// beta * self + alpha * (mat1 @ mat2).
Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta = 1,
             const Scalar& alpha = 1);

// ---- Joining, splitting, indexing ---------------------------------------------------------
/// Concatenation along `dim`; dtypes promote as PyTorch's, 1-d empty tensors are skipped.
Tensor cat(ArrayRef<Tensor> tensors, int64_t dim = 0);
/// Equal-shaped tensors joined along a new dimension `dim`.
Tensor stack(ArrayRef<Tensor> tensors, int64_t dim = 0);
/// Views of `split_size` elements along `dim` (the last one may be shorter).
std::vector<Tensor> split(const Tensor& t, int64_t split_size, int64_t dim = 0);
/// Views of the given sizes along `dim` (they must add up to the dimension's size).
std::vector<Tensor> split(const Tensor& t, IntArrayRef split_sizes, int64_t dim = 0);
/// Views of the given sizes along `dim` (they must add up to the dimension's size).
std::vector<Tensor> split_with_sizes(const Tensor& t, IntArrayRef split_sizes, int64_t dim = 0);
/// `chunks` views of (nearly) equal size along `dim` (fewer when the size does not allow).
std::vector<Tensor> chunk(const Tensor& t, int64_t chunks, int64_t dim = 0);
/// The slices of `t` along `dim` that a 1-d int64/int32 `index` names, in its order.
Tensor index_select(const Tensor& t, int64_t dim, const Tensor& index);
/// out[i][j] = t[index[i][j]][j] (dim 0); sparse_grad only matters to autograd in libtorch.
Tensor gather(const Tensor& t, int64_t dim, const Tensor& index, bool sparse_grad = false);
/// A copy of t with src[i][j] added at t[index[i][j]][j] (dim 0).
Tensor scatter_add(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& src);
/// A copy of t (broadcast with the bool mask) holding `value` where the mask is true.
Tensor masked_fill(const Tensor& t, const Tensor& mask, const Scalar& value);
/// As masked_fill with a Scalar; `value` must be a 0-d tensor.
Tensor masked_fill(const Tensor& t, const Tensor& mask, const Tensor& value);
/// The [n, t.dim()] int64 coordinates of t's non-zero elements, in row-major order.
Tensor nonzero(const Tensor& t);

// ---- Views as free functions --------------------------------------------------------------
Tensor reshape(const Tensor& t, IntArrayRef shape);
Tensor flatten(const Tensor& t, int64_t start_dim = 0, int64_t end_dim = -1);
Tensor transpose(const Tensor& t, int64_t dim0, int64_t dim1);
Tensor t(const Tensor& t);
Tensor permute(const Tensor& t, IntArrayRef dims);
Tensor squeeze(const Tensor& t);
Tensor squeeze(const Tensor& t, int64_t dim);
Tensor unsqueeze(const Tensor& t, int64_t dim);
Tensor narrow(const Tensor& t, int64_t dim, int64_t start, int64_t length);
Tensor select(const Tensor& t, int64_t dim, int64_t index);
std::vector<Tensor> unbind(const Tensor& t, int64_t dim = 0);
Tensor clone(const Tensor& t);

}  // namespace ember
