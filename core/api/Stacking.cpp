// hstack, vstack (row_stack), dstack, column_stack and atleast_1d/2d/3d: composites of
// reshape / unsqueeze and cat, as PyTorch's.

#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember {

Tensor atleast_1d(const Tensor& t) { return t.dim() == 0 ? t.reshape({1}) : t; }
Tensor atleast_2d(const Tensor& t) {
  if (t.dim() == 0) return t.reshape({1, 1});
  return t.dim() == 1 ? t.unsqueeze(0) : t;
}
Tensor atleast_3d(const Tensor& t) {
  switch (t.dim()) {
    case 0:
      return t.reshape({1, 1, 1});
    case 1:
      return t.unsqueeze(0).unsqueeze(-1);
    case 2:
      return t.unsqueeze(-1);
    default:
      return t;
  }
}

namespace {
template <class Each>
std::vector<Tensor> each_of(ArrayRef<Tensor> tensors, Each&& each) {
  std::vector<Tensor> out;
  out.reserve(tensors.size());
  for (const Tensor& t : tensors) out.push_back(each(t));
  return out;
}

void check_non_empty(ArrayRef<Tensor> tensors, const char* op) {
  EMBER_CHECK(!tensors.empty(), "{} expects a non-empty TensorList", op);
}
}  // namespace

std::vector<Tensor> atleast_1d(ArrayRef<Tensor> tensors) {
  return each_of(tensors, [](const Tensor& t) { return atleast_1d(t); });
}
std::vector<Tensor> atleast_2d(ArrayRef<Tensor> tensors) {
  return each_of(tensors, [](const Tensor& t) { return atleast_2d(t); });
}
std::vector<Tensor> atleast_3d(ArrayRef<Tensor> tensors) {
  return each_of(tensors, [](const Tensor& t) { return atleast_3d(t); });
}

Tensor hstack(ArrayRef<Tensor> tensors) {
  check_non_empty(tensors, "hstack");
  const std::vector<Tensor> parts = atleast_1d(tensors);
  return cat(parts, parts[0].dim() == 1 ? 0 : 1);
}

Tensor vstack(ArrayRef<Tensor> tensors) {
  check_non_empty(tensors, "vstack");
  return cat(atleast_2d(tensors), 0);
}
Tensor row_stack(ArrayRef<Tensor> tensors) { return vstack(tensors); }

Tensor dstack(ArrayRef<Tensor> tensors) {
  check_non_empty(tensors, "dstack");
  return cat(atleast_3d(tensors), 2);
}

Tensor column_stack(ArrayRef<Tensor> tensors) {
  check_non_empty(tensors, "column_stack");
  return cat(each_of(tensors,
                     [](const Tensor& t) {
                       return t.dim() <= 1 ? t.reshape({t.numel(), 1}) : t;
                     }),
             1);
}

}  // namespace ember
