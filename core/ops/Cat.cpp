// The bodies of cat and stack: joining tensors along a dimension, with PyTorch's type
// promotion across the inputs and its legacy rule that 1-d empty tensors (shape [0]) are
// skipped.

#include <vector>

#include "core/KernelTable.h"
#include "core/Promotion.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/CatOps.h"
#include "core/ops/ViewOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::native {

bool skipped_by_cat(const Tensor& t) { return t.dim() == 1 && t.sizes()[0] == 0; }

Tensor cat(ArrayRef<Tensor> tensors, int64_t dim) {
  EMBER_CHECK(!tensors.empty(), "torch.cat(): expected a non-empty list of Tensors");
  detail::ResultTypeState promotion;
  const Device device = tensors[0].defined() ? tensors[0].device() : Device(kCPU);
  size_t valid = tensors.size();  // the first tensor that is not skipped
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    EMBER_CHECK(t.defined(), "torch.cat(): tensor at position {} is undefined", i);
    EMBER_CHECK(t.dim() > 0, "zero-dimensional tensor (at position {}) cannot be concatenated", i);
    EMBER_CHECK(t.device() == device,
                "torch.cat(): Expected all tensors to be on the same device, but found at least "
                "two devices, {} and {}! (tensor at position {})",
                device.str(), t.device().str(), i);
    promotion.add(t);
    if (valid == tensors.size() && !skipped_by_cat(t)) valid = i;
  }
  const Dtype dtype = promotion.result();
  if (valid == tensors.size()) return detail::empty_tensor({0}, dtype, device);

  const Tensor& ref = tensors[valid];
  dim = detail::wrap_dim(dim, ref.dim());
  int64_t total = 0;
  std::vector<Tensor> inputs;
  inputs.reserve(tensors.size());
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    if (skipped_by_cat(t)) continue;
    EMBER_CHECK(t.dim() == ref.dim(), "Tensors must have same number of dimensions: got {} and {}",
                ref.dim(), t.dim());
    for (int64_t d = 0; d < ref.dim(); ++d) {
      EMBER_CHECK(d == dim || t.sizes()[d] == ref.sizes()[d],
                  "Sizes of tensors must match except in dimension {}. Expected size {} but got "
                  "size {} for tensor number {} in the list.",
                  dim, ref.sizes()[d], t.sizes()[d], i);
    }
    EMBER_CHECK(!__builtin_add_overflow(total, t.sizes()[dim], &total),
                "torch.cat(): the concatenated size along dimension {} overflows int64", dim);
    if (t.numel() > 0) inputs.push_back(t.dtype() == dtype ? t : t.to(dtype));
  }
  DimVector sizes(ref.sizes());
  sizes[dim] = total;
  Tensor out = detail::empty_tensor(sizes, dtype, device);
  if (out.numel() > 0) detail::get_kernel<detail::Kernel::cat>(device.type())(out, inputs, dim);
  return out;
}

Tensor stack(ArrayRef<Tensor> tensors, int64_t dim) {
  EMBER_CHECK(!tensors.empty(), "stack expects a non-empty TensorList");
  for (size_t i = 0; i < tensors.size(); ++i) {
    EMBER_CHECK(tensors[i].defined(), "stack(): tensor at position {} is undefined", i);
  }
  dim = detail::wrap_dim(dim, tensors[0].dim() + 1);
  std::vector<Tensor> expanded;
  expanded.reserve(tensors.size());
  for (size_t i = 0; i < tensors.size(); ++i) {
    EMBER_CHECK(tensors[i].sizes() == tensors[0].sizes(),
                "stack expects each tensor to be equal size, but got {} at entry 0 and {} at "
                "entry {}",
                tensors[0].sizes(), tensors[i].sizes(), i);
    expanded.push_back(native::unsqueeze(tensors[i], dim));
  }
  return native::cat(expanded, dim);
}

}  // namespace ember::native
