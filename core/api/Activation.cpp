// Public gelu, leaky_relu, softmax and log_softmax and their methods: each records its node
// for autograd when its input requires grad, around the bodies in core/ops/Activation.cpp and
// core/ops/Softmax.cpp.

#include <algorithm>

#include "core/AutogradHooks.h"
#include "core/ops/UnaryOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

// gelu: int0 = 1 for the tanh approximation, 0 for the exact form.
Tensor gelu(const Tensor& t, std::string_view approximate) {
  if (!detail::should_record(t)) return native::gelu(t, approximate);
  Tensor out = detail::below_autograd([&] { return native::gelu(t, approximate); });
  OpAttrs attrs;
  attrs.int0 = approximate == "tanh" ? 1 : 0;
  detail::record(GradOp::gelu, {t}, out, std::move(attrs));
  return out;
}
Tensor Tensor::gelu(std::string_view approximate) const { return ember::gelu(*this, approximate); }

// leaky_relu: scalar0 = negative_slope.
Tensor leaky_relu(const Tensor& t, const Scalar& negative_slope) {
  if (!detail::should_record(t)) return native::leaky_relu(t, negative_slope);
  Tensor out = detail::below_autograd([&] { return native::leaky_relu(t, negative_slope); });
  OpAttrs attrs;
  attrs.scalar0 = negative_slope;
  detail::record(GradOp::leaky_relu, {t}, out, std::move(attrs));
  return out;
}
Tensor Tensor::leaky_relu(const Scalar& negative_slope) const {
  return ember::leaky_relu(*this, negative_slope);
}

namespace {

// softmax / log_softmax: int0 = the dim, wrapped. A dtype converts the input inside the body;
// the engine casts the gradient back to the input's dtype.
template <class Body>
Tensor record_softmax_like(GradOp op, const Tensor& t, int64_t dim, Body&& body) {
  if (!detail::should_record(t)) return body();
  Tensor out = detail::below_autograd(body);
  OpAttrs attrs;
  attrs.int0 = dim < 0 ? dim + std::max<int64_t>(out.dim(), 1) : dim;  // 0-d: dim 0
  detail::record(op, {t}, out, std::move(attrs));
  return out;
}

}  // namespace

Tensor softmax(const Tensor& t, int64_t dim, std::optional<Dtype> dtype) {
  return record_softmax_like(GradOp::softmax, t, dim,
                             [&] { return native::softmax(t, dim, dtype); });
}

Tensor log_softmax(const Tensor& t, int64_t dim, std::optional<Dtype> dtype) {
  return record_softmax_like(GradOp::log_softmax, t, dim,
                             [&] { return native::log_softmax(t, dim, dtype); });
}

Tensor Tensor::softmax(int64_t dim, std::optional<Dtype> dtype) const {
  return ember::softmax(*this, dim, dtype);
}

Tensor Tensor::log_softmax(int64_t dim, std::optional<Dtype> dtype) const {
  return ember::log_softmax(*this, dim, dtype);
}

}  // namespace ember
