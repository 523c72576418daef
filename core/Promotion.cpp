#include "core/Promotion.h"

#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"
#include "ember/core/Functions.h"
#include "kernels/Convert.h"

namespace ember {
namespace detail {
namespace {

int category(Dtype d) {
  if (d == kBool) return 0;
  if (is_integral_type(d, false)) return 1;
  return 2;
}

// Combines a higher-priority result with a lower-priority one: the lower one only matters
// when it is of a higher category.
Dtype combine_categories(Dtype higher, Dtype lower) {
  if (higher == ScalarType::Undefined) return lower;
  if (lower == ScalarType::Undefined) return higher;
  if (category(higher) >= category(lower)) return higher;
  return promote_types(higher, lower);
}

}  // namespace

void ResultTypeState::add(const Tensor& t) {
  Dtype& slot = t.dim() > 0 ? dim_result_ : zero_dim_result_;
  slot = promote_types(slot, t.dtype());
}

void ResultTypeState::add(const Scalar& s) {
  wrapped_result_ = promote_types(wrapped_result_, s.type());
}

Dtype ResultTypeState::result() const {
  return combine_categories(dim_result_, combine_categories(zero_dim_result_, wrapped_result_));
}

Tensor scalar_to_tensor(const Scalar& s, Dtype dtype) {
  // Every tensor-scalar op wraps its number, so this is hot: each thread keeps its last
  // wrapped tensor of each dtype and refills it when nothing else refers to it (not the
  // tensor, not a view of its storage, no autograd state), saving two allocations and frees.
  thread_local Tensor cache[kNumDtypes];
  Tensor& slot = cache[static_cast<int>(dtype)];
  if (!slot.defined() || slot.use_count() != 1 || slot.storage().use_count() != 1 ||
      slot.unsafeGetTensorImpl()->autograd_meta() != nullptr) {
    slot = empty_tensor({}, dtype, Device(kCPU));
  }
  dispatch_dtype<types::kAll>(dtype, "scalar_to_tensor", kCPU, [&]<class T>() {
    T value;
    if (s.isFloatingPoint()) {
      value = kernels::convert<T>(s.toDouble());
    } else if (s.isBoolean()) {
      value = kernels::convert<T>(s.toBool());
    } else {
      value = kernels::convert<T>(s.toLong());
    }
    *static_cast<T*>(slot.data_ptr()) = value;
  });
  return slot;
}

}  // namespace detail

Dtype result_type(const Tensor& a, const Tensor& b) {
  detail::ResultTypeState s;
  s.add(a);
  s.add(b);
  return s.result();
}

Dtype result_type(const Tensor& a, const Scalar& b) {
  detail::ResultTypeState s;
  s.add(a);
  s.add(b);
  return s.result();
}

Dtype result_type(const Scalar& a, const Tensor& b) { return result_type(b, a); }

bool can_cast(Dtype from, Dtype to) {
  // A value may not be written into a lower category (float into int, int into bool).
  auto cat = [](Dtype d) { return d == kBool ? 0 : is_integral_type(d, false) ? 1 : 2; };
  return cat(from) <= cat(to);
}

}  // namespace ember
