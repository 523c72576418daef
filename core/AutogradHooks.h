#pragma once

// How core reaches the autograd layer without including it: one interface, AutogradHooks,
// that autograd/ registers at start-up (as the backends fill the kernel table). The public op
// front ends (core/api/) run the op's autograd-free body (core/ops/, namespace ember::native)
// and then, when grad mode is on and an input requires grad, call record(): the autograd layer
// builds the node from its formula table, keyed by GradOp. Every in-place op goes through
// InplaceGuard, every public view through record_view.

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "ember/core/ArrayRef.h"
#include "ember/core/Export.h"
#include "ember/core/GradMode.h"
#include "ember/core/Scalar.h"
#include "ember/core/SmallVector.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

// Every op with a backward formula: name, and the name PyTorch gives its node. Ops written in
// public ops (composites) are not listed: their pieces record themselves.
#define EMBER_FORALL_GRAD_OPS(_)                                    \
  /* arithmetic */                                                  \
  _(add, "AddBackward0")                                            \
  _(add_scalar, "AddBackward1")                                     \
  _(sub, "SubBackward0")                                            \
  _(sub_scalar, "SubBackward1")                                     \
  _(rsub_scalar, "RsubBackward1")                                   \
  _(mul, "MulBackward0")                                            \
  _(mul_scalar, "MulBackward1")                                     \
  _(div, "DivBackward0")                                            \
  _(div_scalar, "DivBackward1")                                     \
  _(pow, "PowBackward1")                                            \
  _(pow_scalar, "PowBackward0")                                     \
  _(pow_scalar_base, "PowBackward2")                                \
  _(maximum, "MaximumBackward0")                                    \
  _(minimum, "MinimumBackward0")                                    \
  _(clamp, "ClampBackward1")                                        \
  _(clamp_min, "ClampMinBackward0")                                 \
  _(clamp_max, "ClampMaxBackward0")                                 \
  /* unary and activations */                                       \
  _(neg, "NegBackward0")                                            \
  _(abs, "AbsBackward0")                                            \
  _(sqrt, "SqrtBackward0")                                          \
  _(rsqrt, "RsqrtBackward0")                                        \
  _(exp, "ExpBackward0")                                            \
  _(log, "LogBackward0")                                            \
  _(log1p, "Log1PBackward0")                                        \
  _(sin, "SinBackward0")                                            \
  _(cos, "CosBackward0")                                            \
  _(tanh, "TanhBackward0")                                          \
  _(sigmoid, "SigmoidBackward0")                                    \
  _(relu, "ReluBackward0")                                          \
  _(reciprocal, "ReciprocalBackward0")                              \
  _(sign, "SignBackward0")                                          \
  _(floor, "FloorBackward0")                                        \
  _(ceil, "CeilBackward0")                                          \
  _(round, "RoundBackward0")                                        \
  _(gelu, "GeluBackward0")                                          \
  _(leaky_relu, "LeakyReluBackward0")                               \
  _(tanh_backward, "TanhBackwardBackward0")                         \
  _(sigmoid_backward, "SigmoidBackwardBackward0")                   \
  _(threshold_backward, "ThresholdBackwardBackward0")               \
  _(softmax, "SoftmaxBackward0")                                    \
  _(log_softmax, "LogSoftmaxBackward0")                             \
  _(where, "WhereBackward0")                                        \
  _(masked_fill, "MaskedFillBackward0")                             \
  _(masked_fill_tensor, "MaskedFillBackward1")                      \
  /* reductions */                                                  \
  _(sum, "SumBackward0")                                            \
  _(sum_dim, "SumBackward1")                                        \
  _(mean, "MeanBackward0")                                          \
  _(mean_dim, "MeanBackward1")                                      \
  _(prod, "ProdBackward0")                                          \
  _(prod_dim, "ProdBackward1")                                      \
  _(max_all, "MaxBackward1")                                        \
  _(min_all, "MinBackward1")                                        \
  _(max_dim, "MaxBackward0")                                        \
  _(min_dim, "MinBackward0")                                        \
  _(var, "VarBackward0")                                            \
  _(std, "StdBackward0")                                            \
  _(norm, "NormBackward1")                                          \
  _(logsumexp, "LogsumexpBackward0")                                \
  _(cumsum, "CumsumBackward0")                                      \
  /* linear algebra */                                              \
  _(mm, "MmBackward0")                                              \
  _(mv, "MvBackward0")                                              \
  _(bmm, "BmmBackward0")                                            \
  _(dot, "DotBackward0")                                            \
  _(addmm, "AddmmBackward0")                                        \
  /* joining, splitting, indexing */                                \
  _(cat, "CatBackward0")                                            \
  _(stack, "StackBackward0")                                        \
  _(split, "SplitBackward0")                                        \
  _(split_with_sizes, "SplitWithSizesBackward0")                    \
  _(unbind, "UnbindBackward0")                                      \
  _(index_select, "IndexSelectBackward0")                           \
  _(gather, "GatherBackward0")                                      \
  _(scatter_add, "ScatterAddBackward0")                             \
  _(index, "IndexBackward0")                                        \
  _(index_put, "IndexPutBackward0")                                 \
  /* views */                                                       \
  _(view, "ViewBackward0")                                          \
  _(unsafe_view, "UnsafeViewBackward0")                             \
  _(t, "TBackward0")                                                \
  _(transpose, "TransposeBackward0")                                \
  _(permute, "PermuteBackward0")                                    \
  _(squeeze, "SqueezeBackward0")                                    \
  _(squeeze_dim, "SqueezeBackward1")                                \
  _(unsqueeze, "UnsqueezeBackward0")                                \
  _(expand, "ExpandBackward0")                                      \
  _(slice, "SliceBackward0")                                        \
  _(select, "SelectBackward0")                                      \
  _(as_strided, "AsStridedBackward0")                               \
  _(alias, "AliasBackward0")                                        \
  /* copies, fills */                                               \
  _(to_copy, "ToCopyBackward0")                                     \
  _(clone, "CloneBackward0")                                        \
  _(copy, "CopyBackwards")                                          \
  _(fill, "FillBackward2")                                          \
  _(fill_tensor, "FillBackward3")                                   \
  _(zero, "ZeroBackward0")                                          \
  _(uniform, "UniformBackward0")                                    \
  _(normal, "NormalBackward0")                                      \
  _(random, "RandomBackward0")                                      \
  /* shape: reordering, triangles, diagonals */                     \
  _(flip, "FlipBackward0")                                          \
  _(roll, "RollBackward0")                                          \
  _(repeat, "RepeatBackward0")                                      \
  _(tril, "TrilBackward0")                                          \
  _(triu, "TriuBackward0")                                          \
  _(diagonal, "DiagonalBackward0")                                  \
  _(diag_embed, "DiagEmbedBackward0")                               \
  _(trace, "TraceBackward0")                                        \
  /* shape: indexing along a dim, masks */                          \
  _(index_add, "IndexAddBackward0")                                 \
  _(index_copy, "IndexCopyBackward0")                               \
  _(index_fill, "IndexFillBackward0")                               \
  _(index_fill_tensor, "IndexFillBackward1")                        \
  _(scatter, "ScatterBackward0")                                    \
  _(scatter_value, "ScatterBackward1")                              \
  _(scatter_reduce, "ScatterReduceBackward0")                       \
  _(scatter_reduce_linear, "ScatterReduceBackward0")                \
  _(masked_select, "MaskedSelectBackward0")                         \
  _(masked_scatter, "MaskedScatterBackward0")                       \
  /* shape: padding */                                              \
  _(constant_pad_nd, "ConstantPadNdBackward0")                      \
  _(reflect1d, "ReflectionPad1DBackward0")                          \
  _(reflect2d, "ReflectionPad2DBackward0")                          \
  _(reflect3d, "ReflectionPad3DBackward0")                          \
  _(replicate1d, "ReplicationPad1DBackward0")                       \
  _(replicate2d, "ReplicationPad2DBackward0")                       \
  _(replicate3d, "ReplicationPad3DBackward0")                       \
  /* linear algebra (ember::linalg) */                              \
  _(linalg_inv, "LinalgInvExBackward0")                             \
  _(linalg_solve, "LinalgSolveExBackward0")                         \
  _(linalg_det, "LinalgDetBackward0")                               \
  _(linalg_slogdet, "LinalgSlogdetBackward0")                       \
  _(linalg_cholesky, "LinalgCholeskyExBackward0")                   \
  _(linalg_qr, "LinalgQrBackward0")                                 \
  _(linalg_eigh, "LinalgEighBackward0")                             \
  _(linalg_svd, "LinalgSvdBackward0")                               \
  /* convolution and pooling */                                     \
  _(convolution, "ConvolutionBackward0")                            \
  _(im2col, "Im2ColBackward0")                                      \
  _(col2im, "Col2ImBackward0")                                      \
  _(max_pool2d_with_indices, "MaxPool2DWithIndicesBackward0")       \
  _(avg_pool2d, "AvgPool2DBackward0")                               \
  _(avg_pool2d_backward, "AvgPool2DBackwardBackward0")              \
  _(adaptive_avg_pool2d, "AdaptiveAvgPool2DBackward0")              \
  _(adaptive_pool_grad, "AdaptiveAvgPool2DBackwardBackward0")       \
  /* batch normalisation */                                         \
  _(native_batch_norm, "NativeBatchNormBackward0")                  \
  _(native_batch_norm_backward, "NativeBatchNormBackwardBackward0") \
  /* sorting, selection, scans */                                   \
  _(sort, "SortBackward0")                                          \
  _(sort_stable, "SortBackward1")                                   \
  _(topk, "TopkBackward0")                                          \
  _(kthvalue, "KthvalueBackward0")                                  \
  _(median_all, "MedianBackward0")                                  \
  _(median_dim, "MedianBackward1")                                  \
  _(nanmedian_all, "NanmedianBackward0")                            \
  _(nanmedian_dim, "NanmedianBackward1")                            \
  _(mode, "ModeBackward0")                                          \
  _(cummax, "CummaxBackward0")                                      \
  _(cummin, "CumminBackward0")                                      \
  _(cumprod, "CumprodBackward0")                                    \
  _(logcumsumexp, "LogcumsumexpBackward0")                          \
  /* math family */                                                 \
  _(erf, "ErfBackward0")                                            \
  _(erfc, "ErfcBackward0")                                          \
  _(erfinv, "ErfinvBackward0")                                      \
  _(asin, "AsinBackward0")                                          \
  _(acos, "AcosBackward0")                                          \
  _(atan, "AtanBackward0")                                          \
  _(sinh, "SinhBackward0")                                          \
  _(cosh, "CoshBackward0")                                          \
  _(asinh, "AsinhBackward0")                                        \
  _(acosh, "AcoshBackward0")                                        \
  _(atanh, "AtanhBackward0")                                        \
  _(tan, "TanBackward0")                                            \
  _(expm1, "Expm1Backward0")                                        \
  _(log2, "Log2Backward0")                                          \
  _(log10, "Log10Backward0")                                        \
  _(exp2, "Exp2Backward0")                                          \
  _(trunc, "TruncBackward0")                                        \
  _(frac, "FracBackward0")                                          \
  _(atan2, "Atan2Backward0")                                        \
  _(hypot, "HypotBackward0")                                        \
  _(remainder, "RemainderBackward1")                                \
  _(remainder_scalar, "RemainderBackward0")                         \
  _(fmod, "FmodBackward1")                                          \
  _(fmod_scalar, "FmodBackward0")                                   \
  _(lerp, "LerpBackward0")                                          \
  _(lerp_tensor, "LerpBackward1")                                   \
  _(addcmul, "AddcmulBackward0")                                    \
  _(addcdiv, "AddcdivBackward0")                                    \
  _(nan_to_num, "NanToNumBackward0")                                \
  _(softplus, "SoftplusBackward0")                                  \
  _(silu, "SiluBackward0")                                          \
  _(mish, "MishBackward0")                                          \
  _(elu, "EluBackward0")                                            \
  _(hardtanh, "HardtanhBackward0")                                  \
  _(log_sigmoid, "LogSigmoidBackward0")

