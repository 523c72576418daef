#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "ember/core/ArrayRef.h"
#include "ember/core/Device.h"
#include "ember/core/Dtype.h"
#include "ember/core/Error.h"
#include "ember/core/Export.h"
#include "ember/core/IntrusivePtr.h"
#include "ember/core/Scalar.h"
#include "ember/core/TensorImpl.h"
#include "ember/core/TensorOptions.h"

namespace ember {

namespace indexing {
class TensorIndex;
}  // namespace indexing
namespace autograd {
class Node;
}  // namespace autograd

/// An n-dimensional array on a device: a cheap-to-copy handle to a TensorImpl. Copies of a
/// Tensor alias the same data, as in libtorch. A default-constructed Tensor is undefined.
class EMBER_API Tensor {
 public:
  Tensor() = default;
  explicit Tensor(IntrusivePtr<TensorImpl> impl) : impl_(std::move(impl)) {}

  // ---- Inspection ---------------------------------------------------------------------
  bool defined() const { return static_cast<bool>(impl_); }
  TensorImpl* unsafeGetTensorImpl() const { return impl_.get(); }
  const IntrusivePtr<TensorImpl>& getIntrusivePtr() const { return impl_; }
  IntArrayRef sizes() const { return impl()->sizes(); }
  IntArrayRef strides() const { return impl()->strides(); }
  /// Size of dimension `dim` (negative counts from the end).
  int64_t size(int64_t dim) const;
  /// Stride of dimension `dim` (negative counts from the end).
  int64_t stride(int64_t dim) const;
  int64_t dim() const { return impl()->dim(); }
  int64_t ndimension() const { return dim(); }
  int64_t numel() const { return impl()->numel(); }
  Dtype dtype() const { return impl()->dtype(); }
  Dtype scalar_type() const { return impl()->dtype(); }
  Device device() const { return impl()->device(); }
  bool is_cuda() const { return device().is_cuda(); }
  bool is_cpu() const { return device().is_cpu(); }
  bool is_contiguous() const { return impl()->is_contiguous(); }
  bool is_floating_point() const { return is_floating_type(dtype()); }
  int64_t element_size() const { return ember::element_size(dtype()); }
  int64_t itemsize() const { return element_size(); }
  size_t nbytes() const { return static_cast<size_t>(numel() * element_size()); }
  int64_t storage_offset() const { return impl()->storage_offset(); }
  const Storage& storage() const { return impl()->storage(); }
  /// True when both handles refer to the same TensorImpl.
  bool is_same(const Tensor& other) const { return impl_ == other.impl_; }
  uint32_t use_count() const { return impl_.use_count(); }
  /// dtype, device and requires_grad as TensorOptions.
  TensorOptions options() const;
  /// libtorch's type name: "CPUFloatType", "CUDALongType".
  std::string toString() const;
  /// Whether this host tensor lives in page-locked memory.
  bool is_pinned() const;

  /// The single value of a one-element tensor, converted to T.
  template <class T>
  T item() const;
  /// The single value of a one-element tensor as a Scalar.
  Scalar item() const;
  /// Typed pointer to the first element; T must match the dtype exactly.
  template <class T>
  T* data_ptr() const;
  void* data_ptr() const { return impl()->data(); }

