#pragma once

// The front end of an out-of-place op with a node of its own: its body runs below autograd,
// and the node (with the attributes `make_attrs` builds) is recorded only when an input
// requires grad.

#include <initializer_list>
#include <utility>

#include "core/AutogradHooks.h"

namespace ember::detail {

template <class Body, class MakeAttrs>
Tensor recorded_op(GradOp op, std::initializer_list<Tensor> inputs, Body&& body,
                   MakeAttrs&& make_attrs) {
  if (!should_record_list(ArrayRef<Tensor>(inputs))) return body();
  Tensor out = below_autograd(std::forward<Body>(body));
  autograd_hooks().record(op, ArrayRef<Tensor>(inputs), ArrayRef<Tensor>(&out, 1), make_attrs());
  return out;
}

/// OpAttrs with the given ints (dims, offsets) and optionally a list.
inline OpAttrs int_attrs(int64_t int0, int64_t int1 = 0, int64_t int2 = 0, IntArrayRef ints = {}) {
  OpAttrs attrs;
  attrs.int0 = int0;
  attrs.int1 = int1;
  attrs.int2 = int2;
  attrs.ints.assign(ints.begin(), ints.end());
  return attrs;
}

}  // namespace ember::detail