enum class GradOp : uint16_t {
#define EMBER_GRAD_OP_ENUM(op, node_name) op,
  EMBER_FORALL_GRAD_OPS(EMBER_GRAD_OP_ENUM)
#undef EMBER_GRAD_OP_ENUM
      kCount
};
inline constexpr int kNumGradOps = static_cast<int>(GradOp::kCount);

/// The op's name in the list ("mul").
EMBER_INTERNAL_API std::string_view grad_op_name(GradOp op);
/// The name of its node, as PyTorch names it ("MulBackward0").
EMBER_INTERNAL_API std::string_view grad_op_node_name(GradOp op);

/// The non-tensor arguments a formula needs, kept by value in the node. Each formula
/// documents which fields it reads (autograd/formulas/); tensors that are arguments but not
/// differentiable (indices, masks, conditions) go in `tensors`.
struct OpAttrs {
  Scalar scalar0{0};                  ///< alpha, scalar operand, exponent, slope, lower bound
  Scalar scalar1{0};                  ///< upper bound
  DimVector ints;                     ///< dims, sizes, permutation, split sizes
  DimVector ints2;                    ///< strides, a second geometry
  int64_t int0 = 0;                   ///< dim, start, index
  int64_t int1 = 0;                   ///< end, second dim
  int64_t int2 = 0;                   ///< step, storage offset
  bool flag0 = false;                 ///< keepdim, unbiased, has a lower bound
  bool flag1 = false;                 ///< has an upper bound, keepdim (second flag)
  std::vector<Tensor> tensors;        ///< non-differentiable tensor arguments
  SmallVector<int64_t, 4> positions;  ///< where each of `tensors` sits (indexing)
};