  // ---- Autograd (the engine lives in autograd/) -----------------------------------------
  bool requires_grad() const;
  /// Sets requires_grad on a leaf; only floating-point tensors may require gradients.
  Tensor& requires_grad_(bool requires_grad = true);
  Tensor& set_requires_grad(bool requires_grad) { return requires_grad_(requires_grad); }
  /// The accumulated gradient; undefined until set.
  const Tensor& grad() const;
  Tensor& mutable_grad();
  /// Computes the gradient of this tensor with respect to the graph's leaves, accumulating it
  /// in their grad(). `gradient` may be omitted for a one-element tensor.
  void backward(const Tensor& gradient = {}, std::optional<bool> retain_graph = std::nullopt,
                bool create_graph = false,
                std::optional<std::vector<Tensor>> inputs = std::nullopt) const;
  /// The node that created this tensor (null for leaves).
  const std::shared_ptr<autograd::Node>& grad_fn() const;
  /// True for tensors that did not come out of a recorded op.
  bool is_leaf() const;
  /// Which output of its grad_fn this tensor is.
  int64_t output_nr() const;
  /// Keeps this non-leaf's gradient in grad() during backward.
  void retain_grad() const;
  bool retains_grad() const;
  /// Registers a hook called with this tensor's gradient during backward; it may return a
  /// replacement gradient (or nothing). Returns a handle for remove_hook.
  template <class Hook>
  unsigned register_hook(Hook&& hook) const {
    if constexpr (std::is_void_v<std::invoke_result_t<Hook&, Tensor>>) {
      return register_hook_fn([h = std::forward<Hook>(hook)](const Tensor& grad) mutable {
        h(grad);
        return Tensor();
      });
    } else {
      return register_hook_fn(std::function<Tensor(const Tensor&)>(std::forward<Hook>(hook)));
    }
  }
  void remove_hook(unsigned handle) const;
  /// Whether this tensor is a view of another that autograd tracks, and that tensor.
  bool is_view() const;
  const Tensor& _base() const;
  /// The same data without history and with a version counter of its own (as `.data` in
  /// Python): in-place changes through it are invisible to autograd.
  Tensor data() const;
  Tensor variable_data() const { return data(); }
  /// Replaces the data behind this tensor with `new_data`'s (storage, shape, dtype, device),
  /// keeping this tensor's identity and autograd state, as libtorch's Variable::set_data: how
  /// Module::to moves parameters that optimisers already hold.
  void set_data(const Tensor& new_data) const;
  /// Version counter shared by views (bumped by in-place ops).
  uint32_t _version() const { return impl()->version(); }

  // ---- Conversion and placement ---------------------------------------------------------
  Tensor to(Dtype dtype, bool non_blocking = false, bool copy = false) const;
  Tensor to(Device device, bool non_blocking = false, bool copy = false) const;
  Tensor to(Device device, Dtype dtype, bool non_blocking = false, bool copy = false) const;
  Tensor to(const TensorOptions& options, bool non_blocking = false, bool copy = false) const;
  Tensor to(const Tensor& other, bool non_blocking = false, bool copy = false) const;
  Tensor cpu() const;
  Tensor cuda() const;
  /// A copy in page-locked host memory (fast, asynchronous transfers to the GPU).
  Tensor pin_memory() const;
  Tensor contiguous() const;
  Tensor clone() const;
  /// A new handle sharing data but not history (requires_grad false).
  Tensor detach() const;
  Tensor& detach_();
  /// Copies `src` into this tensor (broadcasting, converting dtype, across devices).
  Tensor& copy_(const Tensor& src, bool non_blocking = false);

  // ---- Views (share storage) ------------------------------------------------------------
  Tensor view(IntArrayRef size) const;
  Tensor view_as(const Tensor& other) const;
  Tensor reshape(IntArrayRef shape) const;
  Tensor reshape_as(const Tensor& other) const;
  Tensor flatten(int64_t start_dim = 0, int64_t end_dim = -1) const;
  Tensor t() const;
  Tensor transpose(int64_t dim0, int64_t dim1) const;
  Tensor permute(IntArrayRef dims) const;
  Tensor squeeze() const;
  Tensor squeeze(int64_t dim) const;
  Tensor unsqueeze(int64_t dim) const;
  Tensor expand(IntArrayRef size, bool implicit = false) const;
  Tensor expand_as(const Tensor& other) const;
  Tensor slice(int64_t dim = 0, std::optional<int64_t> start = std::nullopt,
               std::optional<int64_t> end = std::nullopt, int64_t step = 1) const;
  Tensor narrow(int64_t dim, int64_t start, int64_t length) const;
  Tensor select(int64_t dim, int64_t index) const;
  Tensor operator[](int64_t index) const;
  /// Python's `x[index]`: a 0-d integer tensor selects (a view, as libtorch's operator[]);
  /// other index tensors and masks index advanced-style (a copy).
  Tensor operator[](const Tensor& index) const;
  std::vector<Tensor> unbind(int64_t dim = 0) const;
  /// A view with the given geometry over this tensor's storage (offset defaults to this
  /// tensor's); every element it reaches must lie inside the storage.
  Tensor as_strided(IntArrayRef size, IntArrayRef stride,
                    std::optional<int64_t> storage_offset = std::nullopt) const;