/// The state of one in-place change between InplaceGuard's check and its commit: the node
/// the autograd layer prepared (opaque to core).
struct PendingInplace {
  std::shared_ptr<void> node;
};

/// A gradient hook: receives the gradient, returns a replacement or an undefined tensor.
using TensorHook = std::function<Tensor(const Tensor&)>;

/// What core asks of the autograd layer. Registered once by autograd/, on first use.
class EMBER_INTERNAL_API AutogradHooks {
 public:
  virtual ~AutogradHooks() = default;

  virtual std::unique_ptr<AutogradMetaInterface> make_meta() = 0;

  /// outputs = op(inputs) was computed: records its node when an input requires grad.
  virtual void record(GradOp op, ArrayRef<Tensor> inputs, ArrayRef<Tensor> outputs,
                      OpAttrs&& attrs) = 0;
  /// The outputs are views of `input` (one per output): records their base, and their node
  /// when `input` requires grad. `multi` marks views from an op returning several (split).
  virtual void record_view(GradOp op, const Tensor& input, ArrayRef<Tensor> outputs,
                           OpAttrs&& attrs, bool multi) = 0;

  /// In place: the checks (a leaf that requires grad, a view that may not be modified), then
  /// the node prepared before the change (`inputs[0]` is self) and the commit after it.
  virtual void check_inplace(const Tensor& self, const char* op) = 0;
  virtual PendingInplace begin_inplace(GradOp op, ArrayRef<Tensor> inputs, OpAttrs&& attrs) = 0;
  virtual void commit_inplace(const Tensor& self, PendingInplace&& pending) = 0;