  // ---- Indexing -------------------------------------------------------------------------
  /// NumPy/PyTorch indexing (`x[1:, None, idx]`): ints, Slice, None and Ellipsis give a view;
  /// int64/int32 index tensors and bool masks copy (advanced indexing).
  Tensor index(ArrayRef<indexing::TensorIndex> indices) const;
  Tensor index(std::initializer_list<indexing::TensorIndex> indices) const;
  /// `x[indices] = value`: value broadcasts to the indexed shape; with repeated indices the
  /// last write wins. A tensor value must have this tensor's dtype in advanced indexing.
  Tensor& index_put_(ArrayRef<indexing::TensorIndex> indices, const Tensor& value);
  Tensor& index_put_(ArrayRef<indexing::TensorIndex> indices, const Scalar& value);
  Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices, const Tensor& value);
  Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices, const Scalar& value);
  /// See ember::index_select, gather, scatter_add, masked_fill, nonzero.
  Tensor index_select(int64_t dim, const Tensor& index) const;
  Tensor gather(int64_t dim, const Tensor& index, bool sparse_grad = false) const;
  Tensor scatter_add(int64_t dim, const Tensor& index, const Tensor& src) const;
  /// In place: self[index[i][j]][j] += src[i][j] (dim 0).
  Tensor& scatter_add_(int64_t dim, const Tensor& index, const Tensor& src);
  Tensor masked_fill(const Tensor& mask, const Scalar& value) const;
  Tensor masked_fill(const Tensor& mask, const Tensor& value) const;
  /// In place: value where the bool mask (broadcast to self) is true.
  Tensor& masked_fill_(const Tensor& mask, const Scalar& value);
  Tensor& masked_fill_(const Tensor& mask, const Tensor& value);
  Tensor nonzero() const;

  // ---- Arithmetic -----------------------------------------------------------------------
  Tensor add(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor add(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor sub(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor sub(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor mul(const Tensor& other) const;
  Tensor mul(const Scalar& other) const;
  Tensor div(const Tensor& other) const;
  Tensor div(const Scalar& other) const;
  Tensor pow(const Tensor& exponent) const;
  Tensor pow(const Scalar& exponent) const;
  Tensor maximum(const Tensor& other) const;
  Tensor minimum(const Tensor& other) const;
  Tensor clamp(const std::optional<Scalar>& min,
               const std::optional<Scalar>& max = std::nullopt) const;
  Tensor clamp_min(const Scalar& min) const;
  Tensor clamp_max(const Scalar& max) const;
  Tensor& add_(const Tensor& other, const Scalar& alpha = 1);
  Tensor& add_(const Scalar& other, const Scalar& alpha = 1);
  Tensor& sub_(const Tensor& other, const Scalar& alpha = 1);
  Tensor& sub_(const Scalar& other, const Scalar& alpha = 1);
  Tensor& mul_(const Tensor& other);
  Tensor& mul_(const Scalar& other);
  Tensor& div_(const Tensor& other);
  Tensor& div_(const Scalar& other);
  Tensor& pow_(const Tensor& exponent);
  Tensor& pow_(const Scalar& exponent);
  Tensor& clamp_(const std::optional<Scalar>& min, const std::optional<Scalar>& max = std::nullopt);
  Tensor& clamp_min_(const Scalar& min);
  Tensor& clamp_max_(const Scalar& max);

#define EMBER_DECLARE_UNARY_METHOD(name) \
  Tensor name() const;                   \
  Tensor& name##_();
  EMBER_DECLARE_UNARY_METHOD(neg)
  EMBER_DECLARE_UNARY_METHOD(abs)
  EMBER_DECLARE_UNARY_METHOD(sqrt)
  EMBER_DECLARE_UNARY_METHOD(rsqrt)
  EMBER_DECLARE_UNARY_METHOD(exp)
  EMBER_DECLARE_UNARY_METHOD(log)
  EMBER_DECLARE_UNARY_METHOD(log1p)
  EMBER_DECLARE_UNARY_METHOD(sin)
  EMBER_DECLARE_UNARY_METHOD(cos)
  EMBER_DECLARE_UNARY_METHOD(tanh)
  EMBER_DECLARE_UNARY_METHOD(sigmoid)
  EMBER_DECLARE_UNARY_METHOD(relu)
  EMBER_DECLARE_UNARY_METHOD(square)
  EMBER_DECLARE_UNARY_METHOD(reciprocal)
  EMBER_DECLARE_UNARY_METHOD(sign)
  EMBER_DECLARE_UNARY_METHOD(floor)
  EMBER_DECLARE_UNARY_METHOD(ceil)
  EMBER_DECLARE_UNARY_METHOD(round)
  EMBER_DECLARE_UNARY_METHOD(logical_not)
  EMBER_DECLARE_UNARY_METHOD(bitwise_not)
#undef EMBER_DECLARE_UNARY_METHOD
  Tensor isnan() const;
  Tensor gelu(std::string_view approximate = "none") const;
  Tensor leaky_relu(const Scalar& negative_slope = 0.01) const;
  Tensor softmax(int64_t dim, std::optional<Dtype> dtype = std::nullopt) const;
  Tensor log_softmax(int64_t dim, std::optional<Dtype> dtype = std::nullopt) const;

  // ---- Math family (see ember/core/functions/Math.h) -------------------------------------
#define EMBER_DECLARE_MATH_METHOD(name) \
  Tensor name() const;                  \
  Tensor& name##_();
  EMBER_DECLARE_MATH_METHOD(erf)
  EMBER_DECLARE_MATH_METHOD(erfc)
  EMBER_DECLARE_MATH_METHOD(erfinv)
  EMBER_DECLARE_MATH_METHOD(asin)
  EMBER_DECLARE_MATH_METHOD(acos)
  EMBER_DECLARE_MATH_METHOD(atan)
  EMBER_DECLARE_MATH_METHOD(sinh)
  EMBER_DECLARE_MATH_METHOD(cosh)
  EMBER_DECLARE_MATH_METHOD(asinh)
  EMBER_DECLARE_MATH_METHOD(acosh)
  EMBER_DECLARE_MATH_METHOD(atanh)
  EMBER_DECLARE_MATH_METHOD(tan)
  EMBER_DECLARE_MATH_METHOD(expm1)
  EMBER_DECLARE_MATH_METHOD(log2)
  EMBER_DECLARE_MATH_METHOD(log10)
  EMBER_DECLARE_MATH_METHOD(exp2)
  EMBER_DECLARE_MATH_METHOD(trunc)
  EMBER_DECLARE_MATH_METHOD(frac)
#undef EMBER_DECLARE_MATH_METHOD
  Tensor atan2(const Tensor& other) const;
  Tensor& atan2_(const Tensor& other);
  Tensor hypot(const Tensor& other) const;
  Tensor& hypot_(const Tensor& other);
  Tensor remainder(const Tensor& other) const;
  Tensor remainder(const Scalar& other) const;
  Tensor& remainder_(const Tensor& other);
  Tensor& remainder_(const Scalar& other);
  Tensor fmod(const Tensor& other) const;
  Tensor fmod(const Scalar& other) const;
  Tensor& fmod_(const Tensor& other);
  Tensor& fmod_(const Scalar& other);
  Tensor floor_divide(const Tensor& other) const;
  Tensor floor_divide(const Scalar& other) const;
  Tensor& floor_divide_(const Tensor& other);
  Tensor& floor_divide_(const Scalar& other);
  Tensor true_divide(const Tensor& other) const;
  Tensor true_divide(const Scalar& other) const;
  Tensor& true_divide_(const Tensor& other);
  Tensor& true_divide_(const Scalar& other);
  Tensor lerp(const Tensor& end, const Scalar& weight) const;
  Tensor lerp(const Tensor& end, const Tensor& weight) const;
  Tensor& lerp_(const Tensor& end, const Scalar& weight);
  Tensor& lerp_(const Tensor& end, const Tensor& weight);
  Tensor addcmul(const Tensor& tensor1, const Tensor& tensor2, const Scalar& value = 1) const;
  Tensor& addcmul_(const Tensor& tensor1, const Tensor& tensor2, const Scalar& value = 1);
  Tensor addcdiv(const Tensor& tensor1, const Tensor& tensor2, const Scalar& value = 1) const;
  Tensor& addcdiv_(const Tensor& tensor1, const Tensor& tensor2, const Scalar& value = 1);
  Tensor isinf() const;
  Tensor isfinite() const;
  Tensor nan_to_num(std::optional<double> nan = std::nullopt,
                    std::optional<double> posinf = std::nullopt,
                    std::optional<double> neginf = std::nullopt) const;
  Tensor& nan_to_num_(std::optional<double> nan = std::nullopt,
                      std::optional<double> posinf = std::nullopt,
                      std::optional<double> neginf = std::nullopt);
  Tensor logical_xor(const Tensor& other) const;
  Tensor& logical_xor_(const Tensor& other);
  Tensor bitwise_xor(const Tensor& other) const;
  Tensor bitwise_xor(const Scalar& other) const;
  Tensor& bitwise_xor_(const Tensor& other);
  Tensor& bitwise_xor_(const Scalar& other);
  Tensor bitwise_left_shift(const Tensor& other) const;
  Tensor bitwise_left_shift(const Scalar& other) const;
  Tensor& bitwise_left_shift_(const Tensor& other);
  Tensor& bitwise_left_shift_(const Scalar& other);
  Tensor bitwise_right_shift(const Tensor& other) const;
  Tensor bitwise_right_shift(const Scalar& other) const;
  Tensor& bitwise_right_shift_(const Tensor& other);
  Tensor& bitwise_right_shift_(const Scalar& other);

  // ---- Comparison and logic (bool results) ----------------------------------------------
  Tensor eq(const Tensor& other) const;
  Tensor eq(const Scalar& other) const;
  Tensor ne(const Tensor& other) const;
  Tensor ne(const Scalar& other) const;
  Tensor lt(const Tensor& other) const;
  Tensor lt(const Scalar& other) const;
  Tensor le(const Tensor& other) const;
  Tensor le(const Scalar& other) const;
  Tensor gt(const Tensor& other) const;
  Tensor gt(const Scalar& other) const;
  Tensor ge(const Tensor& other) const;
  Tensor ge(const Scalar& other) const;
  Tensor logical_and(const Tensor& other) const;
  Tensor logical_or(const Tensor& other) const;
  /// Bitwise for integers, logical for bool (operators & and |).
  Tensor bitwise_and(const Tensor& other) const;
  Tensor bitwise_and(const Scalar& other) const;
  Tensor bitwise_or(const Tensor& other) const;
  Tensor bitwise_or(const Scalar& other) const;
  /// Elements of this tensor where `condition` holds, of `other` elsewhere.
  Tensor where(const Tensor& condition, const Tensor& other) const;
  Tensor where(const Tensor& condition, const Scalar& other) const;
  Tensor any() const;
  Tensor any(int64_t dim, bool keepdim = false) const;
  Tensor all() const;
  Tensor all(int64_t dim, bool keepdim = false) const;
  bool allclose(const Tensor& other, double rtol = 1e-05, double atol = 1e-08,
                bool equal_nan = false) const;
  /// True when sizes and every element match exactly.
  bool equal(const Tensor& other) const;

  // ---- In-place fills -------------------------------------------------------------------
  Tensor& zero_();
  Tensor& fill_(const Scalar& value);
  Tensor& fill_(const Tensor& value);
  Tensor& uniform_(double from = 0, double to = 1);
  Tensor& normal_(double mean = 0, double std = 1);

  // ---- Reductions -----------------------------------------------------------------------
  Tensor sum(std::optional<Dtype> dtype = std::nullopt) const;
  Tensor sum(IntArrayRef dim, bool keepdim = false,
             std::optional<Dtype> dtype = std::nullopt) const;
  Tensor mean(std::optional<Dtype> dtype = std::nullopt) const;
  Tensor mean(IntArrayRef dim, bool keepdim = false,
              std::optional<Dtype> dtype = std::nullopt) const;
  Tensor prod(std::optional<Dtype> dtype = std::nullopt) const;
  Tensor prod(int64_t dim, bool keepdim = false, std::optional<Dtype> dtype = std::nullopt) const;
  Tensor max() const;
  std::tuple<Tensor, Tensor> max(int64_t dim, bool keepdim = false) const;
  Tensor max(const Tensor& other) const;
  Tensor min() const;
  std::tuple<Tensor, Tensor> min(int64_t dim, bool keepdim = false) const;
  Tensor min(const Tensor& other) const;
  Tensor argmax(std::optional<int64_t> dim = std::nullopt, bool keepdim = false) const;
  Tensor argmin(std::optional<int64_t> dim = std::nullopt, bool keepdim = false) const;
  Tensor var(bool unbiased = true) const;
  Tensor var(IntArrayRef dim, bool unbiased = true, bool keepdim = false) const;
  Tensor std(bool unbiased = true) const;
  Tensor std(IntArrayRef dim, bool unbiased = true, bool keepdim = false) const;
  /// var / std over one dim. As in libtorch, these C++-only overloads exist because an int
  /// argument would otherwise select var(bool unbiased).
  Tensor var(int dim) const;
  Tensor std(int dim) const;
  Tensor norm(const Scalar& p = 2) const;
  Tensor norm(const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim = false) const;
  Tensor logsumexp(IntArrayRef dim, bool keepdim = false) const;
  Tensor cumsum(int64_t dim, std::optional<Dtype> dtype = std::nullopt) const;

  // ---- Sorting, selection, scans (include/ember/core/functions/Sorting.h) ----------------
  std::tuple<Tensor, Tensor> sort(int64_t dim = -1, bool descending = false) const;
  std::tuple<Tensor, Tensor> sort(std::optional<bool> stable, int64_t dim = -1,
                                  bool descending = false) const;
  Tensor argsort(int64_t dim = -1, bool descending = false) const;
  Tensor argsort(bool stable, int64_t dim, bool descending = false) const;
  std::tuple<Tensor, Tensor> topk(int64_t k, int64_t dim = -1, bool largest = true,
                                  bool sorted = true) const;
  std::tuple<Tensor, Tensor> kthvalue(int64_t k, int64_t dim = -1, bool keepdim = false) const;
  Tensor median() const;
  std::tuple<Tensor, Tensor> median(int64_t dim, bool keepdim = false) const;
  Tensor nanmedian() const;
  std::tuple<Tensor, Tensor> nanmedian(int64_t dim, bool keepdim = false) const;
  std::tuple<Tensor, Tensor> mode(int64_t dim = -1, bool keepdim = false) const;
  Tensor quantile(const Tensor& q, std::optional<int64_t> dim = std::nullopt, bool keepdim = false,
                  std::string_view interpolation = "linear") const;
  Tensor quantile(double q, std::optional<int64_t> dim = std::nullopt, bool keepdim = false,
                  std::string_view interpolation = "linear") const;
  Tensor nanquantile(const Tensor& q, std::optional<int64_t> dim = std::nullopt,
                     bool keepdim = false, std::string_view interpolation = "linear") const;
  Tensor nanquantile(double q, std::optional<int64_t> dim = std::nullopt, bool keepdim = false,
                     std::string_view interpolation = "linear") const;
  std::tuple<Tensor, Tensor, Tensor> unique_consecutive(
      bool return_inverse = false, bool return_counts = false,
      std::optional<int64_t> dim = std::nullopt) const;
  Tensor bincount(const std::optional<Tensor>& weights = std::nullopt, int64_t minlength = 0) const;
  Tensor histc(int64_t bins = 100, const Scalar& min = 0, const Scalar& max = 0) const;
  std::tuple<Tensor, Tensor> cummax(int64_t dim) const;
  std::tuple<Tensor, Tensor> cummin(int64_t dim) const;
  Tensor cumprod(int64_t dim, std::optional<Dtype> dtype = std::nullopt) const;
  Tensor logcumsumexp(int64_t dim) const;

  // ---- Linear algebra -------------------------------------------------------------------
  Tensor matmul(const Tensor& other) const;
  Tensor mm(const Tensor& mat2) const;
  Tensor mv(const Tensor& vec) const;
  Tensor bmm(const Tensor& mat2) const;
  Tensor dot(const Tensor& other) const;
  Tensor outer(const Tensor& vec2) const;
  Tensor addmm(const Tensor& mat1, const Tensor& mat2, const Scalar& beta = 1,
               const Scalar& alpha = 1) const;

  // ---- Splitting ------------------------------------------------------------------------
  std::vector<Tensor> split(int64_t split_size, int64_t dim = 0) const;
  std::vector<Tensor> split(IntArrayRef split_sizes, int64_t dim = 0) const;
  std::vector<Tensor> split_with_sizes(IntArrayRef split_sizes, int64_t dim = 0) const;
  std::vector<Tensor> chunk(int64_t chunks, int64_t dim = 0) const;

  // ---- Shape: reordering, repeating, triangles, diagonals, indexing along a dim ----------
  // See the free functions of the same names (ember/core/functions/Shape.h).
  Tensor flip(IntArrayRef dims) const;
  Tensor roll(IntArrayRef shifts, IntArrayRef dims = {}) const;
  Tensor repeat(IntArrayRef repeats) const;
  Tensor repeat_interleave(const Tensor& repeats, std::optional<int64_t> dim = std::nullopt,
                           std::optional<int64_t> output_size = std::nullopt) const;
  Tensor repeat_interleave(int64_t repeats, std::optional<int64_t> dim = std::nullopt,
                           std::optional<int64_t> output_size = std::nullopt) const;
  Tensor tile(IntArrayRef dims) const;
  Tensor tril(int64_t diagonal = 0) const;
  Tensor triu(int64_t diagonal = 0) const;
  Tensor& tril_(int64_t diagonal = 0);
  Tensor& triu_(int64_t diagonal = 0);
  Tensor diag(int64_t diagonal = 0) const;
  /// A view of the diagonal of the (dim1, dim2) planes, appended as the last dim.
  Tensor diagonal(int64_t offset = 0, int64_t dim1 = 0, int64_t dim2 = 1) const;
  Tensor diag_embed(int64_t offset = 0, int64_t dim1 = -2, int64_t dim2 = -1) const;
  Tensor trace() const;
  Tensor movedim(IntArrayRef source, IntArrayRef destination) const;
  Tensor movedim(int64_t source, int64_t destination) const;
  Tensor moveaxis(IntArrayRef source, IntArrayRef destination) const;
  Tensor moveaxis(int64_t source, int64_t destination) const;
  Tensor swapaxes(int64_t axis0, int64_t axis1) const;
  Tensor swapdims(int64_t dim0, int64_t dim1) const;
  Tensor unflatten(int64_t dim, IntArrayRef sizes) const;
  Tensor broadcast_to(IntArrayRef size) const;
  Tensor take_along_dim(const Tensor& indices, std::optional<int64_t> dim = std::nullopt) const;
  Tensor index_add(int64_t dim, const Tensor& index, const Tensor& source,
                   const Scalar& alpha = 1) const;
  Tensor& index_add_(int64_t dim, const Tensor& index, const Tensor& source,
                     const Scalar& alpha = 1);
  Tensor index_copy(int64_t dim, const Tensor& index, const Tensor& source) const;
  Tensor& index_copy_(int64_t dim, const Tensor& index, const Tensor& source);
  Tensor index_fill(int64_t dim, const Tensor& index, const Scalar& value) const;
  Tensor index_fill(int64_t dim, const Tensor& index, const Tensor& value) const;
  Tensor& index_fill_(int64_t dim, const Tensor& index, const Scalar& value);
  Tensor& index_fill_(int64_t dim, const Tensor& index, const Tensor& value);
  Tensor scatter(int64_t dim, const Tensor& index, const Tensor& src) const;
  Tensor scatter(int64_t dim, const Tensor& index, const Scalar& value) const;
  Tensor scatter(int64_t dim, const Tensor& index, const Tensor& src,
                 std::string_view reduce) const;
  Tensor scatter(int64_t dim, const Tensor& index, const Scalar& value,
                 std::string_view reduce) const;
  Tensor& scatter_(int64_t dim, const Tensor& index, const Tensor& src);
  Tensor& scatter_(int64_t dim, const Tensor& index, const Scalar& value);
  Tensor& scatter_(int64_t dim, const Tensor& index, const Tensor& src, std::string_view reduce);
  Tensor& scatter_(int64_t dim, const Tensor& index, const Scalar& value, std::string_view reduce);
  Tensor scatter_reduce(int64_t dim, const Tensor& index, const Tensor& src,
                        std::string_view reduce, bool include_self = true) const;
  Tensor& scatter_reduce_(int64_t dim, const Tensor& index, const Tensor& src,
                          std::string_view reduce, bool include_self = true);
  Tensor masked_select(const Tensor& mask) const;
  Tensor masked_scatter(const Tensor& mask, const Tensor& source) const;
  Tensor& masked_scatter_(const Tensor& mask, const Tensor& source);

  // ---- Linear algebra (ember/core/functions/Linalg.h) -------------------------------------
  Tensor inverse() const;
  Tensor det() const;
  Tensor logdet() const;
  std::tuple<Tensor, Tensor> slogdet() const;
  Tensor cholesky(bool upper = false) const;
  std::tuple<Tensor, Tensor> qr(bool some = true) const;
  std::tuple<Tensor, Tensor, Tensor> svd(bool some = true, bool compute_uv = true) const;
  Tensor pinverse(double rcond = 1e-15) const;
  Tensor matrix_power(int64_t n) const;
  Tensor cross(const Tensor& other, std::optional<int64_t> dim = std::nullopt) const;
  Tensor kron(const Tensor& other) const;

  // ---- Operators ------------------------------------------------------------------------
  Tensor operator-() const { return neg(); }
  Tensor& operator+=(const Tensor& other) { return add_(other); }
  Tensor& operator+=(const Scalar& other) { return add_(other); }
  Tensor& operator-=(const Tensor& other) { return sub_(other); }
  Tensor& operator-=(const Scalar& other) { return sub_(other); }
  Tensor& operator*=(const Tensor& other) { return mul_(other); }
  Tensor& operator*=(const Scalar& other) { return mul_(other); }
  Tensor& operator/=(const Tensor& other) { return div_(other); }
  Tensor& operator/=(const Scalar& other) { return div_(other); }
  /// Bitwise not for integers, logical not for bool (as libtorch).
  Tensor operator~() const { return bitwise_not(); }
  Tensor& operator^=(const Tensor& other) { return bitwise_xor_(other); }
  Tensor& operator^=(const Scalar& other) { return bitwise_xor_(other); }

 private:
  unsigned register_hook_fn(std::function<Tensor(const Tensor&)> hook) const;
  TensorImpl* impl() const;
  IntrusivePtr<TensorImpl> impl_;
};

/// Throws a clear error for use of an undefined tensor; inline so the check is one branch.
inline TensorImpl* Tensor::impl() const {
  if (EMBER_UNLIKELY(!impl_)) [[unlikely]] {
    detail::throw_error("use of an undefined tensor (default-constructed or moved-from)");
  }
  return impl_.get();
}

EMBER_API Tensor operator+(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator+(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator+(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator-(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator-(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator-(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator*(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator*(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator*(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator/(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator/(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator/(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator==(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator==(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator!=(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator!=(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator<(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator<(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator<=(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator<=(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator>(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator>(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator>=(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator>=(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator==(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator!=(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator<(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator<=(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator>(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator>=(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator&(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator&(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator&(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator|(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator|(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator|(const Scalar& a, const Tensor& b);
EMBER_API Tensor operator^(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator^(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator^(const Scalar& a, const Tensor& b);
/// Python's remainder (as libtorch's operator%).
EMBER_API Tensor operator%(const Tensor& a, const Tensor& b);
EMBER_API Tensor operator%(const Tensor& a, const Scalar& b);
EMBER_API Tensor operator%(const Scalar& a, const Tensor& b);

/// Prints as Python PyTorch does: "tensor([1., 2.], dtype=ember.float64)".
EMBER_API std::ostream& operator<<(std::ostream& os, const Tensor& t);

}  // namespace ember