  // ---- Tensor's autograd methods ----
  virtual void backward(const Tensor& self, const Tensor& gradient,
                        std::optional<bool> retain_graph, bool create_graph,
                        const std::optional<std::vector<Tensor>>& inputs) = 0;
  virtual const std::shared_ptr<autograd::Node>& grad_fn(const Tensor& self) = 0;
  virtual bool is_leaf(const Tensor& self) = 0;
  virtual uint32_t output_nr(const Tensor& self) = 0;
  virtual void retain_grad(const Tensor& self) = 0;
  virtual bool retains_grad(const Tensor& self) = 0;
  virtual unsigned register_hook(const Tensor& self, TensorHook hook) = 0;
  virtual void remove_hook(const Tensor& self, unsigned handle) = 0;
  virtual bool is_view(const Tensor& self) = 0;
  virtual const Tensor& base(const Tensor& self) = 0;
  /// detach_(): drops history and view state, keeps the data.
  virtual void detach_(const Tensor& self) = 0;
};

/// The registered hooks (registration happens on first call).
EMBER_INTERNAL_API AutogradHooks& autograd_hooks();
/// Defined by the autograd layer: called once, from autograd_hooks().
AutogradHooks& register_autograd();

/// Whether `t` requires grad: one load when it has no autograd state.
inline bool requires_grad_fast(const Tensor& t) {
  const TensorImpl* impl = t.unsafeGetTensorImpl();
  if (impl == nullptr) return false;
  const AutogradMetaInterface* meta = impl->autograd_meta();
  return meta != nullptr && meta->requires_grad();
}

/// Whether an op on these inputs must record a node.
template <class... Tensors>
inline bool should_record(const Tensors&... inputs) {
  return (requires_grad_fast(inputs) || ...) && GradMode::is_enabled();
}
inline bool should_record_list(ArrayRef<Tensor> inputs) {
  for (const Tensor& t : inputs) {
    if (requires_grad_fast(t)) return GradMode::is_enabled();
  }
  return false;
}

/// Records `outputs = op(inputs)` when needed; front ends call it after the op's body.
inline void record(GradOp op, std::initializer_list<Tensor> inputs, const Tensor& output,
                   OpAttrs&& attrs = {}) {
  autograd_hooks().record(op, ArrayRef<Tensor>(inputs), ArrayRef<Tensor>(&output, 1),
                          std::move(attrs));
}

/// Public views call this: a view keeps its base while grad mode is on.
inline void record_view(GradOp op, const Tensor& input, const Tensor& output,
                        OpAttrs&& attrs = {}) {
  if (GradMode::is_enabled()) {
    autograd_hooks().record_view(op, input, ArrayRef<Tensor>(&output, 1), std::move(attrs), false);
  }
}

/// Runs an op's body with recording off: a body may call public ops, whose nodes would only
/// be discarded.
template <class Body>
inline auto below_autograd(Body&& body) {
  AutoGradMode off(false);
  return body();
}

/// The one path of every in-place op:
///   InplaceGuard guard(*this, "mul_", GradOp::mul, {*this, other});
///   native::mul_(*this, other);
///   return guard.commit();
/// The constructor checks (leaf that requires grad, a view that may not change, memory where
/// several elements share one location), prepares the node and turns recording off for the
/// body; commit() bumps the version counter, turns recording back on and makes the node
/// self's history (the base's, through CopySlices, for a view).
class EMBER_INTERNAL_API InplaceGuard {
 public:
  /// Whether self may have elements sharing one memory location: fills write each location
  /// once and allow it (as PyTorch's fill_ and zero_); every other op refuses it.
  enum class Overlap { kRefused, kAllowed };

  InplaceGuard(Tensor& self, const char* op, GradOp grad_op, std::initializer_list<Tensor> inputs,
               OpAttrs&& attrs = {}, Overlap overlap = Overlap::kRefused);
  InplaceGuard(Tensor& self, const char* op, GradOp grad_op, ArrayRef<Tensor> inputs,
               OpAttrs&& attrs, Overlap overlap = Overlap::kRefused);
  InplaceGuard(const InplaceGuard&) = delete;
  InplaceGuard& operator=(const InplaceGuard&) = delete;
  ~InplaceGuard() { GradMode::set_enabled(grad_mode_); }
  Tensor& commit();

 private:
  Tensor& self_;
  PendingInplace pending_;
  bool recording_ = false;
  bool grad_mode_;
};

/// Throws when several elements of `self` share one memory location (an expanded tensor):
/// an in-place op would write them in an undefined order.
EMBER_INTERNAL_API void check_no_internal_overlap(const Tensor& self, const char* op);

}  // namespace ember::detail
